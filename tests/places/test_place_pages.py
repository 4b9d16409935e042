"""``/orte/``: „Was bekomme ich hier?“ for every town, with the real reference data."""

import datetime

import pytest

from portal.models import Feststellung, FindingsCompleteness, Gemeinde, Planungsbereich
from portal.planning import PlanungsbereichImport
from tests.html import parse

pytestmark = pytest.mark.django_db

GP_STUDENT = "?stufe=studium&fach=allgemeinmedizin"


def niesky_finding(**fields):
    """Niesky in its GP area, with a finding of undersupply for GPs there (``fields`` vary)."""
    area = Planungsbereich.objects.get(slug="hausaerztlich-niesky")
    Gemeinde.objects.filter(slug="niesky").update(gp_area=area)
    values = {"doctor_group": "hausaerzte", "status": "unterversorgung",
              "decided_on": "2026-07-01", "source_url": "https://www.kvs-sachsen.de/"}  # fmt: skip
    return Feststellung.objects.create(planning_area=area, **{**values, **fields})


def section_text(response, heading_id):
    """The text of the page section labelled by the heading ``heading_id`` ("" when absent)."""
    section = parse(response).find("section", attrs={"aria-labelledby": heading_id})
    return " ".join(section.get_text(" ").split()) if section else ""


def test_in_radebeul_the_gp_stipend_obligation_cannot_be_met(client, reference_data):
    response = client.get(f"/orte/radebeul/{GP_STUDENT}")
    assert response.status_code == 200
    excluded = section_text(response, "excluded-title")
    assert "Sächsisches Hausarztstipendium" in excluded
    assert "Die Bindung gilt nicht für Radebeul" in excluded
    assert "Sächsisches Hausarztstipendium" not in section_text(response, "applies-title")


def test_in_dresden_the_gp_stipend_is_listed_as_not_applying_there(client, reference_data):
    excluded = section_text(client.get(f"/orte/dresden/{GP_STUDENT}"), "excluded-title")
    assert "Sächsisches Hausarztstipendium – Die Bindung gilt nicht für Dresden" in excluded


def test_in_weisswasser_the_gp_stipend_applies_and_its_obligation_can_be_met(
    client, reference_data
):
    response = client.get(f"/orte/weisswasser/{GP_STUDENT}")
    applies = section_text(response, "applies-title")
    assert "Sächsisches Hausarztstipendium" in applies
    assert "lässt sich in Weißwasser/O.L. erfüllen" in applies
    assert "Sächsisches Hausarztstipendium" not in section_text(response, "excluded-title")
    # Without the semester it might fit („Nur im 1. bis 8. Fachsemester“); its years count.
    assert "1. bis 8. Fachsemester" in applies
    assert "6 Jahre Bindung" in section_text(response, "timeline-title")


def test_the_groeditz_package_shows_in_groeditz_and_not_in_riesa(client, reference_data):
    title = "Hausarzt-Rundumpaket der Stadt Gröditz"
    groeditz = client.get("/orte/groeditz/")
    assert title in section_text(groeditz, "applies-title")
    assert "Angebot von Gröditz" in section_text(groeditz, "applies-title")
    riesa = client.get("/orte/riesa/")
    assert title not in riesa.content.decode()


def test_the_district_filter_still_shows_the_municipal_offer_marked_with_its_town(
    client, reference_data
):
    response = client.get("/foerderungen/?kreis=meissen")
    cards = [" ".join(a.get_text(" ").split()) for a in parse(response).select("article")]
    groeditz = [card for card in cards if "Rundumpaket der Stadt Gröditz" in card]
    assert groeditz
    assert "(nur Gröditz )" in groeditz[0]


def test_area_bound_grants_depend_on_the_planning_area_while_none_is_recorded(
    client, reference_data
):
    response = client.get("/orte/weisswasser/?stufe=niederlassung&fach=allgemeinmedizin")
    undecided = section_text(response, "undecided-title")
    assert "Investitionskostenzuschuss für die Niederlassung" in undecided
    assert (
        "Ob Weißwasser/O.L. zu einem Fördergebiet gehört, legt der Landesausschuss fest; im "
        "Portal ist dazu noch kein Stand erfasst." in undecided
    )
    links = [a["href"] for a in parse(response).select("section a")]
    assert any("feststellungen-des-landesausschusses" in href for href in links)


