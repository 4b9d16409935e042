"""English pages show the English version of every text the office keeps in both languages;
where none is written yet they show the German text marked ``lang="de"`` with a short note.

The English texts of the reference data live in ``fixtures/en/`` and are applied by
``load_reference_data`` only while the German text is still the one they translate.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from coordinators.models import FundingBasis, RegionalConference, RegionalCoordinator
from funding.models import FundingProgramme
from network.models import ChangeProposal, CoordinationOffice, Partner
from network.proposals import diff
from portal.translations import ENGLISH_FIXTURES, apply_english
from tests import factories

EN_DIR = settings.BASE_DIR / "fixtures" / "en"


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def german_marked(page):
    """The texts of the content a page marks as German (not the "Deutsch" language link)."""
    content = page.find("main") or page
    return [element.get_text(" ", strip=True) for element in content.select('[lang="de"]')]


@pytest.mark.django_db
def test_every_text_of_the_fixtures_has_its_english_version(reference_data):
    """After ``load_reference_data``, no German text of a fixture record is without English."""
    untranslated = []
    for model in (
        FundingProgramme,
        Partner,
        CoordinationOffice,
        FundingBasis,
        RegionalCoordinator,
        RegionalConference,
    ):
        for obj in model._default_manager.all():
            untranslated += [
                f"{model.__name__} {obj}: {name}"
                for name in model.translated_fields
                if getattr(obj, name) and not getattr(obj, f"{name}_en")
            ]
    assert not untranslated, untranslated


@pytest.mark.django_db
def test_the_english_files_name_only_records_and_texts_of_the_fixtures(reference_data):
    report = apply_english(EN_DIR)
    assert report.missing_records == []
    assert report.outdated == []


def test_each_english_file_is_read_by_the_loader():
    read = {f"{name}.json" for name, _label, _key in ENGLISH_FIXTURES}
    assert {path.name for path in EN_DIR.glob("*.json")} == read


def test_every_english_text_translates_a_field_that_has_one():
    for name, label, _key in ENGLISH_FIXTURES:
        model = apps.get_model(label)
        entries = json.loads((EN_DIR / f"{name}.json").read_text(encoding="utf-8"))
        for fields in entries.values():
            assert set(fields) <= set(model.translated_fields), (name, fields)
            assert all(texts["en"].strip() for texts in fields.values()), name


# One page of each type with content from the database, and English texts it must show.
ENGLISH_PAGES = {
    "/en/foerderungen/saechsisches-hausarztstipendium/": [
        "Saxon GP Scholarship",
        "€1,000 a month for medical students",
        "administered by the Association of Statutory Health Insurance Physicians",
        "Later practice outside Dresden, Radebeul, Leipzig and Markkleeberg.",
        "at most 6 years and 3 months",
        "24 days a year shadowing",
        "Medical students from the 1st",
        "between 1 October and 15 November",
    ],
    "/en/foerderungen/": ["Funding for clinical clerkships (Famulatur)"],
    "/en/fuer/studium/": ["Saxon GP Scholarship", "Medical school"],
    "/en/regionen/mittelsachsen/": ["Rundum gesund – become a doctor for Mittelsachsen"],
    "/en/regionen/zwickau/": ["A post was under discussion in 2023."],
    "/en/netzwerk/partner/saechsische-landesaerztekammer/": [
        "The professional body of physicians in Saxony",
    ],
    "/en/netzwerk/partner/kassenaerztliche-vereinigung-sachsen/": ["Saxon GP Scholarship"],
    "/en/netzwerk/koordinierungsstelle/": [
        "Coordination office of the »Ärzte für Sachsen« network",
        "brings the network's work together",
    ],
    "/en/regionalkoordination/": [
        "Lump sum for districts (Kommunalpauschale)",
        "the biggest hurdle is finding staff",
        "Other districts have expressed interest.",
    ],
    "/en/datenschutz/": ["Contact form", "automatically 180 days after it arrived"],
    "/en/suche/?q=Hausarztstipendium": ["Saxon GP Scholarship", "€1,000 a month"],
    "/en/suche/?q=Landesärztekammer": ["The professional body of physicians"],
}


@pytest.mark.django_db
def test_english_pages_of_every_type_show_the_english_texts(client, reference_data):
    missing = {}
    for url, texts in ENGLISH_PAGES.items():
        text = soup(client, url).get_text(" ", strip=True)
        missing.update(
            {url: [t for t in texts if t not in text]} if any(t not in text for t in texts) else {}
        )
    assert not missing, missing


@pytest.mark.django_db
def test_fully_translated_english_pages_mark_no_german_text(client, reference_data):
    marked = {url: german_marked(soup(client, url)) for url in ENGLISH_PAGES}
    assert not {url: texts for url, texts in marked.items() if texts}


@pytest.fixture
def german_only(db):
    stage = factories.career_stage(name="Studium", slug="studium", name_en="Medical school")
    provider = factories.partner(
        name="Klinikum Nur-Deutsch", slug="nur-deutsch", description="Ein Haus in der Lausitz."
    )
    factories.coordination_office(description="Die Stelle informiert.")
    return factories.programme(
        title="Nur auf Deutsch",
        slug="nur-auf-deutsch",
        summary="Kurz und deutsch.",
        description="Lang und deutsch.",
        eligibility="Alle Studierenden.",
        provider=provider,
        career_stages=[stage],
    )


def test_an_untranslated_programme_is_shown_in_german_marked_as_german(client, german_only):
    page = soup(client, "/en/foerderungen/nur-auf-deutsch/")
    marked = german_marked(page)
    assert "Nur auf Deutsch" in marked
    assert "Kurz und deutsch." in marked
    assert "Lang und deutsch." in marked
    assert "Alle Studierenden." in marked
    assert "(only available in German)" in page.get_text()
    assert "This entry has not been fully translated yet." in page.get_text()


def test_a_partly_translated_programme_marks_only_the_german_parts(client, german_only):
    german_only.title_en = "Only partly German"
    german_only.summary_en = "Short and English."
    german_only.save()
    marked = german_marked(soup(client, "/en/foerderungen/nur-auf-deutsch/"))
    assert "Only partly German" not in " ".join(marked)
    assert "Short and English." not in " ".join(marked)
    assert "Lang und deutsch." in marked


def test_an_untranslated_result_card_is_marked_german(client, german_only):
    page = soup(client, "/en/foerderungen/")
    card = page.find("article", class_="programme-card")
    assert "Nur auf Deutsch" in german_marked(card)
    assert card.find(class_="lang-note")


def test_untranslated_partner_and_office_texts_are_marked_german(client, german_only):
    partner = soup(client, "/en/netzwerk/partner/nur-deutsch/")
    assert "Ein Haus in der Lausitz." in german_marked(partner)
    office = soup(client, "/en/netzwerk/koordinierungsstelle/")
    assert "Die Stelle informiert." in german_marked(office)


def test_untranslated_search_hits_are_marked_german(client, german_only):
    page = soup(client, "/en/suche/?q=deutsch")
    marked = german_marked(page)
    assert "Nur auf Deutsch" in marked
    assert "Kurz und deutsch." in marked


def test_german_pages_mark_nothing_as_german(client, german_only):
    for url in (
        "/foerderungen/nur-auf-deutsch/",
        "/foerderungen/",
        "/netzwerk/partner/nur-deutsch/",
    ):
        page = soup(client, url)
        assert german_marked(page) == [], url
        assert "nur auf Deutsch verfügbar" not in page.get_text()


def test_english_text_is_escaped_like_the_german(client, german_only):
    german_only.summary_en = "<script>alert(1)</script>"
    german_only.save()
    body = Client().get("/en/foerderungen/nur-auf-deutsch/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_an_english_text_whose_german_changed_is_not_applied(reference_data):
    programme = FundingProgramme.objects.get(slug="saechsisches-hausarztstipendium")
    FundingProgramme.objects.filter(pk=programme.pk).update(
        summary="1.200 € im Monat für Medizinstudierende.", summary_en=""
    )
    report = apply_english(EN_DIR)
    programme.refresh_from_db()
    assert programme.summary_en == ""  # the English would state the old amount
    assert programme.title_en == "Saxon GP Scholarship (Sächsisches Hausarztstipendium)"
    assert report.outdated == ["programmes.json: saechsisches-hausarztstipendium.summary"]


@pytest.mark.django_db
def test_a_file_naming_a_field_without_english_version_stops_the_load(tmp_path, settings):
    (tmp_path / "fixtures" / "en").mkdir(parents=True)
    (tmp_path / "fixtures" / "districts.json").write_text(
        json.dumps(
            [
                {
                    "model": "portal.district",
                    "fields": {
                        "ags": "14626",
                        "name": "Görlitz",
                        "slug": "goerlitz",
                        "kind": "landkreis",
                    },
                }
            ]
        )
    )
    (tmp_path / "fixtures" / "en" / "programmes.json").write_text(
        json.dumps({"x": {"source_url": {"de": "a", "en": "b"}}})
    )
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="source_url"):
        call_command("load_reference_data", verbosity=0)


@pytest.mark.django_db
def test_loading_twice_keeps_the_english_texts(reference_data):
    call_command("load_reference_data", verbosity=0)
    assert Partner.objects.get(slug="aok-plus").description_en.startswith("Statutory health")


def test_a_partner_editor_proposes_english_texts_and_the_office_sees_both_languages(partners):
    stage = factories.career_stage(name="Weiterbildung", slug="weiterbildung")
    programme = factories.programme(
        title="Verbund Alpha", summary="Rotation.", provider=partners.a, career_stages=[stage]
    )
    client = Client()
    client.force_login(partners.alice)
    client.post(
        f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        {
            "title": "Verbund Alpha",
            "title_en": "Training network Alpha",
            "summary": "Rotation durch drei Häuser.",
            "summary_en": "Rotation through three hospitals.",
            "kind": programme.kind,
            "career_stages": [stage.pk],
        },
    )
    rows = {str(change.label): change.new for change in diff(ChangeProposal.objects.get())}
    assert rows["Titel (Englisch)"] == "Training network Alpha"
    assert rows["Kurzbeschreibung"] == "Rotation durch drei Häuser."
    assert rows["Kurzbeschreibung (Englisch)"] == "Rotation through three hospitals."
    assert "Titel" not in rows  # unchanged German title


def test_a_partner_proposes_an_english_description_of_its_listing(partners):
    client = Client()
    client.force_login(partners.alice)
    form = client.get(f"/partnerbereich/eintrag/{partners.a.slug}/").context["form"]
    assert "description_en" in form.fields
