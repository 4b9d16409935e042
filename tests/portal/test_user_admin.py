"""Office staff manage accounts in the admin but can never widen anyone's rights, least their own.

Every test acts as the office user (group „Koordinierungsstelle“, no superuser) and checks the
database afterwards: a 302 that silently ignored a field is as good as a 403, a 302 that saved
it is the escalation.
"""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.groups import OFFICE_GROUP
from portal.models import AccountEmailChange
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
    assert {"username", "first_name", "last_name", "is_active", "groups"} <= set(fields)
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


def test_office_staff_change_name_active_flag_and_office_group(office, partners):
    alice = partners.alice
    office_group = Group.objects.get(name=OFFICE_GROUP)

    response = office.post(
        change_url(alice),
        account_form(
            alice, first_name="Alice", last_name="Ärztin", is_active="", groups=[office_group.pk]
        ),
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name) == ("Alice", "Ärztin")
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


# Taking over an account (attack of 07.12.2026, M4): change its address, then „Passwort vergessen“.


@pytest.fixture
def colleague(db):
    person = factories.user("kollegin", is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return person


def test_office_staff_cannot_change_a_colleagues_address(office, colleague):
    old = colleague.email

    office.post(change_url(colleague), account_form(colleague, email="takeover@evil.test"))

    colleague.refresh_from_db()
    assert colleague.email == old
    assert not AccountEmailChange.objects.exists()


def test_office_staff_cannot_change_an_editors_address(office, partners):
    alice = partners.alice
    old = alice.email

    html = office.get(change_url(alice)).content.decode()
    office.post(change_url(alice), account_form(alice, email="takeover@evil.test"))

    assert 'name="email"' not in html
    alice.refresh_from_db()
    assert alice.email == old


def test_office_staff_cannot_change_a_superusers_address(office, root):
    response = office.post(change_url(root), account_form(root, email="takeover@evil.test"))

    assert response.status_code == 403
    root.refresh_from_db()
    assert root.email == "root@example.org"


def test_office_staff_change_their_own_address_and_the_history_shows_it(office, me):
    office.post(change_url(me), account_form(me, email="koordination.neu@example.org"))

    me.refresh_from_db()
    assert me.email == "koordination.neu@example.org"
    change = AccountEmailChange.objects.get()
    assert (change.account, change.changed_by, change.new_email) == (
        me,
        me,
        "koordination.neu@example.org",
    )
    assert "koordination.neu@example.org" in office.get(change_url(me)).content.decode()


def test_a_reset_after_an_address_change_also_goes_to_the_old_address(client, root, partners):
    alice = partners.alice
    old = alice.email
    admin = Client()
    admin.force_login(root)
    joined = {"date_joined_0": "01.12.2026", "date_joined_1": "10:00:00"}
    response = admin.post(
        change_url(alice), account_form(alice, email="alice.neu@example.org", **joined)
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    alice.set_password(PASSWORD)
    alice.save()

    client.post("/partnerbereich/passwort/vergessen/", {"email": "alice.neu@example.org"})

    (message,) = mail.outbox
    assert set(message.to) == {"alice.neu@example.org", old}
    change = AccountEmailChange.objects.get(account=alice)
    assert (change.old_email, change.changed_by) == (old, root)
