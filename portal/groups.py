"""The staff group „Koordinierungsstelle“ and what its members may do in the admin."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

OFFICE_GROUP = "Koordinierungsstelle"

# Everything in the portal's own apps (incl. their audit history), user accounts for inviting
# partner editors (no deletion: accounts are deactivated), and lifting login lockouts.
OFFICE_APPS = ["portal", "network", "funding", "coordinators", "contact"]
OFFICE_EXTRA_PERMISSIONS = [
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
]


def office_permissions():
    extra = Q()
    for app_label, codename in OFFICE_EXTRA_PERMISSIONS:
        extra |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(Q(content_type__app_label__in=OFFICE_APPS) | extra)


def ensure_office_group(**kwargs):
    """Create the group or bring its permissions up to date; safe to run after every migrate."""
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    group.permissions.add(*office_permissions())
    return group
