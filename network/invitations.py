"""The office invites a person to edit a partner's data; the email leads to setting a password."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from network.models import PartnerMembership
from portal import mail
from portal.site import absolute_url


def invite(*, partner, email, first_name="", last_name="", base_url=None):
    """Give the person with ``email`` access to ``partner`` and email them the way in.

    A new person gets an account without a usable password; the link in the email (Django's
    password-reset token, valid for ``PASSWORD_RESET_TIMEOUT``) lets them choose one. A person
    who already has an account keeps it and gets a note that one more partner was added.

    Returns the membership and whether the mail went out; the membership stays either way, and
    ``send_invitation`` (the admin action „Einladung erneut senden“) tries again.
    """
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
        if user is None:
            user = User(
                username=email[:150], email=email, first_name=first_name, last_name=last_name
            )
            user.set_unusable_password()
            user.save()
        membership, _created = PartnerMembership.objects.get_or_create(user=user, partner=partner)
    return membership, send_invitation(membership, base_url=base_url)


def invitation_link(user, base_url=None):
    """The absolute set-password link for ``user``."""
    path = reverse(
        "partnerarea:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return (base_url or absolute_url()) + path


def send_invitation(membership, base_url=None):
    """Email the invitation with a fresh link; returns whether the mail server took it."""
    user = membership.user
    context = {
        "user": user,
        "partner": membership.partner,
        "needs_password": not user.has_usable_password(),
        "link": invitation_link(user, base_url),
        "login_url": (base_url or absolute_url()) + reverse("login"),
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    subject = _("Einladung in den Partnerbereich von »Ärzte für Sachsen«")
    body = render_to_string("partnerarea/emails/invitation.txt", context)
    return mail.send(subject, body, [user.email])