def test_an_office_finding_makes_the_kv_grant_apply_with_its_date(client, office, reference_data):
    area = Planungsbereich.objects.get(slug="hausaerztlich-weisswasser")
    csv = "AGS;Hausärztlicher Planungsbereich\n14626600;Weißwasser\n14626610;Weißwasser\n"
    result = PlanungsbereichImport().run(csv.encode(), commit=True)
    assert result.ok, result.problems
    response = office.post(
        "/admin/portal/feststellung/add/",
        {
            "planning_area": area.pk,
            "doctor_group": "hausaerzte",
            "status": "drohende-unterversorgung",
            "bezugsregion": "",
            "decided_on": "01.10.2026",
            "valid_from": "01.10.2026",
            "valid_until": "",
            "source_url": "https://www.kvs-sachsen.de/feststellungen.pdf",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Feststellung.history.get().history_user.username == "koordination"
    FindingsCompleteness.objects.create(complete_on=datetime.date(2026, 10, 1))
    for town in Gemeinde.objects.filter(gp_area=area):
        page = client.get(f"{town.get_absolute_url()}?stufe=niederlassung&fach=allgemeinmedizin")
        applies = section_text(page, "applies-title")
        assert "Investitionskostenzuschuss für die Niederlassung" in applies, town
        assert "Feststellung vom 01.10.2026" in applies
        assert "Stand der Feststellungen: 01.10.2026" in applies
    # A town of another area is not told the grant applies there.
    riesa = client.get("/orte/riesa/?stufe=niederlassung&fach=allgemeinmedizin")
    assert "Investitionskostenzuschuss" not in section_text(riesa, "applies-title")


def monthly_sum(response):
    """The „Pro Monat“ sum of a place page, in euros."""
    sums = parse(response).select_one("dl.check-sum dd").get_text()
    return int(sums.replace("€", "").replace(".", "").strip())


def test_the_gp_training_grant_gets_its_supplement_where_a_finding_says_so(client, reference_data):
    url = "/orte/niesky/?stufe=weiterbildung&fach=allgemeinmedizin"
    before = monthly_sum(client.get(url))
    niesky_finding()
    page = client.get(url)
    assert "Zuschlag 500 € pro Monat" in section_text(page, "applies-title")
    # The supplement, and the lateral-entry grant that the finding opens too. That grant is for
    # specialists switching to general practice: unasked, it is „passt vielleicht“, so only the
    # supplement joins the sum (the sums cover „passt“ only).
    assert "Quereinstieg in die Allgemeinmedizin" in section_text(page, "applies-title")
    assert monthly_sum(page) == before + 500


def test_an_old_list_of_findings_says_how_old_it_is(client, reference_data):
    niesky_finding(decided_on="2025-01-01")
    FindingsCompleteness.objects.create(complete_on=datetime.date(2025, 1, 1))
    text = section_text(client.get("/orte/niesky/"), "areas-title")
    assert "Stand der Feststellungen: 01.01.2025" in text
    assert "Tage alt; neuere Beschlüsse sind möglich" in text


def test_a_finding_that_ended_is_not_shown_as_current(client, reference_data):
    niesky_finding(decided_on="2016-07-27", valid_until="2017-01-01")
    page = client.get("/orte/niesky/?stufe=niederlassung&fach=allgemeinmedizin")
    assert "Investitionskostenzuschuss" not in section_text(page, "applies-title")
    assert "27.07.2016" not in page.content.decode()


@pytest.mark.parametrize(
    ("query", "slug"),
    [("Weißwasser", "weisswasser"), ("weisswasser", "weisswasser"), ("GRÖDITZ", "groeditz"),
     ("Groeditz", "groeditz"), ("01445", "radebeul"), ("Bautzen", "bautzen")],
)  # fmt: skip
def test_a_name_or_postcode_of_one_town_leads_to_its_page(client, reference_data, query, slug):
    response = client.get("/orte/", {"q": query, "stufe": "studium"})
    assert response.status_code == 302
    assert response["Location"] == f"/orte/{slug}/?stufe=studium"


def test_a_postcode_shared_by_several_towns_asks_which(client, reference_data):
    response = client.get("/orte/", {"q": "01920"})
    assert response.status_code == 200
    text = section_text(response, "choices-title")
    assert "Die Postleitzahl 01920 gehört zu mehreren Gemeinden" in text
    towns = Gemeinde.objects.filter(postcodes__code="01920")
    assert towns.count() > 1
    for town in towns:
        assert town.name in text


def test_an_unknown_name_gets_suggestions_not_an_error(client, reference_data):
    response = client.get("/orte/", {"q": "Weiswaser"})
    assert response.status_code == 200
    text = section_text(response, "suggestions-title")
    assert "Eine Gemeinde „Weiswaser“ kennen wir nicht." in text
    assert "Weißwasser/O.L." in text


def test_two_towns_of_one_name_are_told_apart_by_their_district(client, reference_data):
    labels = [a.get_text() for a in parse(client.get("/orte/")).select("ul.town-list a")]
    assert "Bernsdorf (Bautzen)" in labels
    assert "Bernsdorf (Zwickau)" in labels
    assert "Radebeul" in labels


def test_the_search_box_suggests_every_town_without_javascript(client, reference_data):
    options = parse(client.get("/orte/")).select("datalist#place-search-towns option")
    assert len(options) == 418


def test_every_town_has_a_page(client, reference_data):
    """All 418 are linked from /orte/; a sample of every 20th is read (each page ~0.3 s)."""
    links = {a["href"] for a in parse(client.get("/orte/")).select("ul.town-list a")}
    towns = list(Gemeinde.objects.order_by("ags").values_list("slug", "name"))
    assert links == {f"/orte/{slug}/" for slug, _name in towns}
    for slug, name in towns[::20]:
        response = client.get(f"/orte/{slug}/")
        assert response.status_code == 200, slug
        assert name in parse(response).h1.get_text()


def test_the_english_page_is_in_english(client, reference_data):
    response = client.get(f"/en/orte/radebeul/{GP_STUDENT}")
    assert response.status_code == 200
    assert parse(response).html["lang"] == "en"


def test_the_sitemap_lists_the_towns(client, reference_data):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-orte.xml" in index
    towns = client.get("/sitemap-orte.xml").content.decode()
    assert "/orte/weisswasser/" in towns
    assert "/en/orte/weisswasser/" in towns


def test_a_place_page_reads_a_bounded_number_of_queries(
    client, reference_data, django_assert_max_num_queries
):
    client.get(f"/orte/radebeul/{GP_STUDENT}")  # the per-version options and index
    with django_assert_max_num_queries(30):
        response = client.get(f"/orte/weisswasser/{GP_STUDENT}")
    assert response.status_code == 200


def test_the_town_search_needs_no_query_once_its_index_is_built(
    client, reference_data, django_assert_max_num_queries
):
    client.get("/orte/", {"q": "Radebeul"})
    with django_assert_max_num_queries(0):
        client.get("/orte/", {"q": "Weißwasser"})


def test_the_planning_area_import_refuses_a_file_with_a_wrong_row(reference_data):
    csv = "AGS;Hausärztlicher Planungsbereich\n14626600;Weißwasser\n99999999;Weißwasser\n"
    result = PlanungsbereichImport().run(csv.encode(), commit=True)
    assert not result.ok
    assert "Zeile 3" in str(result.problems[0])
    assert "unbekannter Gemeindeschlüssel" in str(result.problems[0])
    assert Gemeinde.objects.get(slug="weisswasser").gp_area is None
    dry = PlanungsbereichImport().run(csv.split("99999999")[0].encode())
    assert dry.ok
    assert not dry.committed
    assert Gemeinde.objects.get(slug="weisswasser").gp_area is None


def test_the_planning_area_import_names_an_unknown_area(reference_data):
    csv = "AGS;Hausärztlicher Planungsbereich\n14626600;Weisswaser\n"
    result = PlanungsbereichImport().run(csv.encode(), commit=False)
    assert str(result.problems[0]) == (
        "Zeile 2, Spalte ‚Hausärztlicher Planungsbereich‘: unbekannter hausärztlicher "
        "Planungsbereich ‚Weisswaser‘"
    )


def test_the_town_search_is_on_the_home_finder_and_district_pages(client, reference_data):
    for url in ["/", "/foerderungen/", "/regionen/meissen/", "/en/"]:
        form = parse(client.get(url)).select_one("form.place-search")
        assert form is not None, url
        assert form["action"] in {"/orte/", "/en/orte/"}
        assert form.select_one("input[name=q]") is not None


def test_a_place_page_links_the_check_and_the_finder_with_the_same_answers(client, reference_data):
    links = [a["href"] for a in parse(client.get(f"/orte/riesa/{GP_STUDENT}")).select("a")]
    assert "/foerder-check/?stufe=studium&kreis=meissen&fach=allgemeinmedizin&schritt=ergebnis" in (
        links
    )
    assert "/foerderungen/?stufe=studium&kreis=meissen&fach=allgemeinmedizin" in links


def test_open_data_names_a_programmes_towns_and_area_rules(client, reference_data):
    import json

    response = client.get("/foerderungen/offene-daten/programme.json")
    document = json.loads(b"".join(response.streaming_content))
    by_slug = {item["slug"]: item for item in document["programmes"]}
    assert by_slug["hausarzt-rundumpaket-der-stadt-groeditz"]["municipalities"] == ["groeditz"]
    assert by_slug["saechsisches-hausarztstipendium"]["excluded_work_municipalities"] == [
        "markkleeberg",
        "radebeul",
    ]
    assert by_slug["foerderung-der-weiterbildung-allgemeinmedizin"]["area_rules"] == [
        "hausaerzte/drohende-unterversorgung+250.00/monat",
        "hausaerzte/unterversorgung+500.00/monat",
    ]
    assert (
        "lokaler-bedarf"
        in by_slug["investitionskostenzuschuss-fuer-die-niederlassung"]["area_rules"]
    )


def test_with_a_complete_list_and_no_finding_the_kv_grant_does_not_apply(client, reference_data):
    area = Planungsbereich.objects.get(slug="hausaerztlich-riesa")
    Gemeinde.objects.filter(slug="riesa").update(gp_area=area)
    FindingsCompleteness.objects.create(complete_on=datetime.date.today())
    page = client.get("/orte/riesa/?stufe=niederlassung&fach=allgemeinmedizin")
    excluded = section_text(page, "excluded-title")
    assert "Investitionskostenzuschuss für die Niederlassung" in excluded
    assert "keine passende Feststellung des Landesausschusses erfasst" in excluded
    assert "Investitionskostenzuschuss" not in section_text(page, "undecided-title")
