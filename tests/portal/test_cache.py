"""The page cache: anonymous pages come from the cache; every change shows on the next request."""

import os
import uuid

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from funding.models import FundingProgramme
from portal.cache import (
    VERSION_KEY,
    CachedPage,
    LocalPages,
    bump_content_version,
)
from portal.models import Page
from tests import factories

# The Redis tests below share Redis databases with other files (and flush them): under
# pytest-xdist one worker runs them all.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("redis")]

FINDER = "/foerderungen/"


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


@pytest.fixture
def programme(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    return factories.programme(title="Landarzt-Stipendium Görlitz", career_stages=[stage])


def test_second_request_is_served_from_the_cache_without_a_query(client, programme):
    first, html = fetch(client, FINDER)
    assert "Landarzt-Stipendium Görlitz" in html
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        second, cached_html = fetch(client, FINDER)
    assert len(queries) == 0
    assert second["X-Page-Cache"] == "hit"
    assert cached_html == html
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies


def test_each_query_string_is_cached_on_its_own(client, programme):
    fetch(client, FINDER)
    response, html = fetch(client, FINDER + "?q=gibt-es-nicht")
    assert "X-Page-Cache" not in response
    assert "Landarzt-Stipendium Görlitz" not in html.split("results-title")[1]


def test_cached_page_changes_after_an_admin_save(client, admin_client, programme):
    fetch(client, programme.get_absolute_url())
    response = admin_client.post(
        f"/admin/funding/fundingprogramme/{programme.pk}/change/",
        admin_form_data(programme, title="Landarzt-Stipendium Görlitz 2027"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _response, html = fetch(client, programme.get_absolute_url())
    assert "Landarzt-Stipendium Görlitz 2027" in html


def admin_form_data(programme, **changes):
    """The admin change form's fields for ``programme``, with ``changes`` applied."""
    data = {
        "title": programme.title,
        "slug": programme.slug,
        "summary": programme.summary,
        "description": programme.description,
        "provider": programme.provider_id,
        "career_stages": [stage.pk for stage in programme.career_stages.all()],
        "kind": programme.kind,
        "status": programme.status,
        "last_reviewed_on": programme.last_reviewed_on.isoformat(),
    }
    # The inlines (application windows, contact points, area rules), none changed.
    for prefix in ("windows", "contact_points", "area_rules"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def test_cached_page_changes_after_a_save(client, programme):
    fetch(client, programme.get_absolute_url())
    programme.summary = "Neu: 600 € im Monat für Studierende."
    programme.save()
    _response, html = fetch(client, programme.get_absolute_url())
    assert "Neu: 600 € im Monat für Studierende." in html


def test_cached_finder_changes_after_a_districts_change(client, programme):
    goerlitz = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    bautzen = factories.district(name="Bautzen", slug="bautzen", ags="14625")
    programme.districts.set([goerlitz])
    url = FINDER + "?kreis=bautzen"
    _response, html = fetch(client, url)
    assert "0 Förderungen gefunden" in html
    programme.districts.add(bautzen)
    _response, html = fetch(client, url)
    assert "1 Förderung gefunden" in html
    programme.districts.clear()  # statewide: counts for Bautzen too
    programme.districts.add(goerlitz)
    _response, html = fetch(client, url)
    assert "0 Förderungen gefunden" in html


def test_cached_page_changes_after_a_career_stage_is_removed(client, programme):
    url = FINDER + "?stufe=studium"
    assert "1 Förderung gefunden" in fetch(client, url)[1]
    programme.career_stages.remove(*programme.career_stages.all())
    assert "0 Förderungen gefunden" in fetch(client, url)[1]


def test_cached_page_changes_after_a_delete(client, programme):
    assert "Landarzt-Stipendium Görlitz" in fetch(client, FINDER)[1]
    programme.delete()
    assert "Landarzt-Stipendium Görlitz" not in fetch(client, FINDER)[1]


def test_cached_page_changes_after_a_partner_is_renamed(client, programme):
    programme.provider.name = "Landkreis Görlitz"
    programme.provider.save()
    fetch(client, programme.get_absolute_url())
    programme.provider.name = "Landratsamt Görlitz"
    programme.provider.save()
    assert "Landratsamt Görlitz" in fetch(client, programme.get_absolute_url())[1]


def test_queryset_update_is_visible_once_the_writer_bumps_the_version(client, programme):
    fetch(client, FINDER)
    FundingProgramme.objects.filter(pk=programme.pk).update(title="Per update() geändert")
    # update() sends no signal: until the writer bumps, the cached page is still served ...
    assert "Per update() geändert" not in fetch(client, FINDER)[1]
    bump_content_version()
    # ... and right after the bump the change is visible.
    assert "Per update() geändert" in fetch(client, FINDER)[1]


def test_seed_demo_makes_its_rows_visible_on_the_next_request(client, programme):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    factories.specialty(name="Allgemeinmedizin")
    assert "[Demo]" not in fetch(client, FINDER)[1]
    call_command("seed_demo", programmes=5, partners=2, verbosity=0)
    assert "[Demo]" in fetch(client, FINDER)[1]


@pytest.mark.django_db(transaction=True)
def test_version_is_bumped_again_when_the_transaction_commits():
    programme = factories.programme(title="Vorher")
    with transaction.atomic():
        programme.title = "Nachher"
        programme.save()
        programme.districts.add(factories.district())
        # Meanwhile another request reads the old, uncommitted-over rows and caches them under
        # the version current at that moment ...
        version_seen_by_other_request = cache.get(VERSION_KEY)
    # ... which must be stale once the change is committed.
    assert cache.get(VERSION_KEY) != version_seen_by_other_request


def test_logged_in_users_never_get_a_cached_page(client, programme):
    fetch(client, FINDER)
    assert fetch(client, FINDER)[0]["X-Page-Cache"] == "hit"
    user = get_user_model().objects.create_user("alice", password="x-Test-1234")
    client.force_login(user)
    response, _html = fetch(client, FINDER)
    assert "X-Page-Cache" not in response
    assert "funding/finder.html" in [template.name for template in response.templates]


def test_pages_seen_by_logged_in_users_are_not_stored(client, programme):
    user = get_user_model().objects.create_user("alice", password="x-Test-1234")
    client.force_login(user)
    fetch(client, FINDER)
    client.logout()
    client.cookies.clear()
    response, _html = fetch(client, FINDER)
    assert "X-Page-Cache" not in response


def test_a_visitor_who_once_opened_a_form_still_gets_cached_pages(client, programme):
    """The CSRF cookie lives a year (attack of 07.12.2026, L10: it used to bypass the cache)."""
    fetch(client, FINDER)
    client.cookies["csrftoken"] = "a" * 32
    with CaptureQueriesContext(connection) as queries:
        response, _html = fetch(client, FINDER)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0


def test_a_page_built_for_a_visitor_with_a_csrf_cookie_is_not_stored(client, programme):
    client.cookies["csrftoken"] = "a" * 32
    fetch(client, FINDER)
    client.cookies.clear()
    assert "X-Page-Cache" not in fetch(client, FINDER)[0]


def test_the_alert_form_that_sets_the_csrf_cookie_is_private(client, programme):
    response = client.get("/benachrichtigungen/")
    assert "csrftoken" in response.cookies
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/healthz", "/admin/login/"])
def test_health_check_and_admin_are_never_cached(client, url):
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_not_found_pages_are_not_cached(client, db):
    client.get("/foerderungen/gibt-es-nicht/")
    response = client.get("/foerderungen/gibt-es-nicht/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_cached_pages_set_no_cookies(client, programme):
    fetch(client, "/")
    response, _html = fetch(client, "/")
    assert response["X-Page-Cache"] == "hit"
    assert not response.cookies


def test_english_and_german_pages_are_cached_apart(client, programme):
    fetch(client, "/")
    response, html = fetch(client, "/en/")
    assert '<html lang="en">' in html
    assert "X-Page-Cache" not in response


@pytest.fixture
def cache_outage(monkeypatch):
    """The shared cache (Redis in production) answers every call with a connection error."""

    def unreachable(*args, **kwargs):
        raise ConnectionError("Cache nicht erreichbar")

    for method in ("get", "get_many", "set", "add", "delete"):
        monkeypatch.setattr(cache, method, unreachable)


@pytest.mark.parametrize("url", ["/", FINDER, FINDER + "?q=Landarzt&kreis=goerlitz"])
def test_pages_still_work_while_the_cache_is_unreachable(client, programme, cache_outage, url):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    response, html = fetch(client, url)
    assert "X-Page-Cache" not in response
    assert "Ärzte für Sachsen" in html
    assert "Landarzt-Stipendium Görlitz" in fetch(client, FINDER + "?q=Landarzt")[1]


def test_saving_still_works_while_the_cache_is_unreachable(programme, cache_outage):
    programme.title = "Gespeichert trotz Cache-Ausfall"
    programme.save()
    assert FundingProgramme.objects.get(pk=programme.pk).title == programme.title


def test_benchmark_endpoint_does_not_exist_in_the_portal(client, db):
    assert client.get("/bench/ping").status_code == 404


@pytest.mark.urls("bench.urls")
def test_benchmark_endpoint_answers_without_the_database_and_is_never_cached(client):
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/bench/ping")
        second = client.get("/bench/ping")
    assert first.content == b"pong"
    assert "X-Page-Cache" not in second
    assert len(queries) == 0


def test_cached_page_changes_after_a_partner_area_proposal_is_approved(client, programme):
    from network import proposals

    office = get_user_model().objects.create_user("office", password="x-Test-1234")
    author = factories.editor(programme.provider, "alice")
    fetch(client, programme.get_absolute_url())
    proposal = proposals.propose(
        partner=programme.provider,
        author=author,
        data={"summary": "Jetzt 800 € im Monat, freigegeben von der Koordinierungsstelle."},
        target=programme,
    )
    assert "Jetzt 800 €" not in fetch(client, programme.get_absolute_url())[1]
    proposal.approve(by=office)
    assert "Jetzt 800 €" in fetch(client, programme.get_absolute_url())[1]


def test_cached_page_changes_after_a_coordinator_is_edited(client, db):
    from coordinators.models import RegionalCoordinator

    district = factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    post = RegionalCoordinator.objects.create(
        district=district, status=RegionalCoordinator.Status.ACTIVE, organisation="Landratsamt"
    )
    assert "Landratsamt" in fetch(client, "/regionalkoordination/")[1]
    post.organisation = "Kreisentwicklungsamt Görlitz"
    post.save()
    assert "Kreisentwicklungsamt Görlitz" in fetch(client, "/regionalkoordination/")[1]


def test_cached_page_changes_after_a_legal_page_is_edited(client, db):
    from portal.models import Page

    page = Page.objects.create(slug="impressum", title="Impressum", body="<p>Alte Anschrift</p>")
    assert "Alte Anschrift" in fetch(client, "/impressum/")[1]
    page.body = "<p>Neue Anschrift: Schützenhöhe 16, 01099 Dresden</p>"
    page.save()
    assert "Schützenhöhe 16" in fetch(client, "/impressum/")[1]


def test_pages_are_rendered_anew_after_the_shared_cache_was_emptied(client, programme):
    fetch(client, FINDER)
    assert fetch(client, FINDER)[0]["X-Page-Cache"] == "hit"
    cache.clear()  # Redis restarted or flushed: the version is gone with the pages
    programme.title = "Nach dem Neustart"
    FundingProgramme.objects.filter(pk=programme.pk).update(title=programme.title)
    response, html = fetch(client, FINDER)
    assert "X-Page-Cache" not in response
    assert "Nach dem Neustart" in html
    assert fetch(client, FINDER)[0]["X-Page-Cache"] == "hit"


# The key: the parameters a page reads, in a fixed order; anything else is never stored.

REDIS_URL = os.environ.get("TEST_REDIS", "redis://127.0.0.1:6379/14")


@pytest.fixture
def redis_pages(settings):
    """The page cache in a real Redis under a key prefix of its own; yields a key counter.

    Counting only this test's prefix keeps the count true while other processes use the same
    Redis database.
    """
    client = redis.Redis.from_url(REDIS_URL)
    prefix = f"test-{uuid.uuid4().hex}"
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"Redis unter {REDIS_URL} nicht erreichbar: für diesen Test nötig")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }

    def keys():
        return sum(1 for _key in client.scan_iter(match=f"{prefix}:*"))

    yield keys
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.mark.parametrize(
    "url", [FINDER, "/netzwerk/partner/", "/suche/?q=landarzt", "/", "/impressum/"]
)
def test_junk_parameters_add_nothing_to_redis(client, programme, redis_pages, url):
    Page.objects.create(slug="impressum", title="Impressum", body="<p>Anschrift</p>")
    fetch(client, url)
    keys_for_the_page = redis_pages()
    separator = "&" if "?" in url else "?"
    for number in range(30):
        response, _html = fetch(client, f"{url}{separator}junk={number}")
        assert "X-Page-Cache" not in response
    assert keys_for_the_page > 0
    assert redis_pages() == keys_for_the_page


def test_a_junk_parameter_is_still_noted_on_the_page(client, programme):
    fetch(client, FINDER)
    response, html = fetch(client, FINDER + "?junk=1")
    assert "X-Page-Cache" not in response
    assert "Der Parameter „junk“ ist unbekannt und wurde ignoriert." in html
    response, html = fetch(client, FINDER)
    assert response["X-Page-Cache"] == "hit"
    assert "junk" not in html


def test_the_same_filters_in_another_order_come_from_the_same_entry(client, programme):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    fetch(client, FINDER + "?stufe=studium&kreis=goerlitz")
    response, html = fetch(client, FINDER + "?kreis=goerlitz&stufe=studium")
    assert response["X-Page-Cache"] == "hit"
    assert "1 Förderung gefunden" in html


def test_different_values_of_a_read_parameter_are_cached_apart(client, programme):
    factories.career_stage(name="Praktisches Jahr", slug="pj")
    assert "1 Förderung gefunden" in fetch(client, FINDER + "?stufe=studium")[1]
    response, html = fetch(client, FINDER + "?stufe=pj")
    assert "X-Page-Cache" not in response
    assert "0 Förderungen gefunden" in html


def test_a_page_that_declares_nothing_keeps_each_query_apart(client, programme):
    # The sitemap reads ?p= itself (Django's view): without a declaration the key is the
    # whole query string, as it always was.
    fetch(client, "/sitemap-programme.xml")
    assert "X-Page-Cache" not in fetch(client, "/sitemap-programme.xml?p=1")[0]
    assert fetch(client, "/sitemap-programme.xml?p=1")[0]["X-Page-Cache"] == "hit"


def test_an_entry_in_an_older_format_counts_as_a_miss(client, programme, monkeypatch):
    fetch(client, FINDER)
    stored = {}
    for key in [key for key in cache._cache if key.startswith(":1:page:")]:  # locmem's dict
        stored[key] = cache.get(key.removeprefix(":1:"))
        cache.set(key.removeprefix(":1:"), tuple(stored[key]), 600)
    assert stored
    client.handler.load_middleware()  # forget the pages this process keeps in memory
    response, html = fetch(client, FINDER)
    assert "X-Page-Cache" not in response
    assert "Landarzt-Stipendium Görlitz" in html


def test_this_process_keeps_pages_up_to_its_byte_budget():
    pages = LocalPages(max_bytes=4000)
    for number in range(10):
        pages.put(f"page-{number}", CachedPage(1, 200, [], b"x" * 900))
    assert not pages.holds("page-0")
    assert pages.holds("page-9")
    assert pages.holds("page-6")
    assert pages.get("page-9", version=1).content == b"x" * 900
    assert pages.get("page-9", version=2) is None
    pages.put("too-big", CachedPage(1, 200, [], b"x" * 1001))
    assert not pages.holds("too-big")
