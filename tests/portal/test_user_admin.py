"""Office staff manage accounts in the admin but can never widen anyone's rights, least their own.

Every test acts as the office user (group „Koordinierungsstelle“, no superuser) and checks the
database afterwards: a 302 that silently ignored a field is as good as a 403, a 302 that saved
it is the escalation.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from portal.groups import OFFICE_GROUP
from tests import factories

PASSWORD = "x-Test-1234"


@pytest.fixture
def me(office):
    return User.objects.get(username="koordination")


@pytest.fixture
def root(db):
    return factories.user("root", is_staff=True, is_superuser=True)


@pytest.fixture
def wide_group(db):
    """A group with a right the office does not have (deleting accounts)."""
    group = Group.objects.create(name="Verwaltung mit allen Rechten")
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    return group


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def account_form(user, **fields):
    """The change form as the office would submit it, with ``fields`` on top."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(fields)
    return data


def test_it_ignores_is_superuser_when_office_staff_edit_their_own_account(office, me):
    response = office.post(change_url(me), account_form(me, is_superuser="on", is_staff="on"))

    assert response.status_code == 302
    me.refresh_from_db()
    assert me.is_superuser is False
    assert office.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_it_ignores_single_permissions_office_staff_grant_themselves(office, me):
    delete_user = Permission.objects.get(codename="delete_user")

    response = office.post(change_url(me), account_form(me, user_permissions=[delete_user.pk]))

    assert response.status_code == 302
    me.refresh_from_db()
    assert not me.user_permissions.exists()
    assert not User.objects.get(pk=me.pk).has_perm("auth.delete_user")


def test_it_refuses_a_group_that_widens_the_office_users_rights(office, me, wide_group):
    office_group = Group.objects.get(name=OFFICE_GROUP)

    response = office.post(
        change_url(me), account_form(me, groups=[office_group.pk, wide_group.pk])
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["groups"]
    assert set(me.groups.all()) == {office_group}


def test_the_group_choice_offers_only_groups_within_the_office_users_rights(office, me, wide_group):
    response = office.get(change_url(me))

    offered = set(response.context["adminform"].form.fields["groups"].queryset)
    assert offered == {Group.objects.get(name=OFFICE_GROUP)}


def test_the_change_form_has_no_field_that_grants_rights(office, partners):
    response = office.get(change_url(partners.alice))

    fields = response.context["adminform"].form.fields
    assert {"username", "first_name", "last_name", "email", "is_active", "groups"} <= set(fields)
    assert not {"is_superuser", "is_staff", "user_permissions", "password"} & set(fields)
    html = response.content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html


def test_office_staff_cannot_give_another_account_staff_status(office, partners):
    alice = partners.alice

    response = office.post(change_url(alice), account_form(alice, is_staff="on", is_superuser="on"))

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.is_staff, alice.is_superuser) == (False, False)


def test_office_staff_cannot_change_a_superuser(office, root):
    response = office.post(
        change_url(root), account_form(root, email="koordination@example.org", is_active="")
    )

    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"
    assert root.is_active is True


def test_office_staff_cannot_replace_a_superusers_password(office, root):
    url = reverse("admin:auth_user_password_change", args=[root.pk])

    response = office.post(
        url,
        {"password1": "Neu-Geheim-2026", "password2": "Neu-Geheim-2026", "usable_password": "true"},
    )

    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password(PASSWORD)
    assert office.get(url).status_code == 403


def test_office_staff_cannot_set_a_partner_editors_password(office, partners):
    url = reverse("admin:auth_user_password_change", args=[partners.alice.pk])

    response = office.post(
        url,
        {"password1": "Neu-Geheim-2026", "password2": "Neu-Geheim-2026", "usable_password": "true"},
    )

    assert response.status_code == 403
    partners.alice.refresh_from_db()
    assert partners.alice.check_password(PASSWORD)


def test_office_staff_cannot_change_an_account_with_wider_rights(office, wide_group):
    colleague = factories.user("leitung", is_staff=True)
    colleague.groups.add(wide_group)

    response = office.post(change_url(colleague), account_form(colleague, email="x@example.org"))

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.email == "leitung@example.org"


def test_office_staff_cannot_reactivate_an_inactive_account_with_wider_rights(office, wide_group):
    colleague = factories.user("ehemalige.leitung", is_staff=True, is_active=False)
    colleague.groups.add(wide_group)

    response = office.post(
        change_url(colleague), account_form(colleague, is_active="on", email="x@example.org")
    )

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert (colleague.is_active, colleague.email) == (False, "ehemalige.leitung@example.org")


def test_office_staff_change_name_email_active_flag_and_office_group(office, partners):
    alice = partners.alice
    office_group = Group.objects.get(name=OFFICE_GROUP)

    response = office.post(
        change_url(alice),
        account_form(
            alice,
            first_name="Alice",
            last_name="Ärztin",
            email="alice.neu@example.org",
            is_active="",
            groups=[office_group.pk],
        ),
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name, alice.email) == (
        "Alice",
        "Ärztin",
        "alice.neu@example.org",
    )
    assert alice.is_active is False
    assert set(alice.groups.all()) == {office_group}


def test_office_staff_create_an_account_without_rights(office):
    response = office.post(
        reverse("admin:auth_user_add"),
        {"username": "neue.redakteurin@example.org", "usable_password": "false"},
    )

    assert response.status_code == 302
    created = User.objects.get(username="neue.redakteurin@example.org")
    assert (created.is_staff, created.is_superuser, created.has_usable_password()) == (
        False,
        False,
        False,
    )


def test_a_superuser_keeps_the_full_account_form(client, root, partners):
    client.force_login(root)

    fields = client.get(change_url(partners.alice)).context["adminform"].form.fields

    assert {"is_superuser", "is_staff", "user_permissions", "password"} <= set(fields)
