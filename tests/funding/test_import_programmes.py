"""``manage.py import_programmes``: validate every row, report row and column, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from funding.models import FundingProgramme
from portal.models import PublicationStatus
from tests import factories

HEADER = (
    "Titel;Kurzname;Kurzbeschreibung;Anbieter;Karrierestufen;Kreise;Art;Betrag;Betrag gilt;"
    "Bewerbungszeiträume"
)


@pytest.fixture
def reference(db):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    factories.district(name="Bautzen", slug="bautzen", ags="14625")
    factories.career_stage(name="Studium", slug="studium")
    factories.career_stage(name="Praktisches Jahr", slug="pj")
    factories.partner(name="Landkreis Görlitz", slug="landkreis-goerlitz")


def write(tmp_path, *lines, encoding="utf-8"):
    path = tmp_path / "programme.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    return str(path)


def run(path, *args):
    """(stdout, stderr) of the command; a CommandError is turned into its message."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_programmes", path, *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


GOOD = (
    HEADER,
    "Stipendium Oberlausitz;;Monatlich 400 € im Studium.;landkreis-goerlitz;Studium | PJ;"
    "Görlitz, Bautzen;Stipendium;400;pro Monat;",
    "Famulatur Görlitz;famulatur-goerlitz;Zuschuss zur Famulatur.;Landkreis Görlitz;studium;;"
    "zuschuss;1.000,50;einmalig;",
)


def test_a_dry_run_validates_but_writes_nothing(reference, tmp_path):
    out, err = run(write(tmp_path, *GOOD))

    assert err == ""
    assert "2 neu, 0 geändert, 0 unverändert" in out
    assert "Probelauf" in out
    assert FundingProgramme.objects.count() == 0


def test_a_good_file_is_imported_with_commit(reference, tmp_path):
    out, _err = run(write(tmp_path, *GOOD), "--commit")

    assert "Gespeichert." in out
    stipend = FundingProgramme.objects.get(slug="stipendium-oberlausitz")
    assert sorted(stipend.districts.values_list("slug", flat=True)) == ["bautzen", "goerlitz"]
    assert sorted(stipend.career_stages.values_list("slug", flat=True)) == ["pj", "studium"]
    assert stipend.status == PublicationStatus.DRAFT
    famulatur = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    assert str(famulatur.amount) == "1000.50"
    assert famulatur.districts.count() == 0


WINDOWS = (
    "Titel;Kurzbeschreibung;Anbieter;Karrierestufen;Art;Bewerbungszeiträume;Quelle;Stand der Quelle"
)


def test_the_windows_column_sets_the_windows_with_the_rows_source(reference, tmp_path):
    row = (
        "Stipendium;Text.;landkreis-goerlitz;studium;stipendium;"
        "jährlich 01.10.-15.11. verlängerbar 31.03. | bis 31.03.2027;https://example.org/q;2026"
    )

    _out, err = run(write(tmp_path, WINDOWS, row), "--commit")

    assert err == ""
    windows = FundingProgramme.objects.get(slug="stipendium").windows.order_by("kind")
    assert [str(window) for window in windows] == [
        "bis 31.03.2027",
        "jährlich vom 1. Oktober bis 15. November (verlängerbar bis 31. März)",
    ]
    assert {(w.source_url, w.source_year) for w in windows} == {("https://example.org/q", 2026)}
    out, _err = run(write(tmp_path, WINDOWS, row), "--commit")
    assert "0 neu, 0 geändert, 1 unverändert" in out


def test_a_window_without_source_or_in_bad_syntax_is_refused(reference, tmp_path):
    rows = [
        "Ohne Quelle;Text.;landkreis-goerlitz;studium;stipendium;jederzeit;;",
        "Kaputt;Text.;landkreis-goerlitz;studium;stipendium;ab Oktober;https://example.org;2026",
    ]

    _out, err = run(write(tmp_path, WINDOWS, *rows), "--commit")

    assert "Zeile 2, Spalte ‚Bewerbungszeiträume‘: Bewerbungszeiträume brauchen eine Quelle" in err
    assert "Zeile 3, Spalte ‚Bewerbungszeiträume‘: „ab Oktober“ ist kein Bewerbungszeitraum" in err
    assert FundingProgramme.objects.count() == 0


