"""Requests Django refuses as malformed answer the German or English 400 page, never a 500.

Django parses at most ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (1,000) parameters and raises
``TooManyFieldsSent`` beyond; every ``SuspiciousOperation`` and ``BadRequest`` becomes the 400
page, which is rendered for the same request and so must not read the refused query again.
"""

import pytest
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousFileOperation
from django.test import Client
from django.urls import path

import config.urls

pytestmark = pytest.mark.django_db

GERMAN_400 = "Diese Anfrage können wir nicht beantworten"
ENGLISH_400 = "We cannot answer this request"

# One address of every public page type, in German; the English one is the same under /en/.
PUBLIC_PAGES = [
    "/",
    "/foerderungen/",
    "/foerderungen/saechsisches-hausarztstipendium/",
    "/foerderungen/feed/",
    "/foerderungen/offene-daten/",
    "/foerderungen/offene-daten/programme.csv",
    "/foerderungen/offene-daten/programme.json",
    "/fuer/studium/",
    "/netzwerk/",
    "/netzwerk/partner/",
    "/netzwerk/partner/saechsische-landesaerztekammer/",
    "/netzwerk/lenkungsgruppe/",
    "/netzwerk/koordinierungsstelle/",
    "/regionalkoordination/",
    "/regionen/",
    "/regionen/goerlitz/",
    "/suche/",
    "/impressum/",
    "/partnerbereich/anmelden/",
]
UNTRANSLATED = ["/sitemap.xml", "/sitemap-programme.xml", "/robots.txt", "/healthz"]
# The pages whose content depends on the query string: they have to parse it.
LIST_PAGES = ["/foerderungen/", "/netzwerk/partner/", "/suche/"]


def every_page_in_both_languages():
    for page in PUBLIC_PAGES:
        yield page, GERMAN_400
        yield f"/en{page}", ENGLISH_400
    for page in UNTRANSLATED:
        yield page, GERMAN_400


def many_parameters(count):
    return "&".join(f"p{number}=x" for number in range(count))


def get(url):
    return Client(raise_request_exception=False).get(url)


def assert_page_or_400_page(response, url, text_of_400):
    assert response.status_code in (200, 400), url
    if response.status_code == 400:
        assert text_of_400 in response.content.decode(), url


@pytest.mark.parametrize("count", [1000, 5000, 20000])
def test_no_page_answers_500_to_a_thousand_or_more_parameters(reference_data, count):
    query = many_parameters(count)
    for page, text_of_400 in every_page_in_both_languages():
        assert_page_or_400_page(get(f"{page}?{query}"), page, text_of_400)


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_refuse_too_many_parameters_with_the_german_400_page(page):
    response = get(f"{page}?{many_parameters(5000)}")

    assert response.status_code == 400
    html = response.content.decode()
    assert GERMAN_400 in html
    assert '<html lang="de">' in html
    # The language switcher still leads to the English page, without the refused query.
    assert f'href="/en{page}"' in html


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_refuse_too_many_parameters_in_english_under_en(page):
    response = get(f"/en{page}?{many_parameters(1001)}")

    assert response.status_code == 400
    html = response.content.decode()
    assert ENGLISH_400 in html
    assert '<html lang="en">' in html
    assert f'href="{page}"' in html


def test_up_to_a_thousand_parameters_the_finder_answers_with_a_note():
    # The limit is Django's: up to 1,000 the page answers and notes what it ignored.
    response = get(f"/foerderungen/?{many_parameters(999)}")

    assert response.status_code == 200
    assert "weitere unbekannte Parameter wurden ignoriert" in response.content.decode()


STRANGE_QUERIES = {
    "long key": "k" * 20000 + "=1",
    "long value": "q=" + "landarzt" * 2500,
    "long known key": "stufe" * 4000 + "=studium",
    "invalid utf-8": "%ff%fe=%c3%28&q=%ff",
    "nul byte": "q=%00&stufe=%00&%00=1",
    "control characters": "q=%01%02%1b%7f&kreis=%0d%0a",
    "brackets": "stufe[]=studium&kreis[goerlitz]=1&q[$ne]=x",
    "no equals sign": "stufe&kreis&q&page",
    "empty keys": "=&==&=x&&&",
    "percent garbage": "q=%&stufe=%zz&%=%",
    "repeated known key": "&".join(["kreis=goerlitz"] * 300),
    "page numbers": "page=-1&page=99999999999999999999&page=1e9",
}


def test_long_and_invalid_keys_never_give_a_server_error(reference_data):
    for name, query in STRANGE_QUERIES.items():
        for page, text_of_400 in every_page_in_both_languages():
            assert_page_or_400_page(get(f"{page}?{query}"), f"{page} ({name})", text_of_400)


def raise_bad_request(request):
    raise BadRequest("geheim")


def raise_data_too_big(request):
    raise RequestDataTooBig("geheim")


def raise_suspicious_file(request):
    raise SuspiciousFileOperation("geheim")


urlpatterns = [
    path("test/bad-request/", raise_bad_request),
    path("test/data-too-big/", raise_data_too_big),
    path("test/suspicious-file/", raise_suspicious_file),
    *config.urls.urlpatterns,
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url", ["/test/bad-request/", "/test/data-too-big/", "/test/suspicious-file/"]
)
def test_every_suspicious_operation_and_bad_request_shows_the_400_page(url):
    response = get(f"{url}?{many_parameters(1001)}")

    assert response.status_code == 400
    assert GERMAN_400 in response.content.decode()
    assert "geheim" not in response.content.decode()


def test_a_form_posting_too_many_fields_gets_the_400_page():
    fields = {f"feld{number}": "x" for number in range(1500)}

    response = Client(raise_request_exception=False).post("/partnerbereich/anmelden/", fields)

    assert response.status_code == 400
    assert GERMAN_400 in response.content.decode()
