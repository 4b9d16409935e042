"""German alphabetical order: the same on SQLite and on PostgreSQL (ICU ``de-x-icu``)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from funding.models import FundingProgramme
from network.models import Partner
from portal.collation import SQLITE_COLLATION, german_sort_key
from portal.groups import OFFICE_GROUP
from portal.models import District, PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

# The order a German reader expects: Ä with A, Ö with O, ß as ss, case only breaks ties,
# a space before a hyphen before letters, quotation marks before letters.
GERMAN_ORDER = [
    "abc Klinik",
    "Abc Klinik",
    "AOK PLUS",
    "Arzt und Praxis",
    "Ärzte-Netz Ostsachsen",
    "Landkreis Leipzig",
    "Landkreis-Test",
    "Landkreistag",
    "Medizinische Fakultät",
    "Medizinisches Zentrum",
    "MVZ plus!med",
    "Oberlausitz-Kliniken",
    "Ölsnitz",
    "Stadt Gröditz",
    "Strasse",
    "Straße",
    "Strauß",
    "Weiterbildungsverbund „Hausärzte für das Vogtland“",
    "Weiterbildungsverbund Allgemeinmedizin Erzgebirge",
    "Zwickau",
]


@pytest.fixture
def office_client(client):
    person = factories.user("office", is_staff=True)
    person.groups.add(Group.objects.get(name=OFFICE_GROUP))
    client.force_login(person)
    return client


def test_partners_are_listed_in_german_alphabetical_order(client):
    for number, name in enumerate(reversed(GERMAN_ORDER)):
        factories.partner(name=name, slug=f"partner-{number}", status=PublicationStatus.PUBLISHED)
    assert [p.name for p in Partner.objects.all()] == GERMAN_ORDER

    html = client.get(reverse("network:partner_list")).content.decode()
    positions = [html.index(f">{name}</a>") for name in GERMAN_ORDER]
    assert positions == sorted(positions)


def test_the_admin_list_of_partners_is_in_german_order(office_client):
    for number, name in enumerate(reversed(GERMAN_ORDER)):
        factories.partner(name=name, slug=f"partner-{number}")
    response = office_client.get(reverse("admin:network_partner_changelist"))
    assert [p.name for p in response.context["cl"].result_list] == GERMAN_ORDER


def test_programme_titles_sort_the_german_way():
    titles = ["Ärztliche Weiterbildung", "Zweigpraxis", "Famulatur", "Anschubförderung"]
    for title in titles:
        factories.programme(title=title)

    assert list(FundingProgramme.objects.values_list("title", flat=True)) == [
        "Anschubförderung",
        "Ärztliche Weiterbildung",
        "Famulatur",
        "Zweigpraxis",
    ]


def test_the_python_sort_key_gives_the_same_order():
    backwards = GERMAN_ORDER[::-1]  # equal keys would keep this order and fail
    assert sorted(backwards, key=german_sort_key) == GERMAN_ORDER


def test_districts_sort_the_german_way_in_their_list_and_the_admin(office_client):
    for name in ["Zwickau", "Ölsnitz-Land", "Oberland", "Landkreis Leipzig", "Leipzig"]:
        factories.district(name=name)
    expected = ["Landkreis Leipzig", "Leipzig", "Oberland", "Ölsnitz-Land", "Zwickau"]
    assert [d.name for d in District.objects.all()] == expected
    response = office_client.get(reverse("admin:portal_district_changelist"))
    assert [d.name for d in response.context["cl"].result_list] == expected


def database_order(names):
    """``names`` as the database sorts them with the portal's German collation."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                'SELECT name FROM unnest(%s::text[]) AS name ORDER BY name COLLATE "de-x-icu"',
                [names],
            )
        else:
            rows = ", ".join(["(%s)"] * len(names))
            cursor.execute(
                f"SELECT column1 FROM (VALUES {rows}) ORDER BY column1 COLLATE {SQLITE_COLLATION}",
                names,
            )
        return [row[0] for row in cursor.fetchall()]


def test_the_database_sorts_the_expected_german_order():
    assert database_order(list(reversed(GERMAN_ORDER))) == GERMAN_ORDER


# On PostgreSQL this holds the SQLite sort key equal to ICU itself, over names made of the
# letters, marks and digits where the two could part ways.
NAME_ALPHABET = "aAäÄbBoOöÖsSßuUüÜzZ -„“()1"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=8), min_size=2, max_size=12))
def test_the_sort_key_agrees_with_the_database_on_random_names(names):
    assert sorted(names, key=german_sort_key) == database_order(names)


def test_admin_filters_over_relations_keep_working_with_the_german_order(office_client):
    # Filters over many-to-many relations make the admin use SELECT DISTINCT, which PostgreSQL
    # accepts only if the collated ORDER BY expression is selected too.
    stage = factories.career_stage()
    programme = factories.programme(career_stages=[stage])
    response = office_client.get(
        reverse("admin:funding_fundingprogramme_changelist")
        + f"?career_stages__id__exact={stage.pk}"
    )
    assert list(response.context["cl"].result_list) == [programme]
    basis = factories.funding_basis()
    post = factories.coordinator(factories.district())
    post.funding_bases.add(basis)
    response = office_client.get(
        reverse("admin:coordinators_regionalcoordinator_changelist")
        + f"?funding_bases__id__exact={basis.pk}"
    )
    assert list(response.context["cl"].result_list) == [post]
