"""Impressum, Datenschutz and Barrierefreiheit: office-edited pages with real content."""

import pytest
from django.core.management import call_command

from portal.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    call_command("loaddata", "fixtures/pages.json", verbosity=0)


@pytest.mark.parametrize(
    ("path", "heading", "facts"),
    [
        ("/impressum/", "Impressum", ["Schützenhöhe 16", "01099 Dresden", "Körperschaft des"]),
        ("/datenschutz/", "Datenschutzerklärung", ["keine Cookies", "sessionid", "Art. 77"]),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit", ["BITV 2.0", "Durchsetzung"]),
    ],
)
def test_each_legal_page_shows_its_real_content(client, pages, path, heading, facts):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="page-title">{heading}</h1>' in html
    assert f"<title>{heading} – Ärzte für Sachsen</title>" in html
    for fact in facts:
        assert fact in html


def test_the_footer_links_every_legal_page(client, pages):
    html = client.get("/").content.decode()
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/impressum/", "Legal notice"),
        ("/en/datenschutz/", "Privacy policy"),
        ("/en/barrierefreiheit/", "Accessibility statement"),
    ],
)
def test_english_pages_show_the_english_text(client, pages, path, heading):
    html = client.get(path).content.decode()
    assert '<html lang="en">' in html
    assert f'<h1 id="page-title">{heading}</h1>' in html
    assert "The German version of this page is the legally binding one." in html
    assert "Datenschutzerklärung</h1>" not in html


def test_english_page_links_stay_in_english(client, pages):
    html = client.get("/en/impressum/").content.decode()
    assert 'href="/en/netzwerk/koordinierungsstelle/"' in html


def test_a_page_without_english_text_says_so_and_shows_the_german_one(client):
    Page.objects.create(slug="hinweise", title="Hinweise", body="<p>Nur deutsch.</p>")
    html = client.get("/en/hinweise/").content.decode()
    assert "This page is only available in German so far." in html
    assert '<div lang="de"><p>Nur deutsch.</p></div>' in html


def test_unknown_page_is_a_404(client):
    assert client.get("/gibt-es-nicht/").status_code == 404


def test_page_text_is_sanitised_when_saved_by_staff(client):
    Page.objects.create(
        slug="test",
        title="Test",
        body='<p onclick="x()">Hallo</p><script>alert(1)</script><a href="javascript:x()">l</a>',
    )
    html = client.get("/test/").content.decode()
    assert "<p>Hallo</p>" in html
    assert "alert(1)" not in html
    assert "javascript:" not in html


def test_page_text_loaded_raw_from_a_fixture_is_sanitised_when_shown(client):
    Page.objects.bulk_create([Page(slug="roh", title="Roh", body="<p>Ok</p><script>x</script>")])
    html = client.get("/roh/").content.decode()
    assert "<p>Ok</p>" in html
    assert "<script>x</script>" not in html


def test_legal_pages_set_no_cookies(client, pages):
    assert not client.get("/datenschutz/").cookies


def test_the_fixture_can_be_loaded_twice_without_duplicates(pages):
    call_command("loaddata", "fixtures/pages.json", verbosity=0)
    assert Page.objects.count() == 4
