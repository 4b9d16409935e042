"""The open-data export of all published programmes: one schema, as CSV and as JSON.

The schema is a promise to everyone who reuses the data: field names, types and meanings stay
stable within a major ``SCHEMA_VERSION``; new fields may be added at the end (minor version),
nothing is renamed or removed without a new major version.

Rows are built in a constant number of queries whatever the number of programmes: the
programmes are streamed with ``iterator()``, and their career stages, districts and
specialties come from one query each, held as slugs keyed by programme id.
"""

import csv
import datetime
import json
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from funding.models import FundingProgramme

SCHEMA_VERSION = "1.0"
LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
ATTRIBUTION = "Netzwerk »Ärzte für Sachsen«, Sächsische Landesärztekammer"
# In CSV, fields holding several values separate them with this character.
LIST_SEPARATOR = "|"
CHUNK_SIZE = 1000


@dataclass(frozen=True)
class Field:
    """One column of the export: its name, type, meaning and an example value."""

    name: str
    type: str
    description: str
    example: str


FIELDS = [
    Field(
        "slug",
        "text",
        _("Stabile Kennung des Programms, Teil seiner Adresse"),
        "hausarztstipendium",
    ),
    Field(
        "url",
        "url",
        _("Adresse der Programmseite im Portal"),
        "https://…/foerderungen/hausarztstipendium/",
    ),
    Field("title", "text", _("Name des Programms"), "Sächsisches Hausarztstipendium"),
    Field("summary", "text", _("Kurzbeschreibung"), "Stipendium für Medizinstudierende …"),
    Field("description", "text", _("Ausführliche Beschreibung (Klartext)"), "…"),
    Field("provider", "text", _("Name des Anbieters"), "Kassenärztliche Vereinigung Sachsen"),
    Field("provider_slug", "text", _("Kennung des Anbieters im Portal"), "kv-sachsen"),
    Field("provider_category", "text", _("Kategorie des Anbieters (siehe unten)"), "verband"),
    Field("kind", "text", _("Art der Förderung (siehe unten)"), "stipendium"),
    Field(
        "amount",
        "decimal",
        _("Betrag in Euro, Punkt als Dezimaltrennzeichen; leer, wenn keiner"),
        "1000.00",
    ),
    Field(
        "amount_unit", "text", _("Wofür der Betrag gilt: einmalig, monat, jahr, gesamt"), "monat"
    ),
    Field(
        "amount_is_maximum",
        "boolean",
        _("true, wenn der Betrag ein Höchstbetrag („bis zu“) ist"),
        "false",
    ),
    Field("amount_note", "text", _("Hinweis zum Betrag"), "für die Regelstudienzeit"),
    Field("career_stages", "list", _("Karrierestufen (Kennungen, siehe unten)"), "studium|pj"),
    Field("statewide", "boolean", _("true, wenn das Programm in ganz Sachsen gilt"), "true"),
    Field(
        "districts",
        "list",
        _("Kreise, auf die das Programm begrenzt ist (Kennungen)"),
        "goerlitz|bautzen",
    ),
    Field("district_ags", "list", _("Amtliche Gemeindeschlüssel dieser Kreise"), "14626|14625"),
    Field("region_note", "text", _("Hinweis zur Region"), "nicht in Dresden und Leipzig"),
    Field(
        "specialties",
        "list",
        _("Fachgebiete (Kennungen); leer: alle Fachgebiete"),
        "allgemeinmedizin",
    ),
    Field("obligations", "text", _("Verpflichtungen"), "Weiterbildung in Sachsen …"),
    Field("commitment_years", "integer", _("Bindung in Jahren"), "5"),
    Field("eligibility", "text", _("Wer sich bewerben kann"), "Medizinstudierende …"),
    Field("how_to_apply", "text", _("So bewirbt man sich"), "Online-Bewerbung …"),
    Field("application_url", "url", _("Link zur Bewerbung beim Anbieter"), "https://…"),
    Field("deadline", "date", _("Bewerbungsschluss (JJJJ-MM-TT)"), "2026-11-15"),
    Field("valid_from", "date", _("Gültig ab (JJJJ-MM-TT)"), "2026-01-01"),
    Field("valid_until", "date", _("Gültig bis (JJJJ-MM-TT)"), "2027-12-31"),
    Field(
        "last_reviewed_on", "date", _("Zuletzt von der Koordinierungsstelle geprüft"), "2026-10-01"
    ),
    Field("source_url", "url", _("Quelle der Angaben"), "https://…"),
    Field("source_year", "integer", _("Stand der Quelle (Jahr)"), "2025"),
    Field(
        "updated_at",
        "datetime",
        _("Letzte Änderung (ISO 8601 mit Zeitzone)"),
        "2026-11-20T10:15:00+01:00",
    ),
]
FIELD_NAMES = [field.name for field in FIELDS]