def test_importing_the_same_file_twice_changes_nothing(reference, tmp_path):
    path = write(tmp_path, *GOOD)
    run(path, "--commit")
    history = FundingProgramme.history.count()

    out, _err = run(path, "--commit")

    assert "0 neu, 0 geändert, 2 unverändert" in out
    assert FundingProgramme.objects.count() == 2
    assert FundingProgramme.history.count() == history


def test_a_changed_row_updates_the_programme_by_slug(reference, tmp_path):
    run(write(tmp_path, *GOOD), "--commit")
    changed = GOOD[2].replace("Zuschuss zur Famulatur.", "Jetzt mit Unterkunft.")

    out, _err = run(write(tmp_path, GOOD[0], GOOD[1], changed), "--commit")

    assert "0 neu, 1 geändert, 1 unverändert" in out
    assert FundingProgramme.objects.get(slug="famulatur-goerlitz").summary == (
        "Jetzt mit Unterkunft."
    )


def test_comma_separated_files_work_too(reference, tmp_path):
    path = write(
        tmp_path,
        "Titel,Kurzbeschreibung,Anbieter,Karrierestufen,Art",
        'PJ-Zuschuss,Für das PJ.,landkreis-goerlitz,"Studium, PJ",zuschuss',
    )

    _out, err = run(path, "--commit")

    assert err == ""
    assert FundingProgramme.objects.get(slug="pj-zuschuss").career_stages.count() == 2


def test_a_file_in_another_encoding_is_refused_clearly(reference, tmp_path):
    _out, err = run(write(tmp_path, *GOOD, encoding="cp1252"), "--commit")

    assert "nicht in UTF-8 kodiert" in err
    assert "nichts importiert" in err
    assert FundingProgramme.objects.count() == 0


def test_a_missing_column_is_named(reference, tmp_path):
    _out, err = run(write(tmp_path, "Titel;Kurzbeschreibung;Anbieter;Art", "A;B;C;zuschuss"))

    assert "Zeile 1, Spalte ‚Karrierestufen‘: Die Spalte fehlt." in err


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(reference, tmp_path):
    path = write(
        tmp_path,
        *GOOD,
        "Schlechtes Datum;;Text.;landkreis-goerlitz;studium;;zuschuss;;;bis 31.02.2027",
        "Falscher Kreis;;Text.;landkreis-goerlitz;studium;Gorlitz;zuschuss;;;",
        "Doppelt;famulatur-goerlitz;Text.;landkreis-goerlitz;studium;;zuschuss;;;",
        "Ohne Einheit;;Text.;landkreis-goerlitz;studium;;zuschuss;500;;",
        "Unbekannt;;Text.;Niemand e. V.;Zahnmedizin;;Geschenk;;;",
    )

    _out, err = run(path, "--commit")

    assert "Zeile 4, Spalte ‚Bewerbungszeiträume‘: ungültiges Datum ‚31.02.2027‘" in err
    assert "Zeile 5, Spalte ‚Kreise‘: unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)" in err
    assert "Zeile 6, Spalte ‚Kurzname‘: Kurzname ‚famulatur-goerlitz‘ steht schon in Zeile 3" in err
    assert "Zeile 7, Spalte ‚Betrag gilt‘: Bitte angeben, wofür der Betrag gilt" in err
    assert "Zeile 8, Spalte ‚Anbieter‘: unbekannter Anbieter ‚Niemand e. V.‘" in err
    assert "Zeile 8, Spalte ‚Karrierestufen‘: unbekannte Karrierestufe ‚Zahnmedizin‘" in err
    assert "Zeile 8, Spalte ‚Art‘: unbekannte Art der Förderung ‚Geschenk‘" in err
    assert "7 Fehler – nichts importiert." in err
    assert FundingProgramme.objects.count() == 0


