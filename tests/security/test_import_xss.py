"""What a CSV import brings in is shown escaped; links that would run script are refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from funding.models import FundingProgramme
from network.models import Partner
from tests import factories

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>"

PARTNERS = (
    "Name;Kurzname;Kategorie;Kreis;Ort;Beschreibung;Status",
    f"Klinik {PAYLOAD};klinik-import;versorgung;goerlitz;Ort {PAYLOAD};{PAYLOAD};published",
)
PROGRAMMES = (
    "Titel;Kurzname;Kurzbeschreibung;Beschreibung;Anbieter;Karrierestufen;Kreise;Art;Status",
    f"Stipendium {PAYLOAD};stipendium-import;Kurz {PAYLOAD};{PAYLOAD};klinik-import;studium;"
    "goerlitz;stipendium;published",
)


def run_import(command, tmp_path, *lines):
    """(stdout, stderr) of an import with ``--commit``; a CommandError goes to stderr."""
    path = tmp_path / f"{command}.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    out, err = StringIO(), StringIO()
    try:
        call_command(command, str(path), "--commit", stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


@pytest.fixture
def imported(db, tmp_path):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")
    factories.career_stage(name="Studium", slug="studium")
    for command, lines in (("import_partners", PARTNERS), ("import_programmes", PROGRAMMES)):
        _out, err = run_import(command, tmp_path, *lines)
        assert err == ""
    return {
        "partner": Partner.objects.get(slug="klinik-import"),
        "programme": FundingProgramme.objects.get(slug="stipendium-import"),
    }


def assert_escaped(text):
    assert PAYLOAD not in text
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize(
    "path",
    [
        "/netzwerk/partner/",
        "/netzwerk/partner/klinik-import/",
        "/foerderungen/",
        "/foerderungen/stipendium-import/",
        "/suche/?q=Klinik",
        "/regionen/goerlitz/",
    ],
)
def test_imported_texts_are_shown_escaped(client, imported, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_escaped(response.content.decode())


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]
)
def test_an_import_refuses_links_that_would_run_script(db, tmp_path, link):
    factories.district(name="Görlitz", slug="goerlitz", ags="14626")

    _out, err = run_import(
        "import_partners", tmp_path, "Name;Kategorie;Website", f"Klinik Link;versorgung;{link}"
    )

    assert "Website" in err
    assert not Partner.objects.filter(name="Klinik Link").exists()
