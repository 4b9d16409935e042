"""The open-data export of all published programmes: one schema, as CSV and as JSON.

The schema is a promise to everyone who reuses the data: field names, types and meanings stay
stable within a major ``SCHEMA_VERSION``; new fields may be added at the end (minor version),
nothing is renamed or removed without a new major version.

Rows are built in a constant number of queries whatever the number of programmes: the
programmes are streamed with ``iterator()``, and their career stages, districts and
specialties come from one query each, held as slugs keyed by programme id.

In CSV, a cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
return first) gets an apostrophe in front (OWASP's advice against CSV injection); the JSON
holds every value exactly as stored.
"""

import csv
import datetime
import hashlib
import json
import logging
import os
import tempfile
import threading
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import gettext_lazy as _

from funding.models import AreaRule, FundingProgramme, ProgrammeRelation, RelationKind
from funding.windows import ApplicationWindow, application_status, window_text
from portal.cache import current_content_version
from portal.site import absolute_url
from portal.text import neutralise_formula

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1.0"
LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
ATTRIBUTION = "Netzwerk »Ärzte für Sachsen«, Sächsische Landesärztekammer"
# In CSV, fields holding several values separate them with this character.
LIST_SEPARATOR = "|"
CHUNK_SIZE = 1000


@dataclass(frozen=True)
class Linked:
    """The values of a many-to-many relation, read for all programmes in one query."""

    relation: str
    value_field: str

    def __call__(self, programme, export):
        return export.links[self][programme.pk]


@dataclass(frozen=True)
class Field:
    """One column of the export: its name, type, meaning, an example value and its source.

    ``source`` is a dotted attribute path of the programme (the field's name when empty) or a
    function of the programme and the :class:`Export` being written.
    """

    name: str
    type: str
    description: str
    example: str
    source: Any = ""

    def getter(self):
        """A function (programme, export) → this field's value."""
        if callable(self.source):
            return self.source
        read = attrgetter(self.source or self.name)
        return lambda programme, export: read(programme)


