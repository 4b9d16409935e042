"""Template filters for the office's admin pages."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from portal.people import person_label

register = template.Library()


@register.filter
def person(user):
    """A user as the office reads them: name and e-mail address, never the address twice."""
    return person_label(user)


@register.filter
def waiting_since(moment):
    """„seit heute“, „seit 1 Tag“, „seit 3 Tagen“: how long something has been waiting."""
    days = (timezone.localdate() - timezone.localtime(moment).date()).days
    if days <= 0:
        return gettext("seit heute")
    return ngettext("seit %(days)d Tag", "seit %(days)d Tagen", days) % {"days": days}
