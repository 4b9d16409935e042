"""Golden queries: what people type, and what the site search must (and must not) find.

Run on the real reference data on both databases: the analysis happens in Python and the
database only compares lower-case words, so SQLite and PostgreSQL must give the same answer.
Each row names records by their title as shown; ``first`` is the record that must lead.
"""

import pytest

from portal import search_index
from tests.html import parse

STIPEND = "Sächsisches Hausarztstipendium"
QUOTA = "Landarztquote: Studienplatz mit Verpflichtung zur hausärztlichen Tätigkeit"
PECS = "Studieren in Europa – Zukunft in Sachsen"
PJ = "PJ-Förderung im Wahltertial Allgemeinmedizin"
FAMULATUR = "Famulaturförderung"
SETTLING = "Investitionskostenzuschuss für die Niederlassung"
GP_TRAINING = "Förderung der Weiterbildung Allgemeinmedizin"
MITTELSACHSEN = "Rundum gesund – Ärztin/Arzt werden für Mittelsachsen"
GROEDITZ = "Hausarzt-Rundumpaket der Stadt Gröditz"
REGIONAL = "Regionalkoordination für die gesundheitliche Versorgung"
REGIONAL_EN = "Regional coordination for health care provision"
ABROAD = "Aus dem Ausland: Anerkennung, Sprache und Arbeit in Sachsen"
ABROAD_EN = "Doctors from abroad: recognition, language and work in Saxony"

# (query, language, must find, must not find, must come first)
GOLDEN = [
    ("Zwickau", "de", ["Zwickau"], [], "Zwickau"),
    ("Erzgebirgskreis", "de", ["Erzgebirgskreis"], [], "Erzgebirgskreis"),
    ("Görlitz", "de", ["Görlitz"], [], "Görlitz"),
    ("Goerlitz", "de", ["Görlitz"], [], "Görlitz"),
    ("Gorlitz", "de", ["Görlitz"], [], None),
    ("goerlitz", "de", ["Görlitz"], [], "Görlitz"),
    ("Meissen", "de", ["Meißen"], [], "Meißen"),
    ("Dresden", "de", ["Dresden"], [], "Dresden"),
    ("Stipendium", "de", [STIPEND, MITTELSACHSEN], [SETTLING], None),
    ("Stipendien", "de", [STIPEND, MITTELSACHSEN], [SETTLING], None),
    ("stipendium", "de", [STIPEND], [], None),
    ("Hausarztstipendium", "de", [STIPEND], [FAMULATUR], STIPEND),
    ("Pecs", "de", [PECS], [STIPEND], None),
    ("Pécs", "de", [PECS], [STIPEND], None),
    ("Ungarn", "de", [PECS], [], None),
    ("Praktisches Jahr", "de", ["Praktisches Jahr", PJ], [], "Praktisches Jahr"),
    ("PJ", "de", [PJ, "Praktisches Jahr"], [SETTLING], None),
    ("Landarzt", "de", [QUOTA], [], QUOTA),
    ("Landarztquote", "de", [QUOTA], [PECS], QUOTA),
    ("Hausarzt", "de", [STIPEND, GROEDITZ], [], None),
    ("Hausärztin", "de", [STIPEND], [], None),
    ("Aerzte", "de", ["Ärzte-Netz Ostsachsen"], [], None),
    ("Ärzte", "de", ["Ärzte-Netz Ostsachsen"], [], None),
    ("Facharzt", "de", [GP_TRAINING, "Fachärztin/Facharzt & Niederlassung"], [], None),
    ("Weiterbildung", "de", [GP_TRAINING], [FAMULATUR], None),
    ("Weiterbildung Allgemeinmedizin", "de", [GP_TRAINING], [FAMULATUR], None),
    ("Niederlassung", "de", [SETTLING], [FAMULATUR], None),
    ("Praxis gründen", "de", [SETTLING], [FAMULATUR], None),
    ("Famulatur", "de", [FAMULATUR], [SETTLING], FAMULATUR),
    ("Famulaturen", "de", [FAMULATUR], [], FAMULATUR),
    ("Allgemeinmedizin", "de", ["Allgemeinmedizin", GP_TRAINING], [], "Allgemeinmedizin"),
    ("Kinderarzt", "de", ["Kinder- und Jugendmedizin"], [], None),
    ("Mittelsachsen", "de", ["Mittelsachsen", MITTELSACHSEN], [], "Mittelsachsen"),
    ("Gröditz", "de", [GROEDITZ], [STIPEND], None),
    ("Darlehen", "de", ["Sächsische Aufbaubank – Förderbank"], [STIPEND], None),
    ("Impressum", "de", ["Impressum"], [], "Impressum"),
    ("Datenschutz", "de", ["Datenschutzerklärung"], [STIPEND], None),
    ("Koordinierungsstelle", "de", ["Koordinierungsstelle"], [FAMULATUR], "Koordinierungsstelle"),
    ("Regionalkoordination", "de", [REGIONAL], [STIPEND], REGIONAL),
    ("Lenkungsgruppe", "de", ["Lenkungsgruppe"], [STIPEND], "Lenkungsgruppe"),
    ("Netzwerk", "de", ["Das Netzwerk »Ärzte für Sachsen«"], [], None),
    ("regional coordination", "en", ["Regional coordination"], [], REGIONAL_EN),
    ("steering group", "en", ["Steering group"], [], "Steering group"),
    ("Kassenärztliche Vereinigung", "de", ["Kassenärztliche Vereinigung Sachsen"], [], None),
    ("KV Sachsen", "de", [STIPEND], [], None),
    ("Studium", "de", ["Studium"], [], "Studium"),
    ("scholarship", "en", ["Saxon GP Scholarship"], [], None),
    ("Hungary", "en", ["Study in Europe – Future in Saxony"], [], None),
    ("general practice", "en", ["Funding for specialty training in general practice"], [], None),
    ("Stipendium", "en", ["Saxon GP Scholarship"], [], None),
    ("Görlitz", "en", ["Görlitz"], [], "Görlitz"),
    # The site's tools, by name and by what they do (issue 26 §1).
    ("Förder-Check", "de", ["Förder-Check"], [], "Förder-Check"),
    ("Foerdercheck", "de", ["Förder-Check"], [], "Förder-Check"),
    ("Vergleich", "de", ["Vergleich von Förderprogrammen"], [], "Vergleich von Förderprogrammen"),
    ("Programme vergleichen", "de", ["Vergleich von Förderprogrammen"], [], None),
    # Doctors from abroad, in English too (issue 26 §4 and §7).
    ("Anerkennung", "de", [ABROAD], [], ABROAD),
    ("Approbation Ausland", "de", [ABROAD], [], ABROAD),
    ("recognition", "en", [ABROAD_EN], [], ABROAD_EN),
    ("foreign doctors", "en", [ABROAD_EN], [], ABROAD_EN),
    ("language exam", "en", [ABROAD_EN], [], None),
    ("Raumfahrt", "de", [], [STIPEND, PECS, FAMULATUR], None),
    ("xyzzy", "de", [], [STIPEND], None),
]


