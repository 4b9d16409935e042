"""Bulk imports from CSV: read, validate every row, report precisely, then write all or nothing.

An app describes its file as ``Column``s (German header → form field, with a converter from the
cell's text) and a model form; ``CsvImport`` does the rest:

- the file must be UTF-8 (with or without BOM); ``;`` or ``,`` separate the columns;
- every row is converted and validated by the model form before anything is written, and each
  problem names its row (as a spreadsheet counts them, the header being row 1) and column:
  „Zeile 4, Spalte ‚Kreis‘: unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)“;
- rows are matched by slug: an existing row is updated, so running a file twice changes nothing;
- only with ``commit=True``, and only without any problem, all rows are saved in one transaction.
"""

import csv
import datetime
import decimal
import difflib
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from portal.text import german_slugify

# Several values in one cell: "Studium | Praktisches Jahr" (a comma works too).
MULTI_SEPARATORS = ("|", ",")
TRUE_WORDS = {"ja", "j", "x", "1", "wahr", "true", "yes"}
FALSE_WORDS = {"nein", "n", "", "0", "falsch", "false", "no"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where a person finds it."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("Zeile %(row)d") % {"row": self.row})
        if self.column:
            where.append(_("Spalte ‚%(column)s‘") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Column:
    """A column of the file: its German header, the form field it fills, how to read a cell."""

    header: str
    field: str
    required: bool = False
    convert: Any = None  # text -> form value; raises ValidationError with a German message


@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False

    @property
    def ok(self):
        return not self.problems


class CsvImport:
    """Base class: set ``model``, ``form_class`` and ``columns``; call ``run(content, commit)``."""

    model = None
    form_class = None
    columns = ()
    # The column whose slug names a row when the file has no „Kurzname“.
    title_field = "name"

    def run(self, content, commit=False):
        result = ImportResult()
        table = read_table(content, self.columns, result.problems)
        if table is None:
            return result
        forms = self.validate(table, result)
        if result.problems or not commit:
            return result
        with transaction.atomic():
            for form in forms:
                form.save()
        result.committed = True
        return result

    def validate(self, table, result):
        """A bound, valid form per changed row; problems for everything else."""
        forms, seen = [], {}
        headers, rows = table
        by_field = {column.field: column for column in self.columns}
        for number, cells in rows:
            values, failed = {}, set()
            for column in self.columns:
                if column.header not in headers:
                    continue
                text = cells.get(column.header, "").strip()
                try:
                    values[column.field] = column.convert(text) if column.convert else text
                except ValidationError as error:
                    failed.add(column.field)
                    for message in error.messages:
                        result.problems.append(Problem(message, number, column.header))
            slug = values.get("slug") or german_slugify(values.get(self.title_field) or "")
            if slug in seen:
                slug_column = by_field.get("slug")
                result.problems.append(
                    Problem(
                        _("Kurzname ‚%(slug)s‘ steht schon in Zeile %(row)d")
                        % {"slug": slug, "row": seen[slug]},
                        number,
                        slug_column.header
                        if slug_column and slug_column.header in headers
                        else None,
                    )
                )
                continue
            seen[slug] = number
            instance = self.model._default_manager.filter(slug=slug).first()
            # A new row starts from the model's defaults (e.g. status „Entwurf“).
            data = current_values(instance or self.model())
            data.update(values, slug=slug)
            form = self.form_class(data, instance=instance)
            # Validate the rest of the row too, so one run reports every problem.
            if not form.is_valid() or failed:
                for name, messages in form.errors.items():
                    if name in failed:
                        continue
                    column = by_field.get(name)
                    for message in messages:
                        result.problems.append(
                            Problem(message, number, column.header if column else None)
                        )
                continue
            if instance is None:
                result.created += 1
            elif form.has_changed():
                result.updated += 1
            else:
                result.unchanged += 1
                continue
            forms.append(form)
        return forms


def current_values(instance):
    """The row's values as form data, so that columns the file leaves out stay as they are."""
    data = model_to_dict(instance)
    for name, value in data.items():
        if isinstance(value, list):
            data[name] = [item.pk for item in value]
    return data


def read_table(content, columns, problems):
    """(headers, [(row number, {header: text})]) from the file's bytes, or None if unreadable."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(
                _(
                    "Die Datei ist nicht in UTF-8 kodiert (unlesbares Zeichen an Byte "
                    "%(position)d). Bitte als „CSV UTF-8“ speichern."
                )
                % {"position": error.start + 1}
            )
        )
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        problems.append(Problem(_("Die Datei ist keine gültige CSV-Datei: %s") % error))
        return None
    if not records:
        problems.append(Problem(_("Die Datei ist leer.")))
        return None
    headers = [header.strip() for header in records[0]]
    known = {column.header for column in columns}
    for column in columns:
        if column.required and column.header not in headers:
            problems.append(Problem(_("Die Spalte fehlt."), 1, column.header))
    for header in headers:
        if header and header not in known:
            problems.append(Problem(_("Diese Spalte ist unbekannt."), 1, header))
    if problems:
        return None
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(headers):
            problems.append(
                Problem(
                    _("%(found)d Werte, aber nur %(expected)d Spalten")
                    % {"found": len(record), "expected": len(headers)},
                    index,
                )
            )
            continue
        rows.append((index, dict(zip(headers, record, strict=False))))
    return headers, rows


# Converters: cell text → a value the model form accepts. Each raises ValidationError.


def german_date(text):
    """„22.11.2026“ (or ISO „2026-11-22“) → ISO text; empty stays empty."""
    if not text:
        return ""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValidationError(_("ungültiges Datum ‚%(value)s‘ (erwartet TT.MM.JJJJ)") % {"value": text})


def german_decimal(text):
    """„1.000,50“ or „1000.50“ → „1000.50“; a trailing „€“ is allowed."""
    cleaned = text.replace("€", "").replace(" ", "").strip()
    if not cleaned:
        return ""
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return str(decimal.Decimal(cleaned))
    except decimal.InvalidOperation:
        raise ValidationError(_("keine Zahl: ‚%(value)s‘") % {"value": text}) from None


def yes_no(text):
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("‚%(value)s‘ ist weder „ja“ noch „nein“") % {"value": text})


def choice(choices, noun):
    """A converter for a choice field: accepts the stored value or the German label."""
    by_text = {}
    for value, label in choices:
        by_text[str(value).lower()] = value
        by_text[str(label).lower()] = value

    def convert(text):
        if not text:
            return ""
        try:
            return by_text[text.lower()]
        except KeyError:
            labels = [str(label) for _value, label in choices]
            raise ValidationError(unknown(noun, text, labels)) from None

    return convert


def lookup(queryset, noun, fields=("slug", "name"), many=False):
    """A converter naming rows of ``queryset`` by slug or name (case-insensitive) → pks."""

    def find(text):
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__iexact": text})
        found = list(queryset.filter(condition).values_list("pk", flat=True)[:2])
        if len(found) != 1:
            names = [str(row) for row in queryset]
            raise ValidationError(unknown(noun, text, names))
        return found[0]

    def convert(text):
        if not many:
            return find(text) if text else ""
        parts = [text]
        for separator in MULTI_SEPARATORS:
            parts = [piece for part in parts for piece in part.split(separator)]
        values, messages = [], []
        for part in filter(None, (piece.strip() for piece in parts)):
            try:
                values.append(find(part))
            except ValidationError as error:
                messages.extend(error.messages)
        if messages:
            raise ValidationError(messages)
        return values

    return convert


def unknown(noun, text, candidates):
    """„unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)“."""
    message = _("%(noun)s ‚%(value)s‘") % {"noun": noun, "value": text}
    close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    if close:
        message += " " + _("(meinten Sie ‚%(match)s‘?)") % {"match": close[0]}
    return message


class ImportCommand(BaseCommand):
    """``manage.py import_… FILE.csv [--commit]``: set ``importer_class`` and ``noun``."""

    importer_class = CsvImport
    noun = _("Einträge")

    def create_parser(self, prog_name, subcommand, **kwargs):
        # argparse formats the description with a regex, which refuses lazy translations.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV-Datei (UTF-8, Trennzeichen ; oder ,)"))
        parser.add_argument(
            "--commit",
            action="store_true",
            help=_("Wirklich speichern; ohne diese Option ist es nur ein Probelauf."),
        )

    def handle(self, *args, file, commit=False, **options):
        try:
            with open(file, "rb") as handle:
                content = handle.read()
        except OSError as error:
            raise CommandError(_("Die Datei lässt sich nicht lesen: %s") % error) from None
        result = self.importer_class().run(content, commit=commit)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("%(count)d Fehler – nichts importiert.") % {"count": len(result.problems)}
            )
        counts = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "noun": self.noun,
        }
        summary = _("%(noun)s: %(created)d neu, %(updated)d geändert, %(unchanged)d unverändert.")
        self.stdout.write(summary % counts)
        if result.committed:
            self.stdout.write(self.style.SUCCESS(_("Gespeichert.")))
        else:
            self.stdout.write(
                _("Probelauf: nichts gespeichert. Zum Speichern mit --commit starten.")
            )
