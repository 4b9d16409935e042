"""``manage.py import_programmes``: validate every row, report row and column, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from funding.models import FundingProgramme
from portal.models import PublicationStatus
from tests import factories

HEADER = (
    "Titel;Kurzname;Kurzbeschreibung;Anbieter;Karrierestufen;Kreise;Art;Betrag;Betrag gilt;"
    "Bewerbungsschluss"
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
    "Görlitz, Bautzen;Stipendium;400;pro Monat;31.03.2027",
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
    assert str(stipend.deadline) == "2027-03-31"
    assert stipend.status == PublicationStatus.DRAFT
    famulatur = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    assert str(famulatur.amount) == "1000.50"
    assert famulatur.districts.count() == 0


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

    out, err = run(path, "--commit")

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
        "Schlechtes Datum;;Text.;landkreis-goerlitz;studium;;zuschuss;;;31.02.2027",
        "Falscher Kreis;;Text.;landkreis-goerlitz;studium;Gorlitz;zuschuss;;;",
        "Doppelt;famulatur-goerlitz;Text.;landkreis-goerlitz;studium;;zuschuss;;;",
        "Ohne Einheit;;Text.;landkreis-goerlitz;studium;;zuschuss;500;;",
        "Unbekannt;;Text.;Niemand e. V.;Zahnmedizin;;Geschenk;;;",
    )

    _out, err = run(path, "--commit")

    assert "Zeile 4, Spalte ‚Bewerbungsschluss‘: ungültiges Datum ‚31.02.2027‘" in err
    assert "Zeile 5, Spalte ‚Kreise‘: unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)" in err
    assert "Zeile 6, Spalte ‚Kurzname‘: Kurzname ‚famulatur-goerlitz‘ steht schon in Zeile 3" in err
    assert "Zeile 7, Spalte ‚Betrag gilt‘: Bitte angeben, wofür der Betrag gilt" in err
    assert "Zeile 8, Spalte ‚Anbieter‘: unbekannter Anbieter ‚Niemand e. V.‘" in err
    assert "Zeile 8, Spalte ‚Karrierestufen‘: unbekannte Karrierestufe ‚Zahnmedizin‘" in err
    assert "Zeile 8, Spalte ‚Art‘: unbekannte Art der Förderung ‚Geschenk‘" in err
    assert "7 Fehler – nichts importiert." in err
    assert FundingProgramme.objects.count() == 0