@pytest.mark.parametrize(("query", "language", "found", "not_found", "first"), GOLDEN)
def test_golden_query(reference_data, query, language, found, not_found, first):
    titles = [hit.title for hit in search_index.search(query, language)]

    def hit(expected):
        # A title as given, or its beginning (English titles add the German name in brackets).
        return any(title == expected or title.startswith(expected) for title in titles)

    missing = [title for title in found if not hit(title)]
    assert not missing, f"{query!r} findet nicht {missing}; gefunden: {titles[:10]}"
    wrong = [title for title in not_found if title in titles]
    assert not wrong, f"{query!r} findet fälschlich {wrong}"
    if first:
        assert titles[0] == first, f"{query!r}: zuerst {titles[0]!r}, erwartet {first!r}"


def test_the_golden_table_covers_at_least_forty_queries():
    assert len(GOLDEN) >= 40


@pytest.mark.parametrize(
    ("typed", "meant"), [("Stipendum", "Stipendium"), ("Famulatr", "Famulatur")]
)
def test_a_typo_offers_the_word_that_finds_something(reference_data, typed, meant):
    assert search_index.search(typed, "de") == []
    assert search_index.suggestion(typed, "de").lower().startswith(meant.lower())


def test_the_search_page_asks_meinten_sie_when_the_correction_is_not_certain(
    client, reference_data
):
    html = client.get("/suche/", {"q": "Stpendim"}).content.decode()

    assert "Meinten Sie" in html
    assert 'href="?q=Stipendium"' in html
    assert STIPEND not in html


@pytest.mark.parametrize(
    ("typed", "meant", "shown"),
    [
        ("Stipendum", "Stipendium", STIPEND),
        ("Regionalkordination", "Regionalkoordination", REGIONAL),
    ],
)
def test_a_certain_typo_shows_the_results_for_the_corrected_word(
    client, reference_data, typed, meant, shown
):
    page = parse(client.get("/suche/", {"q": typed}))

    assert f"Wir zeigen die Treffer für „{meant}“" in page.get_text()
    assert shown in [link.get_text(strip=True) for link in page.select(".result-list h3 a")]
    assert "Meinten Sie" not in page.get_text()


def test_a_district_query_shows_the_district_first_then_its_programmes(client, reference_data):
    html = client.get("/suche/", {"q": "Mittelsachsen"}).content.decode()

    regions = html.index('id="heading-kreise"')
    programmes = html.index('id="heading-foerderungen"')
    assert regions < programmes
    assert MITTELSACHSEN in html[programmes:]


def test_the_finder_text_filter_uses_the_same_index(client, reference_data):
    html = client.get("/foerderungen/", {"q": "Landarzt"}).content.decode()

    # The title match leads; programmes that only mention the quota follow.
    results = html[html.index('id="results-title"') :]
    assert QUOTA in results
    assert results.index(QUOTA) < results.index(STIPEND)


def test_a_new_programme_is_found_at_once_and_gone_when_archived(db):
    from tests import factories

    programme = factories.programme(title="Zauberstipendium Oberlausitz")
    assert [h.title for h in search_index.search("Zauberstipendium")] == [programme.title]

    programme.status = "archived"
    programme.save()
    assert search_index.search("Zauberstipendium") == []