def test_a_row_with_fewer_values_than_columns_is_refused_and_blanks_nothing(reference, tmp_path):
    run(write(tmp_path, *GOOD), "--commit")
    short = "Famulatur Görlitz;famulatur-goerlitz;Zuschuss zur Famulatur."

    _out, err = run(write(tmp_path, GOOD[0], short), "--commit")

    assert "Zeile 2: nur 3 Werte, aber 10 Spalten" in err
    assert "1 Fehler – nichts importiert." in err
    famulatur = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    assert famulatur.provider.slug == "landkreis-goerlitz"
    assert str(famulatur.amount) == "1000.50"


def test_a_column_named_twice_in_the_header_is_refused(reference, tmp_path):
    _out, err = run(write(tmp_path, HEADER + ";Kreise", GOOD[1] + ";Bautzen"), "--commit")

    assert "Zeile 1, Spalte ‚Kreise‘: Die Spalte steht 2-mal in der Kopfzeile." in err
    assert FundingProgramme.objects.count() == 0


def test_a_district_named_twice_in_one_cell_counts_once_and_a_reimport_changes_nothing(
    reference, tmp_path
):
    path = write(tmp_path, HEADER, GOOD[1].replace("Görlitz, Bautzen", "Görlitz | goerlitz"))
    run(path, "--commit")
    history = FundingProgramme.history.count()

    out, _err = run(path, "--commit")

    assert "0 neu, 0 geändert, 1 unverändert" in out
    stipend = FundingProgramme.objects.get(slug="stipendium-oberlausitz")
    assert list(stipend.districts.values_list("slug", flat=True)) == ["goerlitz"]
    assert FundingProgramme.history.count() == history


def test_an_archived_partner_cannot_be_the_provider(reference, tmp_path):
    factories.partner(name="Alte Stiftung", slug="alte-stiftung", status=PublicationStatus.ARCHIVED)
    row = GOOD[1].replace("landkreis-goerlitz", "alte-stiftung")

    _out, err = run(write(tmp_path, HEADER, row), "--commit")

    assert (
        "Zeile 2, Spalte ‚Anbieter‘: Anbieter ‚alte-stiftung‘ ist archiviert; bitte einen aktiven "
        "Partner angeben"
    ) in err
    assert FundingProgramme.objects.count() == 0


def test_a_line_with_another_delimiter_is_named_as_such(reference, tmp_path):
    comma_row = GOOD[2].replace(";", ",").replace("1.000,50", "1000")

    _out, err = run(write(tmp_path, GOOD[0], GOOD[1], comma_row), "--commit")

    assert "Zeile 3: Die Zeile ist mit ‚,‘ getrennt, die Kopfzeile mit ‚;‘." in err
    assert "erforderlich" not in err
    assert "1 Fehler – nichts importiert." in err
    assert FundingProgramme.objects.count() == 0


def test_a_quote_that_is_never_closed_is_named_as_such(reference, tmp_path):
    unclosed = GOOD[1].replace("Monatlich 400 € im Studium.", '"Monatlich 400 € im Studium.')

    _out, err = run(write(tmp_path, GOOD[0], unclosed, GOOD[2]), "--commit")

    assert 'Zeile 2: Ein Anführungszeichen (") öffnet hier einen Wert' in err
    assert "erforderlich" not in err
    assert "1 Fehler – nichts importiert." in err
    assert FundingProgramme.objects.count() == 0


def test_a_quote_closed_lines_later_is_named_with_the_line_where_it_ends(reference, tmp_path):
    unclosed = GOOD[1].replace("Monatlich 400 € im Studium.", '"Monatlich 400 € im Studium.')
    closing = 'Später";;Text.;landkreis-goerlitz;studium;;zuschuss;;;'

    _out, err = run(write(tmp_path, GOOD[0], unclosed, GOOD[2], closing), "--commit")

    assert "erst in Zeile 4 endet – fehlt ein schließendes Anführungszeichen?" in err
    assert FundingProgramme.objects.count() == 0


