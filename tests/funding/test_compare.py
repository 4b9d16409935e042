"""Programmes side by side (``/foerderungen/vergleich/``) and the comparison as CSV."""

import csv
import io

from pytest_django.asserts import assertContains, assertNotContains

from tests.html import table_rows

STIPEND = "saechsisches-hausarztstipendium"
QUOTA = "landarztquote-studienplatz-mit-verpflichtung-zur-hausaerztlichen-taetigkeit"
PECS = "studieren-in-europa-zukunft-in-sachsen"
MITTELSACHSEN = "rundum-gesund-aerztin-arzt-werden-fuer-mittelsachsen"
FAMULATUR = "famulaturfoerderung"


def compare(client, *slugs, suffix=""):
    query = "&".join(f"p={slug}" for slug in slugs)
    return client.get(f"/foerderungen/vergleich/{suffix}?{query}")


def test_it_shows_the_programmes_side_by_side_with_money_duration_and_commitment(
    client, reference_data
):
    response = compare(client, STIPEND, MITTELSACHSEN)

    assertContains(response, "2 Programme im Vergleich")
    assertContains(
        response,
        '<th scope="row">Betrag pro Monat</th><td>1.000\xa0€</td><td>400\xa0€</td>',
        html=True,
    )
    assertContains(response, "<td>75.000\xa0€</td>", html=True)
    assertContains(response, "<td>6 Jahre und 3 Monate</td>", html=True)
    assertContains(
        response, "<td>in Sachsen außer Dresden, Leipzig, Markkleeberg, Radebeul</td>", html=True
    )
    assertContains(response, "<td>in: Mittelsachsen</td>", html=True)
    assert not response.cookies


def test_it_names_the_exclusion_between_compared_programmes_with_its_source(client, reference_data):
    response = compare(client, STIPEND, QUOTA)

    assertContains(response, "Diese Programme schließen sich gegenseitig aus")
    assertContains(response, 'href="https://nachwuchsaerzte-sachsen.de/fragen-zum-stipendium.html"')
    assertContains(response, "fester Betrag (Vertragsstrafe): 250.000\xa0€")


def test_what_the_source_leaves_open_reads_laut_quelle_nicht_angegeben(client, reference_data):
    response = compare(client, STIPEND, FAMULATUR)

    assertContains(
        response,
        '<th scope="row">Bindung danach</th><td>6 Jahre</td><td>laut Quelle nicht angegeben</td>',
        html=True,
    )


def test_it_compares_at_most_four_and_says_so(client, reference_data):
    response = compare(client, STIPEND, QUOTA, PECS, MITTELSACHSEN, FAMULATUR)

    assertContains(response, "4 Programme im Vergleich")
    assertContains(response, "Verglichen werden höchstens 4 Programme")
    assertNotContains(response, '<th scope="col"><a href="/foerderungen/famulaturfoerderung/">')


def test_unknown_and_unpublished_programmes_are_left_out_with_a_note(client, reference_data):
    from funding.models import FundingProgramme

    FundingProgramme.objects.filter(slug=PECS).update(status="draft")
    response = compare(client, STIPEND, PECS, "gibt-es-nicht")

    assertContains(response, "1 Programm im Vergleich")
    assertContains(response, "„gibt-es-nicht“ ist keine gültige Angabe für „Programm“")
    assertContains(response, f"„{PECS}“ ist keine gültige Angabe")


def test_an_empty_comparison_explains_how_to_choose(client, reference_data):
    response = client.get("/foerderungen/vergleich/")

    assertContains(response, "bis zu vier Programme mit „vergleichen“ aus")


def test_the_csv_has_one_column_per_programme_and_the_same_rows(client, reference_data):
    response = compare(client, STIPEND, QUOTA, suffix="vergleich.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "",
        "Sächsisches Hausarztstipendium",
        "Landarztquote: Studienplatz mit Verpflichtung zur hausärztlichen Tätigkeit",
    ]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Bindung danach"] == ["6 Jahre", "10 Jahre"]
    assert by_label["Insgesamt über die Förderdauer"] == ["75.000\xa0€", "–"]


def test_the_page_prints_without_the_download_link(client, reference_data):
    response = compare(client, STIPEND)

    assertContains(response, 'class="no-print"')


def test_the_finder_cards_choose_programmes_for_the_comparison(client, reference_data):
    response = client.get("/foerderungen/?q=Hausarztstipendium")

    assertContains(
        response, '<form id="compare-form" method="get" action="/foerderungen/vergleich/"'
    )
    assertContains(
        response,
        f'<input type="checkbox" name="p" value="{STIPEND}" form="compare-form">',
        html=True,
    )


def test_a_row_unknown_for_every_compared_programme_is_left_out(client, reference_data):
    both = table_rows(compare(client, STIPEND, FAMULATUR))
    famulatur_alone = table_rows(compare(client, FAMULATUR))

    assert "Bindung danach" in both  # known for the stipend
    assert "Bindung danach" not in famulatur_alone
    for label, texts in famulatur_alone.items():
        assert texts != ["laut Quelle nicht angegeben"], label
