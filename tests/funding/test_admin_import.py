"""The office imports and exports programmes in the admin: upload, preview, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains

from funding.imports import ProgrammeImport
from funding.models import FundingProgramme
from tests.funding.test_import_programmes import GOOD, HEADER, reference  # noqa: F401 - fixture
from tests.html import parse

pytestmark = pytest.mark.usefixtures("reference")

IMPORT_URL = "/admin/funding/fundingprogramme/import/"


def upload(office, *lines):
    content = "\n".join(lines).encode()
    return office.post(
        IMPORT_URL,
        {"import_file": SimpleUploadedFile("programme.csv", content), "format": "0"},
    )


def test_the_office_uploads_a_programme_file_sees_the_preview_and_confirms(office):
    preview = upload(office, *GOOD)

    assert preview.status_code == 200
    assertContains(preview, "Famulatur Görlitz")
    assert FundingProgramme.objects.count() == 0  # only the preview so far
    form = parse(preview).find("form", action=lambda action: action and "process" in action)
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input")
        if field.get("name")
    }

    confirmed = office.post(form["action"], data)

    assert confirmed.status_code == 302
    famulatur = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    assert famulatur.amount == 1000.50
    assert FundingProgramme.objects.count() == 2


def test_a_broken_row_shows_its_row_and_column_and_nothing_can_be_imported(office):
    broken = GOOD[2].replace(";;zuschuss", ";Gorlitz;zuschuss")
    response = upload(office, HEADER, GOOD[1], broken)

    assertContains(response, "unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)")
    row = parse(response).find("td", string=lambda text: text and text.strip() == "3")
    assert row is not None  # the row as a spreadsheet counts it, the header being row 1
    assertContains(response, "Kreise")
    assertNotContains(response, 'action="/admin/funding/fundingprogramme/process_import/"')
    assert FundingProgramme.objects.count() == 0


def test_the_office_exports_programmes_as_a_file_the_import_reads_again(office):
    ProgrammeImport().run("\n".join(GOOD).encode(), commit=True)
    before = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    stages = set(before.career_stages.all())
    columns = [column.field for column in ProgrammeImport.columns]

    response = office.post(
        "/admin/funding/fundingprogramme/export/",
        {"format": "0", **{f"fundingprogrammeresource_{name}": "on" for name in columns}},
    )

    assert response.status_code == 200
    exported = response.content.decode("utf-8-sig")
    assert exported.startswith("Titel,Kurzname,Kurzbeschreibung")
    FundingProgramme.objects.all().delete()
    assert ProgrammeImport().run(exported.encode(), commit=True).committed
    after = FundingProgramme.objects.get(slug="famulatur-goerlitz")
    assert (after.title, after.amount, after.amount_unit, after.provider) == (
        before.title,
        before.amount,
        before.amount_unit,
        before.provider,
    )
    assert set(after.career_stages.all()) == stages