DISTRICT_SLUGS = Linked("districts", "district__slug")


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
        source=lambda programme, export: export.url_of(programme),
    ),
    Field("title", "text", _("Name des Programms"), "Sächsisches Hausarztstipendium"),
    Field("summary", "text", _("Kurzbeschreibung"), "Stipendium für Medizinstudierende …"),
    Field("description", "text", _("Ausführliche Beschreibung (Klartext)"), "…"),
    Field(
        "provider",
        "text",
        _("Name des Anbieters"),
        "Kassenärztliche Vereinigung Sachsen",
        source="provider.name",
    ),
    Field(
        "provider_slug",
        "text",
        _("Kennung des Anbieters im Portal"),
        "kv-sachsen",
        source="provider.slug",
    ),
    Field(
        "provider_category",
        "text",
        _("Kategorie des Anbieters (siehe unten)"),
        "verband",
        source="provider.category",
    ),
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
    Field(
        "career_stages",
        "list",
        _("Karrierestufen (Kennungen, siehe unten)"),
        "studium|pj",
        source=Linked("career_stages", "careerstage__slug"),
    ),
    Field(
        "statewide",
        "boolean",
        _("true, wenn das Programm in ganz Sachsen gilt"),
        "true",
        source=lambda programme, export: not DISTRICT_SLUGS(programme, export),
    ),
    Field(
        "districts",
        "list",
        _("Kreise, auf die das Programm begrenzt ist (Kennungen)"),
        "goerlitz|bautzen",
        source=DISTRICT_SLUGS,
    ),
    Field(
        "district_ags",
        "list",
        _("Amtliche Gemeindeschlüssel dieser Kreise"),
        "14626|14625",
        source=Linked("districts", "district__ags"),
    ),
    Field(
        "municipalities",
        "list",
        _("Nur in diesen Gemeinden (Kennungen wie unter /orte/); leer: in den ganzen Kreisen"),
        "groeditz",
        source=Linked("municipalities", "gemeinde__slug"),
    ),
    Field(
        "area_rules",
        "list",
        _(
            "Nur (oder mit Zuschlag) in Planungsbereichen mit dieser Feststellung des "
            "Landesausschusses: [Arztgruppe/]Status[+Zuschlag/Einheit]; ohne Arztgruppe die "
            "eigene; mit Zuschlag gilt das Programm auch anderswo"
        ),
        "hausaerzte/unterversorgung+500.00/monat",
        source=lambda programme, export: export.area_rules(programme),
    ),
    Field("region_note", "text", _("Hinweis zur Region"), "nicht in Dresden und Leipzig"),
    Field(
        "specialties",
        "list",
        _("Fachgebiete (Kennungen); leer: alle Fachgebiete"),
        "allgemeinmedizin",
        source=Linked("specialties", "specialty__slug"),
    ),
    Field("obligations", "text", _("Verpflichtungen"), "Weiterbildung in Sachsen …"),
    Field("commitment_years", "integer", _("Bindung in Jahren"), "5"),
    Field("eligibility", "text", _("Wer sich bewerben kann"), "Medizinstudierende …"),
    # The rules as data (Förder-Check, comparison); empty: not stated by the source.
    Field("semester_min", "integer", _("Ab Fachsemester (leer: laut Quelle keine Angabe)"), "1"),
    Field("semester_max", "integer", _("Bis Fachsemester"), "8"),
    Field(
        "study_places",
        "list",
        _("Nur für ein Studium: sachsen, deutschland, ausland; leer: keine Einschränkung"),
        "sachsen|deutschland",
    ),
    Field("duration_months", "integer", _("Höchste Förderdauer in Monaten"), "75"),
    Field(
        "total_amount",
        "decimal",
        _("Betrag über die ganze Förderdauer; leer, wenn die Quelle die Dauer nicht nennt"),
        "75000.00",
        source=lambda programme, export: programme.total_amount(),
    ),
    Field(
        "is_loan",
        "boolean",
        _("true bei Darlehen (zurückzuzahlen)"),
        "false",
        source=lambda programme, export: programme.is_loan,
    ),
    Field(
        "work_area",
        "text",
        _("Wo man danach arbeiten muss: keine, sachsen, sachsen-ausser, kreise; leer: unbekannt"),
        "sachsen-ausser",
    ),
    Field(
        "excluded_work_districts",
        "list",
        _("Bei sachsen-ausser: ausgenommene Kreise (Kennungen)"),
        "dresden|leipzig",
        source=Linked("excluded_work_districts", "district__slug"),
    ),
    Field(
        "excluded_work_municipalities",
        "list",
        _("Bei sachsen-ausser: ausgenommene Gemeinden (Kennungen)"),
        "radebeul|markkleeberg",
        source=Linked("excluded_work_municipalities", "gemeinde__slug"),
    ),
    Field(
        "repayment",
        "text",
        _("Rückzahlung bei Abbruch: keine, voll, anteilig, ganz-oder-teilweise, betrag"),
        "anteilig",
    ),
    Field("repayment_amount", "decimal", _("Rückzahlungsbetrag in Euro"), "250000.00"),
    Field("repayment_note", "text", _("Hinweis zur Rückzahlung"), "Vertragsstrafe …"),
    Field("other_conditions", "text", _("Weitere Bedingungen, eine je Zeile"), "…"),
    Field(
        "excludes",
        "list",
        _("Programme, die sich mit diesem ausschließen (Kennungen, mit Quelle im Portal)"),
        "landarztquote",
        source=lambda programme, export: export.related(programme, RelationKind.EXCLUDES),
    ),
    Field(
        "leads_to",
        "list",
        _("Programme, die darauf folgen können (Kennungen)"),
        "foerderung-der-weiterbildung-allgemeinmedizin",
        source=lambda programme, export: export.related(programme, RelationKind.LEADS_TO),
    ),
    Field("rules_source_url", "url", _("Quelle der Bedingungen (leer: die des Programms)"), ""),
    Field("rules_source_year", "integer", _("Stand der Bedingungen (Jahr)"), "2025"),
    Field("how_to_apply", "text", _("So bewirbt man sich"), "Online-Bewerbung …"),
    Field("application_url", "url", _("Link zur Bewerbung beim Anbieter"), "https://…"),
    Field(
        "application_windows",
        "list",
        _(
            "Bewerbungszeiträume laut Quelle, je Eintrag z. B. „jährlich 01.10.-15.11.“, "
            "„15.01.2027-28.02.2027“, „jederzeit“, „vor Beginn“ oder „angekündigt“"
        ),
        "jährlich 01.10.-15.11. verlängerbar 31.03.",
        source=lambda programme, export: [window_text(w) for w in export.windows(programme)],
    ),
    Field(
        "application_status",
        "text",
        _(
            "Bewerbung am Tag des Abrufs: offen, jederzeit, vor-beginn, oeffnet, "
            "naechstes-jahr, angekuendigt, geschlossen, unbekannt"
        ),
        "offen",
        source=lambda programme, export: export.status(programme).availability.value,
    ),
    Field(
        "next_opening",
        "date",
        _("Beginn des laufenden oder nächsten Zeitraums (JJJJ-MM-TT)"),
        "2026-10-01",
        source=lambda programme, export: export.status(programme).opens_on,
    ),
    Field(
        "next_closing",
        "date",
        _("Ende des laufenden oder nächsten Zeitraums (JJJJ-MM-TT)"),
        "2026-11-15",
        source=lambda programme, export: export.status(programme).closes_on,
    ),
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
        source=lambda programme, export: timezone.localtime(programme.updated_at),
    ),
]
FIELD_NAMES = [field.name for field in FIELDS]


