"""Each funding page needs the same number of queries with 10 or 500 programmes."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.models import FundingProgramme
from portal.cache import bump_content_version
from tests import factories

pytestmark = pytest.mark.django_db

# "Whom to ask" on detail and stage pages reads the office (and a programme's districts'
# coordination): one or two queries each; the stage page also reads its next events.
# The detail page reads the programme's windows and contact points and its provider's contact
# points; every card its programme's windows (one query per list); its „Passt das zu mir?“
# link reads the programme's stages. A stage page orders its programmes like the finder,
# reading the finder's index (issue 26).
# The detail page and its related cards also read the towns a programme is limited to and the
# specialties it excludes (rules as data).
MAX_QUERIES = {"finder": 16, "finder_filtered": 16, "detail": 16, "stage": 17}


def fill(count, stage, districts, specialty, start=0):
    provider = factories.partner()
    for number in range(start, start + count):
        factories.programme(
            title=f"Programm {number:03d}",
            provider=provider,
            career_stages=[stage],
            districts=districts[: number % 3],
            specialties=[specialty] if number % 2 else [],
        )


def pages(stage, district):
    slug = FundingProgramme.objects.order_by("title").first().slug
    return {
        "finder": "/foerderungen/",
        "finder_filtered": f"/foerderungen/?stufe={stage.slug}&kreis={district.slug}&q=Programm"
        "&sort=frist&page=2",
        "detail": f"/foerderungen/{slug}/",
        "stage": f"/fuer/{stage.slug}/",
    }


def measure(client, url):
    """Queries of a cold request: nothing kept from an earlier one (page, index, cards)."""
    bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_programmes(client):
    stage = factories.career_stage(slug="studium")
    districts = [factories.district(), factories.district()]
    specialty = factories.specialty()
    fill(10, stage, districts, specialty)
    small = {name: measure(client, url) for name, url in pages(stage, districts[0]).items()}
    fill(490, stage, districts, specialty, start=10)
    large = {name: measure(client, url) for name, url in pages(stage, districts[0]).items()}
    print("queries per page (10 programmes, 500 programmes):", small, large)
    assert small == large
    for name, count in large.items():
        assert count <= MAX_QUERIES[name], (name, count)


@pytest.mark.parametrize("page", ["finder", "detail", "stage"])
def test_each_page_stays_within_its_query_budget(client, django_assert_max_num_queries, page):
    stage = factories.career_stage(slug="studium")
    districts = [factories.district()]
    fill(12, stage, districts, factories.specialty())
    url = pages(stage, districts[0])[page]
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        client.get(url)


# Every public page type, on the real reference data plus demo data at two sizes.
SITE_PAGES = [
    "/",
    "/foerderungen/",
    "/foerderungen/?stufe=studium&kreis=goerlitz&fach=allgemeinmedizin&art=stipendium&page=2",
    "/foerderungen/?q=Stipendium&sort=betrag",
    "/fuer/studium/",
    "/regionen/",
    "/regionen/goerlitz/",
    "/netzwerk/",
    "/netzwerk/partner/",
    "/netzwerk/partner/?kreis=goerlitz",
    "/netzwerk/lenkungsgruppe/",
    "/netzwerk/koordinierungsstelle/",
    "/regionalkoordination/",
    "/foerderungen/feed/",
    "/sitemap.xml",
    "/sitemap-programme.xml",
    "/suche/?q=Stipendium",
    "/en/foerderungen/",
    "/foerder-check/?stufe=studium&semester=3&kreis=goerlitz&fach=offen&schritt=ergebnis",
    "/foerder-check/?stufe=studium&schritt=region",
    "/foerderungen/vergleich/?p=saechsisches-hausarztstipendium&p=famulaturfoerderung",
    "/weg/?kreis=goerlitz",
]
MAX_SITE_QUERIES = 25


def detail_pages():
    """A real programme's and a real partner's page (they exist at both sizes)."""
    from network.models import Partner

    programme = FundingProgramme.objects.published().filter(is_demo=False).order_by("pk").first()
    partner = Partner.objects.published().filter(is_demo=False).order_by("pk").first()
    return [programme.get_absolute_url(), partner.get_absolute_url()]


def test_no_page_needs_more_queries_with_more_programmes_and_partners(
    client, reference_data, settings
):
    # Measure the pages themselves, not the page cache in front of them.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    call_command("seed_demo", programmes=15, partners=4, verbosity=0)
    urls = SITE_PAGES + detail_pages()
    small = {url: measure(client, url) for url in urls}
    call_command("seed_demo", programmes=250, partners=60, verbosity=0)
    large = {url: measure(client, url) for url in urls}
    print("queries per page (small, large):", {url: (small[url], large[url]) for url in urls})
    grown = {url: (small[url], large[url]) for url in urls if large[url] != small[url]}
    assert not grown, f"Abfragen wachsen mit den Daten (klein, groß): {grown}"
    too_many = {url: count for url, count in large.items() if count > MAX_SITE_QUERIES}
    assert not too_many, too_many