def published_programmes():
    return FundingProgramme.objects.published().select_related("provider").order_by("slug")


def _links(relation, value_field, programmes):
    """``{programme id: [values]}`` for one many-to-many relation, in one query."""
    through = getattr(FundingProgramme, relation).through
    pairs = through.objects.filter(fundingprogramme__in=programmes.values("pk")).values_list(
        "fundingprogramme_id", value_field
    )
    values = defaultdict(list)
    for programme_id, value in pairs.order_by("fundingprogramme_id", value_field):
        values[programme_id].append(value)
    return values


def rows(base_url="", queryset=None):
    """One dict per published programme, keys and order as in :data:`FIELDS`.

    Lists are Python lists, dates ``datetime.date``; the writers below turn them into text.
    ``base_url`` ("https://example.org") makes the programme URLs absolute; they always point at
    the German page, the canonical one, whatever language the export was requested in.
    """
    programmes = queryset if queryset is not None else published_programmes()
    stages = _links("career_stages", "careerstage__slug", programmes)
    districts = _links("districts", "district__slug", programmes)
    ags = _links("districts", "district__ags", programmes)
    specialties = _links("specialties", "specialty__slug", programmes)
    for programme in programmes.iterator(chunk_size=CHUNK_SIZE):
        with translation.override(settings.LANGUAGE_CODE):
            url = base_url + programme.get_absolute_url()
        yield {
            "slug": programme.slug,
            "url": url,
            "title": programme.title,
            "summary": programme.summary,
            "description": programme.description,
            "provider": programme.provider.name,
            "provider_slug": programme.provider.slug,
            "provider_category": programme.provider.category,
            "kind": programme.kind,
            "amount": programme.amount,
            "amount_unit": programme.amount_unit,
            "amount_is_maximum": programme.amount_is_maximum,
            "amount_note": programme.amount_note,
            "career_stages": stages[programme.pk],
            "statewide": not districts[programme.pk],
            "districts": districts[programme.pk],
            "district_ags": ags[programme.pk],
            "region_note": programme.region_note,
            "specialties": specialties[programme.pk],
            "obligations": programme.obligations,
            "commitment_years": programme.commitment_years,
            "eligibility": programme.eligibility,
            "how_to_apply": programme.how_to_apply,
            "application_url": programme.application_url,
            "deadline": programme.deadline,
            "valid_from": programme.valid_from,
            "valid_until": programme.valid_until,
            "last_reviewed_on": programme.last_reviewed_on,
            "source_url": programme.source_url,
            "source_year": programme.source_year,
            "updated_at": timezone.localtime(programme.updated_at),
        }


def _text(value):
    """A value as CSV text: lists joined with ``|``, booleans true/false, dates ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "as_tuple"):  # Decimal: a JSON number, exact as stored
        return float(value) if value != value.to_integral_value() else int(value)
    return value


class _Echo:
    """A file-like object whose ``write`` hands the line back, for streaming CSV."""

    def write(self, value):
        return value


def csv_lines(base_url="", queryset=None):
    """The export as CSV lines (RFC 4180, comma-separated, UTF-8), header first."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(FIELD_NAMES)
    for row in rows(base_url, queryset):
        yield writer.writerow([_text(row[name]) for name in FIELD_NAMES])


def metadata(base_url=""):
    """What the JSON export says about itself, before its ``programmes``."""
    with translation.override(settings.LANGUAGE_CODE):
        source = base_url + reverse("funding:open_data_json")
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "publisher": ATTRIBUTION,
        "licence": {"name": LICENCE_NAME, "id": LICENCE_ID, "url": LICENCE_URL},
        "attribution": ATTRIBUTION,
        "source": source,
        "fields": [
            {"name": field.name, "type": field.type, "description": str(field.description)}
            for field in FIELDS
        ],
    }


def json_chunks(base_url="", queryset=None):
    """The export as one JSON document, produced piece by piece (one programme at a time)."""
    head = json.dumps(metadata(base_url), ensure_ascii=False, indent=2)
    yield head[:-2] + ',\n  "programmes": ['
    separator = "\n"
    for row in rows(base_url, queryset):
        item = {name: _json_value(value) for name, value in row.items()}
        yield separator + "    " + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n  ]\n}\n"
