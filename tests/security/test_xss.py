"""Whatever a visitor puts into a query string comes back escaped, never as markup."""

from urllib.parse import urlencode

import pytest
from django.utils.html import escape

from tests import factories

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus='alert(1)",
    "</title><svg onload=alert(1)>",
    "javascript:alert(1)//<b>fett</b>",
]

# Every public page that reads its query string, with the parameters it reads. A new page with
# a query is one more line here.
PAGES_WITH_QUERIES = [
    ("/foerderungen/", ["q", "stufe", "kreis", "fach", "art", "anbieter", "sort", "offen", "page"]),
    ("/fuer/{stage}/", ["page"]),
    ("/suche/", ["q", "page"]),
    ("/netzwerk/partner/", ["kategorie", "kreis", "page"]),
]

CASES = [
    (path, param, payload)
    for path, params in PAGES_WITH_QUERIES
    for param in params
    for payload in PAYLOADS
]


@pytest.fixture
def site(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    factories.programme(title="Landarztstipendium", career_stages=[stage])
    return {"stage": stage.slug}


@pytest.mark.parametrize(("path", "param", "payload"), CASES)
def test_query_values_are_escaped(client, site, path, param, payload):
    response = client.get(f"{path.format_map(site)}?{urlencode({param: payload})}")

    assert response.status_code == 200
    assert payload not in response.content.decode()


@pytest.mark.parametrize("path", [path for path, _params in PAGES_WITH_QUERIES])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_unknown_parameter_names_are_escaped(client, site, path, payload):
    response = client.get(f"{path.format_map(site)}?{urlencode({payload: '1'})}")

    assert response.status_code == 200
    assert payload not in response.content.decode()


def test_finder_echoes_the_search_term_escaped_in_its_search_field(client, site):
    payload = PAYLOADS[0]

    response = client.get(f"/foerderungen/?{urlencode({'q': payload})}")

    assert f'value="{escape(payload)}"' in response.content.decode()


def test_finder_names_an_invalid_district_escaped_in_its_note(client, site):
    payload = PAYLOADS[1]

    response = client.get(f"/foerderungen/?{urlencode({'kreis': payload})}")

    text = response.content.decode()
    assert escape(payload) in text
    assert "keine gültige Angabe" in text


def test_site_search_echoes_the_search_term_escaped(client, site):
    payload = PAYLOADS[1]

    response = client.get(f"/suche/?{urlencode({'q': payload})}")

    assert escape(payload) in response.content.decode()


def test_names_from_the_database_are_escaped_in_the_finder_filters(client, db):
    stage_name, specialty_name = "<b>Studium</b>", '"><script>alert(1)</script>'
    factories.career_stage(name=stage_name, slug="studium")
    factories.specialty(name=specialty_name)

    html = client.get("/foerderungen/?stufe=studium").content.decode()

    for name in (stage_name, specialty_name):
        assert name not in html
        assert escape(name) in html
    assert 'name="stufe" value="studium" checked>' in html
