"""Planning areas of KV Sachsen: the reference list, and the office's CSV of towns → areas.

The CSV follows the Bedarfsplan annex: one row per town, keyed by its AGS, with a column per
care level naming the area (by name or Kurzname). It runs through ``portal.csvimport``: a dry
run first, every row checked, nothing written while any row is wrong.
"""

import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.cache import bump_content_version
from portal.csvimport import Column, CsvImport, ImportCommand, Lookup
from portal.models import CareLevel, District, Gemeinde, Planungsbereich

REFERENCE_FILE = "planning_areas.json"


@transaction.atomic
def load_reference():
    """The areas of ``fixtures/planning_areas.json``; towns of the districts an area names."""
    path = settings.BASE_DIR / "fixtures" / REFERENCE_FILE
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        entries = json.load(handle)["areas"]
    districts = {d.slug: d for d in District.objects.all()}
    for entry in entries:
        area, _created = Planungsbereich.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "care_level": entry["care_level"],
                "source_url": entry["source_url"],
                "source_year": entry["source_year"],
            },
        )
        field = {
            CareLevel.GP: "gp_area",
            CareLevel.SPECIALIST: "specialist_area",
            CareLevel.SPECIALISED: "specialised_area",
        }[area.care_level]
        if entry["districts"]:
            Gemeinde.objects.filter(
                district__in=[districts[slug] for slug in entry["districts"]]
            ).update(**{field: area})
    transaction.on_commit(bump_content_version)


class AgsToSlug:
    """Converter: a town's AGS → its slug, which the import matches rows by."""

    def prepared(self):
        slugs = dict(Gemeinde.objects.values_list("ags", "slug"))

        def convert(text):
            if text not in slugs:
                raise ValidationError(
                    _("unbekannter Gemeindeschlüssel ‚%(value)s‘ (8 Ziffern, z. B. 14627210)")
                    % {"value": text[:20]}
                )
            return slugs[text]

        return convert


class GemeindeAreasForm(forms.ModelForm):
    class Meta:
        model = Gemeinde
        fields = ["gp_area", "specialist_area", "specialised_area"]


def area_lookup(level, noun):
    return Lookup(Planungsbereich.objects.filter(care_level=level), noun)


class PlanungsbereichImport(CsvImport):
    """Towns → planning areas; a column left out of the file leaves that level as it is."""

    model = Gemeinde
    form_class = GemeindeAreasForm
    columns = (
        Column("AGS", "slug", required=True, convert=AgsToSlug()),
        Column(
            "Hausärztlicher Planungsbereich",
            "gp_area",
            convert=area_lookup(
                CareLevel.GP, gettext_lazy("unbekannter hausärztlicher Planungsbereich")
            ),
        ),
        Column(
            "Allgemeiner fachärztlicher Planungsbereich",
            "specialist_area",
            convert=area_lookup(
                CareLevel.SPECIALIST, gettext_lazy("unbekannter fachärztlicher Planungsbereich")
            ),
        ),
        Column(
            "Spezialisierter fachärztlicher Planungsbereich",
            "specialised_area",
            convert=area_lookup(
                CareLevel.SPECIALISED, gettext_lazy("unbekannte Raumordnungsregion")
            ),
        ),
    )


class PlanungsbereichImportCommand(ImportCommand):
    importer_class = PlanungsbereichImport
    noun = gettext_lazy("Gemeinden")