def published_programmes():
    """Everything the export holds when no finder state narrows it."""
    return FundingProgramme.objects.published().select_related("provider").order_by("slug")


class Export:
    """What one export reads besides the programmes: their links and the site's address."""

    def __init__(self, programmes, base_url):
        self.base_url = base_url
        linked = {field.source for field in FIELDS if isinstance(field.source, Linked)}
        self.links = {source: _links(source, programmes) for source in linked}
        self._programmes = programmes
        self._relations = None
        self._windows = None
        self._area_rules = None
        self._today = timezone.localdate()

    def windows(self, programme):
        """The programme's application windows (one query per export)."""
        if self._windows is None:
            self._windows = defaultdict(list)
            for window in ApplicationWindow.objects.filter(
                programme__in=self._programmes.values("pk")
            ):
                self._windows[window.programme_id].append(window)
        return self._windows[programme.pk]

    def status(self, programme):
        """``application_status`` for today, from the windows read above."""
        cached = getattr(programme, "_export_status", None)
        if cached is None:
            cached = application_status(programme, self._today, self.windows(programme))
            programme._export_status = cached
        return cached

    def area_rules(self, programme):
        """The programme's area rules as „[group/]status[+supplement/unit]“ (one query)."""
        if self._area_rules is None:
            self._area_rules = defaultdict(list)
            rules = AreaRule.objects.filter(programme__in=self._programmes.values("pk"))
            for rule in rules.order_by("programme_id", "doctor_group", "status"):
                text = f"{rule.doctor_group}/{rule.status}" if rule.doctor_group else rule.status
                if rule.supplement is not None:
                    text += f"+{rule.supplement}/{rule.supplement_unit}"
                self._area_rules[rule.programme_id].append(text)
        return self._area_rules[programme.pk]

    def related(self, programme, kind):
        """Slugs of the programmes related to ``programme`` by ``kind`` (one query per export).

        Exclusion holds both ways; „führt weiter zu“ only from the earlier programme.
        """
        if self._relations is None:
            self._relations = defaultdict(list)
            relations = ProgrammeRelation.objects.filter(
                Q(programme__in=self._programmes.values("pk"))
                | Q(other__in=self._programmes.values("pk"))
            ).values_list("programme_id", "programme__slug", "kind", "other_id", "other__slug")
            for first, first_slug, relation_kind, second, second_slug in relations:
                self._relations[(first, relation_kind)].append(second_slug)
                if relation_kind == RelationKind.EXCLUDES:
                    self._relations[(second, relation_kind)].append(first_slug)
        return sorted(self._relations[(programme.pk, kind)])

    def url_of(self, programme):
        # Always the German page, the canonical one, whatever language the export is in.
        with translation.override(settings.LANGUAGE_CODE):
            return self.base_url + programme.get_absolute_url()


def _links(source, programmes):
    """``{programme id: [values]}`` for one many-to-many relation, in one query."""
    through = getattr(FundingProgramme, source.relation).through
    pairs = through.objects.filter(fundingprogramme__in=programmes.values("pk")).values_list(
        "fundingprogramme_id", source.value_field
    )
    values = defaultdict(list)
    for programme_id, value in pairs.order_by("fundingprogramme_id", source.value_field):
        values[programme_id].append(value)
    return values


def rows(base_url="", queryset=None):
    """One dict per published programme, keys and order as in :data:`FIELDS`.

    Lists are Python lists, dates ``datetime.date``; the writers below turn them into text.
    ``base_url`` ("https://example.org") makes the programme URLs absolute; they always point at
    the German page, the canonical one, whatever language the export was requested in.
    ``queryset``: the programmes to export (all published ones when None).
    """
    programmes = published_programmes() if queryset is None else queryset
    export = Export(programmes, base_url)
    getters = [(field.name, field.getter()) for field in FIELDS]
    for programme in programmes.iterator(chunk_size=CHUNK_SIZE):
        yield {name: get(programme, export) for name, get in getters}


