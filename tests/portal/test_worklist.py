"""The admin start page is the office's work list: what needs doing, each line a filtered list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.models import FundingProgramme
from network import proposals
from network.models import Partner
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def lines(response):
    return {str(entry.line.label): entry for entry in response.context["work_list"]}


def age(model, row, days):
    model.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(days))


def some_work(partners, number, batch="a"):
    """``number`` rows of every kind of work; one more row each that needs no work."""
    for index in (f"{batch}{position}" for position in range(number)):
        factories.programme(title=f"Alt geprüft {index}", last_reviewed_on=LONG_AGO)
        factories.programme(
            title=f"Frist vorbei {index}", deadline=timezone.localdate() - datetime.timedelta(1)
        )
        factories.window(factories.programme(title=f"Alte Quelle {index}"), source_year=2020)
        draft = factories.programme(title=f"Vergessen {index}", status=PublicationStatus.DRAFT)
        age(FundingProgramme, draft, 31)
        unconfirmed = factories.partner(name=f"Unbestätigt {index}", last_confirmed=None)
        age(Partner, unconfirmed, 366)
        old = factories.partner(name=f"Partnerentwurf {index}", status=PublicationStatus.DRAFT)
        age(Partner, old, 40)
        programme = factories.programme(title=f"Mit Vorschlag {index}", provider=partners.a)
        proposals.propose(
            partner=partners.a,
            author=partners.alice,
            target=programme,
            data={"summary": f"Neu {index}"},
        )
    factories.programme(title=f"Frisch und in Ordnung {batch}", deadline=timezone.localdate())
    recent_draft = factories.programme(
        title=f"Neuer Entwurf {batch}", status=PublicationStatus.DRAFT
    )
    age(FundingProgramme, recent_draft, 29)


def test_it_counts_each_kind_of_work(office, partners):
    some_work(partners, 2)
    shown = lines(office.get("/admin/"))

    assert shown["Änderungsvorschläge warten auf Prüfung"].count == 2
    assert shown["Förderprogramme: seit über einem Jahr nicht geprüft"].count == 2
    assert shown["Förderprogramme: Bewerbungszeitraum vorbei, kein nächster bekannt"].count == 2
    assert shown["Bewerbungszeiträume: Quelle älter als ein Jahr oder ohne Jahr"].count == 2
    assert shown["Förderprogramme: Entwürfe älter als 30 Tage"].count == 2
    assert shown["Partner: Eintrag seit über einem Jahr nicht bestätigt"].count == 2
    assert shown["Partner: Entwürfe älter als 30 Tage"].count == 2


def test_a_fresh_install_shows_no_overdue_partners_or_programmes(office, reference_data):
    """Partners and programmes entered today have a year before anyone must confirm them."""
    shown = lines(office.get("/admin/"))

    assert shown["Partner: Eintrag seit über einem Jahr nicht bestätigt"].count == 0
    assert shown["Förderprogramme: seit über einem Jahr nicht geprüft"].count == 0


def test_each_line_links_to_a_changelist_showing_exactly_its_rows(office, partners):
    some_work(partners, 2)
    page = office.get("/admin/")

    for label, entry in lines(page).items():
        assert f'href="{entry.url.replace("&", "&amp;")}"' in page.content.decode(), label
        changelist = office.get(entry.url)
        assert changelist.status_code == 200, label
        assert changelist.context["cl"].result_count == entry.count, label


def test_it_names_the_oldest_pending_proposals_first_with_partner_and_age(office, partners):
    first = factories.programme(title="Zuerst vorgeschlagen", provider=partners.a)
    second = factories.programme(title="Später vorgeschlagen", provider=partners.b)
    old = proposals.propose(
        partner=partners.a, author=partners.alice, target=first, data={"summary": "A"}
    )
    proposals.propose(partner=partners.b, author=partners.bob, target=second, data={"summary": "B"})
    old.__class__.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )

    html = office.get("/admin/").content.decode()

    assert html.index("Zuerst vorgeschlagen") < html.index("Später vorgeschlagen")
    assert "Klinikum Alpha" in html
    assert "Praxis Beta" in html
    assert "wartet seit 3 Tagen" in html
    assert f"/admin/network/changeproposal/{old.pk}/change/" in html


def test_its_counts_cost_the_same_queries_however_much_work_there_is(office, partners):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert office.get("/admin/").status_code == 200
        return len(captured)

    some_work(partners, 1)
    few = queries()
    some_work(partners, 6, batch="b")
    assert queries() == few


def test_staff_outside_the_office_sees_no_work_lines(client):
    client.force_login(factories.user("praktikant", is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.context["work_list"] == []
