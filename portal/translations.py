"""English versions of the reference data, kept in ``fixtures/en/`` beside the German fixtures.

Each file maps a record's key (slug, or fixture primary key for records without one) to its
translated fields, each with the German text it translates and the English text::

    {"saechsisches-hausarztstipendium": {"title": {"de": "Sächsisches …", "en": "Saxon …"}}}

An English text is applied only while the German text is still the one it translates. When
the German changes (a corrected amount, a new date), the English page shows the new German
text marked as German instead of an English text that states the old facts.
"""

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from portal.cache import bump_content_version

# File name in fixtures/en/ → model and the field its keys name.
ENGLISH_FIXTURES = [
    ("programmes", "funding.FundingProgramme", "slug"),
    ("partners", "network.Partner", "slug"),
    ("coordination_office", "network.CoordinationOffice", "pk"),
    ("steering_group", "network.SteeringGroupSeat", "pk"),
    ("funding_bases", "coordinators.FundingBasis", "pk"),
    ("regional_coordinators", "coordinators.RegionalCoordinator", "pk"),
    ("regional_conferences", "coordinators.RegionalConference", "pk"),
]


class TranslationFileError(ImproperlyConfigured):
    """A file in fixtures/en/ names a field that has no English version, or is malformed."""


@dataclass
class EnglishReport:
    """What applying the English files did: applied fields, and what was left out and why."""

    applied: int = 0
    missing_records: list = field(default_factory=list)
    outdated: list = field(default_factory=list)


def apply_english(directory):
    """Apply every file of ``ENGLISH_FIXTURES`` found in ``directory``; returns a report."""
    report = EnglishReport()
    for name, label, key in ENGLISH_FIXTURES:
        path = directory / f"{name}.json"
        if path.exists():
            _apply_file(path, apps.get_model(label), key, report)
    if report.applied:
        bump_content_version()  # the updates below send no signals
    return report


def _apply_file(path, model, key, report):
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise TranslationFileError(f"{path.name}: kein gültiges JSON ({error})") from None
    translatable = set(getattr(model, "translated_fields", ()))
    for record_key, fields in entries.items():
        unknown = set(fields) - translatable
        if unknown:
            raise TranslationFileError(
                f"{path.name}, {record_key}: keine englische Fassung für {sorted(unknown)}"
            )
        obj = model._default_manager.filter(**{key: record_key}).first()
        if obj is None:
            report.missing_records.append(f"{path.name}: {record_key}")
            continue
        values = {}
        for name, texts in fields.items():
            if getattr(obj, name) != texts["de"]:
                report.outdated.append(f"{path.name}: {record_key}.{name}")
                continue
            values[f"{name}_en"] = texts["en"]
        if values:
            model._default_manager.filter(pk=obj.pk).update(**values)
            report.applied += len(values)
