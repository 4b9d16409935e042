"""User accounts in the admin: superusers manage everything, office staff only what they could do.

The group „Koordinierungsstelle“ may add and change accounts (to let partner editors and new
colleagues in), but the stock ``UserAdmin`` would also let it set ``is_superuser``, grant single
permissions, join wider groups and replace any password, a way to every right in the portal.
One rule keeps that shut: a person who is not a superuser may only change accounts that can do
no more than they can themselves, and may only hand out groups within their own rights.

The e-mail address is the key to an account (``Passwort vergessen`` sends the link there), so
changing another account's address is a superuser's act; office staff change their own, or set
the first address of an account nobody has used yet. Every change is recorded
(:class:`portal.models.AccountEmailChange`) and shown on the account's page.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from portal.models import AccountEmailChange


def names(permissions):
    return {f"{perm.content_type.app_label}.{perm.codename}" for perm in permissions}


def granted_permissions(account):
    """What ``account`` may do once active: its own and its groups' permissions.

    Not ``get_all_permissions()``, which is empty while an account is inactive: reactivating
    it must not turn out to hand over more than one was allowed to touch.
    """
    return names(
        Permission.objects.filter(Q(user=account) | Q(group__user=account)).select_related(
            "content_type"
        )
    )


def assignable_groups(actor):
    """The groups ``actor`` may put accounts into: none grants more than ``actor`` has."""
    if actor.is_superuser:
        return Group.objects.all()
    own = actor.get_all_permissions()
    groups = Group.objects.prefetch_related("permissions__content_type")
    return Group.objects.filter(
        pk__in=[group.pk for group in groups if names(group.permissions.all()) <= own]
    )


def can_manage(actor, account):
    """Whether ``actor`` may change ``account``: no superuser, none with wider rights."""
    if actor.is_superuser:
        return True
    if account.is_superuser:
        return False
    return granted_permissions(account) <= actor.get_all_permissions()


def can_change_email(actor, account):
    """Whether ``actor`` may change the address of ``account``: their own, or a fresh one."""
    if actor.is_superuser or actor.pk == account.pk:
        return True
    return not account.email and account.last_login is None


class OfficeAccountForm(UserChangeForm):
    # Without the password hash and its link to the set-password page.
    password = None


class AccountAdmin(UserAdmin):
    """Django's UserAdmin; for everyone but superusers without the fields that grant rights."""

    office_fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persönliche Angaben"), {"fields": ("first_name", "last_name", "email")}),
        (_("Zugang"), {"fields": ("is_active", "groups", "is_staff", "is_superuser")}),
        (_("Wichtige Daten"), {"fields": ("last_login", "date_joined")}),
    )
    office_readonly_fields = ("is_staff", "is_superuser", "last_login", "date_joined")
    history_fieldset = (_("Frühere E-Mail-Adressen"), {"fields": ("email_history",)})

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return (*super().get_fieldsets(request, obj), self.history_fieldset)
        return (*self.office_fieldsets, self.history_fieldset)

    @admin.display(description=_("Änderungen"))
    def email_history(self, obj):
        changes = obj.email_changes.select_related("changed_by")
        return format_html_join(
            "",
            "<p>{}: {} → {} ({})</p>",
            (
                (
                    date_format(timezone.localtime(change.changed_at), "d.m.Y H:i"),
                    change.old_email or "—",
                    change.new_email or "—",
                    change.changed_by or "—",
                )
                for change in changes
            ),
        ) or _("keine")

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not request.user.is_superuser:
            kwargs["form"] = OfficeAccountForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return (*super().get_readonly_fields(request, obj), "email_history")
        if not can_change_email(request.user, obj):
            return (*self.office_readonly_fields, "email_history", "email")
        return (*self.office_readonly_fields, "email_history")

    def save_model(self, request, obj, form, change):
        if change and "email" in form.changed_data:
            AccountEmailChange.objects.create(
                account=obj,
                old_email=form.initial.get("email") or "",
                new_email=obj.email,
                changed_by=request.user,
            )
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_manage(request.user, obj))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = assignable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        # Setting someone else's password takes over their account; partner editors and
        # colleagues choose their own through the invitation or "Passwort vergessen".
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
