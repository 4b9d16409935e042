"""The English interface under ``/en/``: complete catalogue, compiled, and used by every page."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests import factories

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
# Interface texts that must never appear on an English page (data may stay German).
GERMAN_INTERFACE = (
    "Zum Inhalt springen",
    'aria-label="Brotkrumen"',
    ">Förderungen</a>",
    ">Suche</a>",
)
TEMPLATE_LITERAL = re.compile(r"""{%\s*translate\s+(?:"([^"]+)"|'([^']+)')""")
# The finder's Jinja2 templates (portal.jinja): _("…") and blocktrans("…", "…", …).
JINJA_LITERAL = re.compile(r"""(?:\b_|\bblocktrans)\(\s*"([^"]+)"(?:,\s*"([^"]+)")?""")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(LOCALE / "django.po"))


def test_compiled_catalogue_holds_exactly_the_translations_of_the_po_file(catalogue):
    with (LOCALE / "django.mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    translated = [entry for entry in catalogue if entry.translated()]
    for entry in translated:
        if entry.msgid_plural and entry.msgctxt:
            for count, form in ((1, 0), (2, 1)):
                assert (
                    compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                    == entry.msgstr_plural[form]
                )
        elif entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgstr_plural[1]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
    # The .mo holds the header plus one message per translated entry: nothing stale.
    assert len(compiled._catalog) == len(translated) + 1 + sum(
        1 for entry in translated if entry.msgid_plural
    )


def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    missing = [entry.msgid for entry in catalogue if not entry.translated()]
    assert missing == [], "make messages, dann übersetzen"
    assert not catalogue.metadata_is_fuzzy


def test_every_translate_tag_in_the_templates_has_an_english_text(catalogue):
    known = {entry.msgid for entry in catalogue if entry.translated()}
    templates = Path(settings.BASE_DIR) / "templates"
    missing = {
        f"{path.relative_to(templates)}: {''.join(match)}"
        for path in templates.rglob("*.html")
        for match in TEMPLATE_LITERAL.findall(path.read_text(encoding="utf-8"))
        if "".join(match) not in known
    }
    assert not missing, sorted(missing)


def test_every_text_in_the_jinja2_templates_has_an_english_text(catalogue):
    known = {entry.msgid for entry in catalogue if entry.translated()}
    known |= {entry.msgid_plural for entry in catalogue if entry.msgid_plural}
    templates = Path(settings.BASE_DIR) / "jinja-templates"
    found = [
        (path.relative_to(templates), text)
        for path in templates.rglob("*.html")
        for match in JINJA_LITERAL.findall(path.read_text(encoding="utf-8"))
        for text in match
        if text
    ]
    assert len(found) > 20
    missing = sorted(f"{path}: {text}" for path, text in found if text not in known)
    assert not missing, missing


@pytest.fixture
def site(db):
    stage = factories.career_stage(name="Studium", slug="studium")
    programme = factories.programme(title="Hausarztstipendium", career_stages=[stage])
    return {"programme": programme.slug, "stage": stage.slug}


@pytest.mark.parametrize(
    ("path", "english", "title"),
    [
        ("/en/", "Becoming and staying a doctor – in Saxony", "Funding for doctors in Saxony"),
        ("/en/foerderungen/", "Funding finder", "1 funding programme found"),
        ("/en/foerderungen/{programme}/", "Key facts at a glance", "Hausarztstipendium"),
        ("/en/fuer/{stage}/", "Your next steps", "Funding: Studium"),
        ("/en/suche/?q=Hausarztstipendium", "1 result for “Hausarztstipendium”", "1 result"),
        ("/en/foerderungen/offene-daten/", "Schema, version 1.0", "Open data"),
        ("/en/gibt-es-nicht/", "This page does not exist", "Page not found"),
    ],
)
def test_key_pages_render_in_english(client, site, path, english, title):
    response = client.get(path.format_map(site))
    html = response.content.decode()
    assert response.status_code in (200, 404)
    assert '<html lang="en">' in html
    assert english in html
    assert f"<title>{title}" in html
    assert "Skip to content" in html
    assert ">Funding</a>" in html
    assert ">Regions</a>" in html
    assert "Zum Inhalt springen" not in html
    assert not response.cookies


def test_english_plural_forms(client):
    provider = factories.partner()
    factories.programme(title="Eins", provider=provider)
    assert "1 funding programme found" in client.get("/en/foerderungen/").content.decode()
    factories.programme(title="Zwei", provider=provider)
    assert "2 funding programmes found" in client.get("/en/foerderungen/").content.decode()


def test_pages_without_prefix_stay_german_whatever_the_browser_asks_for(client):
    response = client.get("/foerderungen/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="de">' in response.content.decode()
    assert not response.cookies


def test_language_switcher_keeps_the_page_and_its_query(client, site):
    html = client.get("/en/foerderungen/?stufe=studium&q=Haus").content.decode()
    assert '<a href="/foerderungen/?stufe=studium&amp;q=Haus" hreflang="de" lang="de">' in html
    assert 'DE<span class="visually-hidden"> – Deutsch</span>' in html
    assert 'EN<span class="visually-hidden"> – English</span>' in html

    html = client.get(f"/foerderungen/{site['programme']}/").content.decode()
    assert f'<a href="/en/foerderungen/{site["programme"]}/" hreflang="en" lang="en">' in html


def test_hreflang_names_german_english_and_default_with_absolute_urls(client, site):
    html = client.get("/en/fuer/studium/").content.decode()
    assert '<link rel="alternate" hreflang="de" href="http://testserver/fuer/studium/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/fuer/studium/">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/fuer/studium/">' in html
    )


def test_career_stages_and_specialties_use_their_english_names_on_english_pages(client):
    stage = factories.career_stage(
        name="Studium",
        name_en="Medical school",
        slug="studium",
        audience="Medizinstudierende",
        audience_en="medical students",
        introduction="Während des Studiums …",
        introduction_en="During your studies …",
    )
    specialty = factories.specialty(name="Allgemeinmedizin", name_en="General practice")
    programme = factories.programme(career_stages=[stage], specialties=[specialty])

    finder = client.get("/en/foerderungen/").content.decode()
    landing = client.get("/en/fuer/studium/").content.decode()
    detail = client.get(f"/en/foerderungen/{programme.slug}/").content.decode()
    german = client.get("/fuer/studium/").content.decode()

    assert "Medical school" in finder
    assert "General practice" in finder
    assert "<h1>Medical school</h1>" in landing
    assert "For medical students" in landing
    assert "During your studies …" in landing
    assert ">Medical school</a>" in detail
    assert "General practice" in detail
    assert "<h1>Studium</h1>" in german
    assert "Medical school" not in german


def test_reference_data_without_english_name_falls_back_to_german(client):
    factories.career_stage(name="Praktisches Jahr", slug="pj")
    assert "<h1>Praktisches Jahr</h1>" in client.get("/en/fuer/pj/").content.decode()


def test_every_english_page_reachable_from_the_english_home_page_is_english(client, reference_data):
    from tests.portal.test_crawl import internal_links

    seen, queue, german = {"/en/"}, ["/en/"], []
    while queue and len(seen) < 400:
        url = queue.pop()
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if '<html lang="en">' not in html or any(text in html for text in GERMAN_INTERFACE):
            german.append(url)
        for link in internal_links(url, html):
            if link.startswith("/en/") and link not in seen and "/partnerbereich/" not in link:
                seen.add(link)
                queue.append(link)
    assert len(seen) > 50
    assert german == []
