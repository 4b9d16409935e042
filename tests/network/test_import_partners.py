"""``manage.py import_partners``: the partner file is validated whole, then written whole."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from network.models import Partner, PartnerCategory
from tests import factories

HEADER = "Name;Kurzname;Kategorie;Kreis;Ort;Postleitzahl;E-Mail;Mitglied seit"
GOOD = (
    HEADER,
    "Klinikum Görlitz;;Krankenhäuser, Praxen und MVZ;Görlitz;Görlitz;02828;info@klinikum.example;"
    "01.04.2010",
    "KV Sachsen;kv-sachsen;verband;;Dresden;01099;;",
)


@pytest.fixture
def goerlitz(db):
    return factories.district(name="Görlitz", slug="goerlitz", ags="14626")


def run(tmp_path, *lines, commit=True, encoding="utf-8"):
    path = tmp_path / "partner.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    out, err = StringIO(), StringIO()
    args = [str(path), "--commit"] if commit else [str(path)]
    try:
        call_command("import_partners", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


def test_a_good_file_creates_partners_with_slugs(goerlitz, tmp_path):
    out, err = run(tmp_path, *GOOD)

    assert err == ""
    assert "2 neu" in out
    klinikum = Partner.objects.get(slug="klinikum-goerlitz")
    assert klinikum.category == PartnerCategory.CARE_PROVIDER
    assert klinikum.district == goerlitz
    assert str(klinikum.member_since) == "2010-04-01"
    assert Partner.objects.get(slug="kv-sachsen").district is None


def test_the_import_is_idempotent_and_keeps_what_the_file_does_not_name(goerlitz, tmp_path):
    run(tmp_path, *GOOD)
    Partner.objects.filter(slug="kv-sachsen").update(website="https://www.kvsachsen.de")

    out, _err = run(tmp_path, *GOOD)

    assert "0 neu, 0 geändert, 2 unverändert" in out
    assert Partner.objects.count() == 2
    assert Partner.objects.get(slug="kv-sachsen").website == "https://www.kvsachsen.de"


def test_a_dry_run_saves_nothing(goerlitz, tmp_path):
    out, _err = run(tmp_path, *GOOD, commit=False)

    assert "Probelauf" in out
    assert Partner.objects.count() == 0


def test_a_malformed_file_reports_each_problem_and_changes_nothing(goerlitz, tmp_path):
    existing = factories.partner(name="KV Sachsen", slug="kv-sachsen", city="Leipzig")

    _out, err = run(
        tmp_path,
        *GOOD,
        "Praxis Nord;;Praxis;Gorlitz;;;;",
        "Praxis Süd;;versorgung;;;0282;keine-mail;32.13.2020",
        "Klinikum Görlitz;;versorgung;;;;;",
    )

    assert "Zeile 4, Spalte ‚Kategorie‘: unbekannte Kategorie ‚Praxis‘" in err
    assert "Zeile 4, Spalte ‚Kreis‘: unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)" in err
    assert "Zeile 5, Spalte ‚E-Mail‘: " in err
    assert "Zeile 5, Spalte ‚Mitglied seit‘: ungültiges Datum ‚32.13.2020‘" in err
    assert "Zeile 6, Spalte ‚Kurzname‘: Kurzname ‚klinikum-goerlitz‘ steht schon in Zeile 2" in err
    assert "nichts importiert" in err
    assert list(Partner.objects.values_list("slug", flat=True)) == ["kv-sachsen"]
    existing.refresh_from_db()
    assert existing.city == "Leipzig"


def test_wrong_encoding_and_unknown_columns_are_refused(goerlitz, tmp_path):
    _out, err = run(tmp_path, *GOOD, encoding="latin-1")
    assert "nicht in UTF-8 kodiert" in err

    _out, err = run(tmp_path, "Name;Kategorie;Kries", "A;verband;Görlitz")
    assert "Zeile 1, Spalte ‚Kries‘: Diese Spalte ist unbekannt." in err
    assert Partner.objects.count() == 0


def test_a_postcode_must_have_five_digits(goerlitz, tmp_path):
    _out, err = run(
        tmp_path,
        HEADER,
        "Praxis A;;versorgung;;Görlitz;2826;;",
        "Praxis B;;versorgung;;Görlitz;028261;;",
        "Praxis C;;versorgung;;Görlitz;O2826;;",
    )

    assert (
        "Zeile 2, Spalte ‚Postleitzahl‘: Eine Postleitzahl hat fünf Ziffern. "
        "Fehlt die führende Null (‚02826‘)?"
    ) in err
    assert "Zeile 3, Spalte ‚Postleitzahl‘: " in err
    assert "Zeile 4, Spalte ‚Postleitzahl‘: Eine Postleitzahl hat fünf Ziffern." in err
    assert Partner.objects.count() == 0