def test_a_quote_followed_by_text_is_named_as_such(reference, tmp_path):
    stray = GOOD[1].replace("Monatlich 400 € im Studium.", '"Monatlich" 400 € im Studium.')

    _out, err = run(write(tmp_path, GOOD[0], stray), "--commit")

    assert 'Zeile 2: Auf ein schließendes Anführungszeichen (") folgt kein Trennzeichen' in err
    assert FundingProgramme.objects.count() == 0


def test_a_value_that_looks_like_a_formula_is_imported_as_text_with_a_warning(reference, tmp_path):
    row = GOOD[1].replace("Stipendium Oberlausitz", '=HYPERLINK("http://example.org")')
    path = write(tmp_path, HEADER, row.replace(";;", ";stipendium-oberlausitz;", 1))

    out, err = run(path, "--commit")

    assert 'Zeile 2, Spalte ‚Titel‘: ‚=HYPERLINK("http://example.org")‘ sähe in einer' in err
    assert "Gespeichert." in out
    programme = FundingProgramme.objects.get(slug="stipendium-oberlausitz")
    assert programme.title == '=HYPERLINK("http://example.org")'


def test_a_long_import_reports_its_progress(reference, tmp_path, monkeypatch):
    from funding.imports import ProgrammeImport
    from portal.csvimport import ImportCommand

    monkeypatch.setattr(ProgrammeImport, "chunk_rows", 2)
    monkeypatch.setattr(ImportCommand, "progress_every", 4)
    rows = [f"Programm {n};;Text.;landkreis-goerlitz;studium;;zuschuss;;;" for n in range(1, 10)]

    out, err = run(write(tmp_path, HEADER, *rows))

    assert err.splitlines() == ["… 4 Zeilen geprüft", "… 8 Zeilen geprüft"]
    assert "9 neu" in out


def test_reimporting_unchanged_rows_costs_queries_per_chunk_not_per_row(
    reference, tmp_path, django_assert_max_num_queries
):
    from funding.imports import ProgrammeImport

    rows = [
        f"Programm {n};;Text.;landkreis-goerlitz;studium | pj;goerlitz;zuschuss;;;"
        for n in range(60)
    ]
    content = "\n".join([HEADER, *rows]).encode()
    assert ProgrammeImport().run(content, commit=True).created == 60

    with django_assert_max_num_queries(20):
        result = ProgrammeImport().run(content, commit=True)

    assert result.unchanged == 60


def test_a_file_with_carriage_returns_alone_is_read_line_by_line(reference, tmp_path):
    """Old Mac Excel ends lines with CR alone (attack of 07.12.2026, L11: a traceback)."""
    path = tmp_path / "programme.csv"
    path.write_bytes("\r".join(GOOD).encode())

    out, err = run(str(path))

    assert err == ""
    assert "2 neu, 0 geändert, 0 unverändert" in out


def test_binary_junk_is_refused_with_a_message(reference, tmp_path):
    import random

    path = tmp_path / "programme.csv"
    # Valid UTF-8, no line break: one 200 KB "line" past the csv module's field limit.
    chars = random.Random(20261207).choices(range(1, 0x2FF), k=200_000)
    path.write_bytes("".join(chr(c) for c in chars).replace("\n", " ").encode())

    _out, err = run(str(path))

    assert "Traceback" not in err
    assert "Zeile 1" in err
    assert FundingProgramme.objects.count() == 0


def test_a_header_too_long_for_csv_is_refused_with_a_message(reference, tmp_path):
    path = write(tmp_path, "Titel" + "x" * 200_000)

    _out, err = run(path)

    assert "kein gültiges CSV" in err
