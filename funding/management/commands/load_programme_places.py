"""Where programmes apply by town and by finding, from ``fixtures/programme_places.json``.

Kept apart from ``programmes.json`` so the two can be edited (and merged) independently;
``load_reference_data`` runs this after loading the programmes and the towns.
"""

import json

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import transaction

from funding.models import AreaRule, FundingProgramme
from portal.models import Gemeinde

PLACES_FILE = "programme_places.json"


class Command(BaseCommand):
    help = "Ordnet Programme Gemeinden und Regeln zum Planungsbereich zu (Stammdaten)."

    @transaction.atomic
    def handle(self, *args, **options):
        path = settings.BASE_DIR / "fixtures" / PLACES_FILE
        if not path.exists():
            return
        with open(path, encoding="utf-8") as handle:
            entries = {k: v for k, v in json.load(handle).items() if not k.startswith("_")}
        programmes = FundingProgramme.objects.in_bulk(list(entries), field_name="slug")
        towns = Gemeinde.objects.in_bulk(field_name="slug")
        for slug, entry in entries.items():
            programme = programmes.get(slug)
            if programme is None:
                continue  # not (or no longer) among the programmes: nothing to bind
            for field in ("municipalities", "excluded_work_municipalities"):
                if field in entry:
                    try:
                        getattr(programme, field).set([towns[t] for t in entry[field]])
                    except KeyError as error:
                        raise CommandError(f"{slug}: unbekannte Gemeinde {error}") from None
            if "area_rules" in entry:
                programme.area_rules.all().delete()
                AreaRule.objects.bulk_create(
                    AreaRule(
                        programme=programme,
                        doctor_group=rule.get("doctor_group", ""),
                        status=status,
                        restricts=rule.get("restricts", True),
                        supplement=rule.get("supplement"),
                        supplement_unit=rule.get("supplement_unit", ""),
                        source_url=rule["source_url"],
                    )
                    for rule in entry["area_rules"]
                    for status in rule["status"]
                )
