"""How the portal names a person (an editor, a member of the office) in lists and history."""

from django.utils.translation import gettext as _


def person_label(user):
    """„Petra Müller (redaktion@klinikum.example)“ where the name is known, the address once.

    Partner editors are invited by e-mail address, which becomes their user name: showing user
    name and address side by side would repeat it.
    """
    if user is None:
        return "—"
    name = user.get_full_name().strip()
    username = user.get_username()
    email = user.email.strip()
    if not name and username.casefold() != email.casefold():
        name = username
    if name and email:
        return _("%(name)s (%(email)s)") % {"name": name, "email": email}
    return name or email or username
