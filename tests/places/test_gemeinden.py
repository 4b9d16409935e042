"""Saxony's 418 municipalities and their postcodes as reference data, and a newer Destatis file."""

import csv
import io

import pytest
from django.core.management import call_command

from portal.models import Feststellung, Gemeinde, Planungsbereich, Postcode

pytestmark = pytest.mark.django_db


def test_all_418_municipalities_with_unique_german_slugs(reference_data):
    assert Gemeinde.objects.count() == 418
    slugs = dict(Gemeinde.objects.values_list("ags", "slug"))
    assert len(set(slugs.values())) == 418
    assert slugs["14627210"] == "radebeul"
    assert slugs["14626600"] == "weisswasser"  # „Weißwasser/O.L.“ without its suffix
    assert slugs["14627050"] == "groeditz"
    # Two towns called Oelsnitz: each keeps its regional suffix.
    assert {slugs["14521450"], slugs["14523300"]} == {"oelsnitz-erzgeb", "oelsnitz-vogtl"}


def test_a_town_knows_its_district_position_and_population(reference_data):
    radebeul = Gemeinde.objects.get(slug="radebeul")
    assert radebeul.district.slug == "meissen"
    assert radebeul.population == 33843
    assert radebeul.population_date.isoformat() == "2020-12-31"
    assert 51 < radebeul.latitude < 51.2


def test_a_postcode_can_span_several_towns(reference_data):
    assert Postcode.objects.count() == 384
    shared = Postcode.objects.get(code="01920").gemeinden.count()
    assert shared > 1
    assert Gemeinde.objects.get(slug="radebeul").postcodes.filter(code="01445").exists()


def test_the_specialised_planning_regions_hold_their_districts_towns(reference_data):
    assert Gemeinde.objects.get(slug="weisswasser").specialised_area.name == (
        "Oberlausitz-Niederschlesien"
    )
    assert Gemeinde.objects.filter(specialised_area__isnull=True).count() == 0
    # The GP areas are known by name only: no town is assigned to one.
    assert Planungsbereich.objects.filter(care_level="hausaerztlich").count() == 36
    assert Gemeinde.objects.filter(gp_area__isnull=False).count() == 0


def test_loading_twice_changes_nothing(reference_data):
    before = list(Gemeinde.objects.order_by("ags").values_list("ags", "slug", "name"))
    call_command("load_reference_data", verbosity=0)
    assert list(Gemeinde.objects.order_by("ags").values_list("ags", "slug", "name")) == before


def test_the_data_sources_page_names_both_licences(client, reference_data):
    response = client.get("/datenquellen/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0" in text
    assert "Open Database License (ODbL) 1.0" in text
    assert "OpenStreetMap" in text


def newer_file(tmp_path, change):
    """The shipped Destatis file with ``change(rows)`` applied, written to ``tmp_path``."""
    from django.conf import settings

    source = settings.BASE_DIR / "fixtures" / "gemeinden" / "gemeinden-sachsen.csv"
    with open(source, encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    path = tmp_path / "neu.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def merge_groeditz_into_new_town(rows):
    """Gröditz disappears, a new town appears in Meißen; Riesa is renamed."""
    groeditz = next(r for r in rows if r["ags"] == "14627050")
    rows = [r for r in rows if r["ags"] != "14627050"]
    rows.append({**groeditz, "ags": "14627999", "name_deutsch": "Röderaue-Gröditz",
                 "name_amtlich": "Röderaue-Gröditz, Stadt"})  # fmt: skip
    for row in rows:
        if row["ags"] == "14627230":
            row["name_deutsch"] = "Riesa an der Elbe"
    return rows


def run_update(path, *args):
    out = io.StringIO()
    call_command("update_gemeinden", str(path), *args, stdout=out)
    return out.getvalue()


def test_a_newer_file_is_reported_before_anything_is_written(reference_data, tmp_path):
    report = run_update(newer_file(tmp_path, merge_groeditz_into_new_town))
    assert "Neu: Röderaue-Gröditz (14627999)" in report
    assert "Umbenannt: Riesa → Riesa an der Elbe" in report
    assert "Nicht mehr in der Liste: Gröditz (14627050), wohl aufgegangen in Röderaue-Gröditz" in (
        report
    )
    assert "Probelauf" in report
    assert Gemeinde.objects.filter(ags="14627050").exists()
    assert not Gemeinde.objects.filter(ags="14627999").exists()
    assert Gemeinde.objects.get(ags="14627230").name == "Riesa"


def test_a_town_something_points_at_is_kept_on_commit(reference_data, tmp_path):
    area = Planungsbereich.objects.get(slug="spezialisiert-oberes-elbtal-osterzgebirge")
    finding = Feststellung.objects.create(
        planning_area=area, doctor_group="kinder-jugendpsychiater", status="lokaler-bedarf",
        decided_on="2026-10-01", source_url="https://www.kvsachsen.de/",
    )  # fmt: skip
    finding.bezugsregion_gemeinden.add(Gemeinde.objects.get(ags="14627050"))
    report = run_update(newer_file(tmp_path, merge_groeditz_into_new_town), "--commit")
    assert "bleibt gespeichert, weil darauf verwiesen wird" in report
    assert Gemeinde.objects.filter(ags="14627050").exists()
    assert Gemeinde.objects.get(ags="14627999").slug == "roederaue-groeditz"
    assert Gemeinde.objects.get(ags="14627230").name == "Riesa an der Elbe"


def test_the_groeditz_programme_keeps_its_town(reference_data, tmp_path):
    report = run_update(newer_file(tmp_path, merge_groeditz_into_new_town), "--commit")
    assert "Hausarzt-Rundumpaket der Stadt Gröditz" in report
    assert Gemeinde.objects.filter(ags="14627050").exists()


def test_an_unreferenced_town_gone_from_the_file_goes_on_commit(reference_data, tmp_path):
    def without_zeithain(rows):
        return [row for row in rows if row["ags"] != "14627360"]

    run_update(newer_file(tmp_path, without_zeithain), "--commit")
    assert not Gemeinde.objects.filter(ags="14627360").exists()


def test_a_file_of_another_layout_is_refused(reference_data, tmp_path):
    path = tmp_path / "falsch.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(Exception, match="Spalten fehlen"):
        run_update(path)
