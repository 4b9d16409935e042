"""The admin is the office's daily tool: every model opens for office staff, never for others."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from funding.models import FundingProgramme
from network.models import Partner
from portal.groups import OFFICE_GROUP
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

OWN_APPS = {"portal", "network", "funding", "coordinators"}


def own_models():
    """Every model of our apps that the admin offers (history tables are reached via history)."""
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label in OWN_APPS),
        key=lambda model: model._meta.label,
    )


@pytest.fixture
def office_client(client):
    person = factories.user("office", is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    client.force_login(person)
    return client


def test_every_model_of_the_domain_is_in_the_admin():
    registered = {model._meta.label for model in own_models()}
    # Rows edited on their owner's page (a coordination's contact points) count as editable.
    registered |= {
        inline.model._meta.label
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    expected = {
        model._meta.label
        for app in OWN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
        # The search index mirrors the content; nobody edits it by hand.
        and not getattr(model, "derived_from_content", False)
    }
    # Proposals are handled through the review queue; every other model must be editable.
    assert expected - registered <= {label for label in expected if "Proposal" in label}


@pytest.mark.parametrize("model", own_models(), ids=lambda model: model._meta.label)
def test_changelist_and_add_form_open_for_office_staff(office_client, reference_data, model):
    opts = model._meta
    changelist = office_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    if admin.site._registry[model].has_add_permission(changelist.wsgi_request):
        add = office_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert add.status_code == 200
    first = model._default_manager.first()
    if first is not None:
        change = office_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        )
        assert change.status_code == 200
        assert change.context["original"] == first


@pytest.mark.parametrize("model", own_models(), ids=lambda model: model._meta.label)
def test_anonymous_visitors_are_sent_to_the_login(client, model):
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_office_group_sees_no_domain_data(client):
    person = factories.user("praktikant", is_staff=True)
    client.force_login(person)
    response = client.get(reverse("admin:funding_fundingprogramme_changelist"))
    assert response.status_code == 403


def test_admin_speaks_german(office_client):
    html = office_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Förderprogramme" in html
    assert "Koordinierungsstelle" in html


def test_publish_action_publishes_the_selected_programmes(office_client):
    draft = factories.programme(status=PublicationStatus.DRAFT)
    response = office_client.post(
        reverse("admin:funding_fundingprogramme_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED
    assert "1 Eintrag ist jetzt „Veröffentlicht“." in response.content.decode()


def test_archive_action_takes_a_partner_off_the_site(office_client):
    partner = factories.partner()
    office_client.post(
        reverse("admin:network_partner_changelist"),
        {"action": "archive", "_selected_action": [partner.pk]},
    )
    partner.refresh_from_db()
    assert partner.status == PublicationStatus.ARCHIVED
    assert not Partner.objects.published().filter(pk=partner.pk).exists()


def test_mark_reviewed_today_sets_the_review_date(office_client):
    old = factories.programme(last_reviewed_on=datetime.date(2020, 1, 1))
    office_client.post(
        reverse("admin:funding_fundingprogramme_changelist"),
        {"action": "mark_confirmed_today", "_selected_action": [old.pk]},
    )
    old.refresh_from_db()
    assert old.last_reviewed_on == datetime.date.today()


def test_mark_confirmed_today_sets_the_partners_confirmation_date(office_client):
    partner = factories.partner(last_confirmed=datetime.date(2020, 1, 1))
    response = office_client.post(
        reverse("admin:network_partner_changelist"),
        {"action": "mark_confirmed_today", "_selected_action": [partner.pk]},
        follow=True,
    )
    partner.refresh_from_db()
    assert partner.last_confirmed == datetime.date.today()
    assert "1 Eintrag als am" in response.content.decode()


def test_overdue_filter_lists_only_programmes_not_checked_for_a_year(office_client):
    overdue = factories.programme(
        title="Lange nicht geprüft", last_reviewed_on=datetime.date(2020, 1, 1)
    )
    never = factories.programme(title="Nie geprüft", last_reviewed_on=None)
    FundingProgramme.objects.filter(pk=never.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    fresh = factories.programme(title="Frisch geprüft")
    factories.programme(title="Heute angelegt", last_reviewed_on=None)
    response = office_client.get(
        reverse("admin:funding_fundingprogramme_changelist") + "?pruefung=ueberfaellig"
    )
    shown = set(response.context["cl"].queryset)
    assert shown == {overdue, never}
    assert fresh not in shown


def test_region_filter_separates_statewide_programmes(office_client):
    district = factories.district(name="Görlitz")
    regional = factories.programme(districts=[district])
    statewide = factories.programme()
    url = reverse("admin:funding_fundingprogramme_changelist")
    assert set(office_client.get(url + "?region=sachsenweit").context["cl"].queryset) == {statewide}
    assert set(office_client.get(url + f"?region={district.slug}").context["cl"].queryset) == {
        regional
    }


def test_programme_search_finds_by_provider(office_client):
    provider = factories.partner(name="Kassenärztliche Vereinigung Sachsen")
    programme = factories.programme(provider=provider)
    factories.programme()
    response = office_client.get(
        reverse("admin:funding_fundingprogramme_changelist") + "?q=Kassenärztliche"
    )
    assert list(response.context["cl"].queryset) == [programme]


def test_office_group_may_change_programmes_but_not_delete_users():
    group = Group.objects.get(name=OFFICE_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_fundingprogramme", "add_partner", "change_regionalcoordinator"} <= codenames
    assert "delete_user" not in codenames


def test_empty_choice_in_select_boxes_is_german(office_client):
    html = office_client.get(
        reverse("admin:funding_fundingprogramme_add"), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()
    assert "– Bitte auswählen –" in html
    assert "Select an option" not in html