def _text(value):
    """A value as CSV text: lists joined with ``|``, booleans true/false, dates ISO 8601.

    Text a spreadsheet would take for a formula starts with an apostrophe (portal.text).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return neutralise_formula(LIST_SEPARATOR.join(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise_formula(value)
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


@dataclass(frozen=True)
class Format:
    """One file format of the export: extension, content type and the writer of its text."""

    extension: str
    content_type: str
    as_attachment: bool
    write: Any

    @property
    def filename(self):
        return f"foerderprogramme-sachsen.{self.extension}"


CSV = Format("csv", "text/csv; charset=utf-8", True, csv_lines)
JSON = Format("json", "application/json; charset=utf-8", False, json_chunks)

# Within one process, requests for the same file wait for the first to write it (striped locks,
# so their number stays fixed whatever the number of filter states).
_WRITE_LOCKS = [threading.Lock() for _ in range(32)]


class ExportFile:
    """The export of one finder state as a file, written once per content version.

    A full export costs most of a second of CPU; written once to ``settings.OPEN_DATA_DIR`` it
    is served as a file until the content changes (the content version, see portal.cache, is
    part of its name). The ETag names the same state on every instance; it is weak because each
    instance writes its own file (with its own ``generated_at``). The directory keeps the most
    recent files up to ``settings.OPEN_DATA_MAX_BYTES``.
    """

    def __init__(self, export_format, params, base_url):
        self.format = export_format
        version = current_content_version()
        if version is None:  # no shared cache: nothing tells when the content changes
            self.etag = None
            return
        parts = [
            SCHEMA_VERSION,
            export_format.extension,
            str(version),
            base_url,
            translation.get_language(),
            params.query_string(without="sort"),
            # "Open now" changes at midnight, the other selections only with the content.
            timezone.localdate().isoformat() if params.open_only else "",
        ]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
        self.etag = f'W/"{digest}"'
        self.directory = Path(settings.OPEN_DATA_DIR)
        self.path = self.directory / f"{digest}.{export_format.extension}"

    def open(self, chunks):
        """The file for reading, written from the text ``chunks()`` yields if not there yet."""
        try:
            return self.path.open("rb")
        except FileNotFoundError:
            pass
        with _WRITE_LOCKS[int(self.path.stem[:8], 16) % len(_WRITE_LOCKS)]:
            try:
                return self.path.open("rb")
            except FileNotFoundError:
                pass
            self.directory.mkdir(parents=True, exist_ok=True)
            # Written under a name of its own and renamed: no reader ever sees half a file, and
            # the open handle stays valid whatever pruning removes later.
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - returned, closed by Django
                dir=self.directory, prefix=".", suffix=".part", delete=False
            )
            try:
                for chunk in chunks():
                    handle.write(chunk.encode())
                handle.flush()
                os.replace(handle.name, self.path)
            except BaseException:
                handle.close()
                Path(handle.name).unlink(missing_ok=True)
                raise
            handle.seek(0)
        self.prune()
        return handle

    def prune(self):
        """Delete the oldest files once the directory holds more than its byte budget."""
        files = []
        for entry in os.scandir(self.directory):
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            if entry.is_file() and not entry.name.startswith("."):
                files.append((stat.st_mtime, stat.st_size, entry.path))
        budget = settings.OPEN_DATA_MAX_BYTES
        for number, (_mtime, size, path) in enumerate(sorted(files, reverse=True)):
            budget -= size
            if budget < 0 and number:  # the newest file stays, however big
                Path(path).unlink(missing_ok=True)


def file_response(request, export_format, params, programmes):
    """The export of ``programmes`` (the finder state ``params``) as a response.

    Served from its file, written on the first request after a content change; a client that
    holds the current file (``If-None-Match``, ``If-Modified-Since``) gets a 304. Without a
    shared cache or a writable directory, the export is streamed as it is generated.
    """
    base_url = absolute_url(request=request)

    def chunks():
        return export_format.write(base_url, programmes)

    export = ExportFile(export_format, params, base_url)
    if export.etag is None:
        return _streamed(export_format, chunks())
    if not_modified := _not_modified(request, export.etag):
        return not_modified
    try:
        handle = export.open(chunks)
    except OSError:
        logger.exception("Exportdatei %s konnte nicht geschrieben werden", export.path)
        return _streamed(export_format, chunks())
    last_modified = int(os.fstat(handle.fileno()).st_mtime)
    if not_modified := _not_modified(request, export.etag, last_modified):
        handle.close()
        return not_modified
    response = FileResponse(
        handle,
        content_type=export_format.content_type,
        as_attachment=export_format.as_attachment,
        filename=export_format.filename,
    )
    response["ETag"] = export.etag
    response["Last-Modified"] = http_date(last_modified)
    # Clients ask again each time, and get a 304 as long as the content has not changed.
    patch_cache_control(response, no_cache=True)
    return response


def _not_modified(request, etag, last_modified=None):
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None:
        response["ETag"] = etag
    return response


def _streamed(export_format, chunks):
    return StreamingHttpResponse(
        chunks,
        content_type=export_format.content_type,
        headers={
            "Content-Disposition": content_disposition_header(
                export_format.as_attachment, export_format.filename
            )
        },
    )
