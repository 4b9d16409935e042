"""Bulk imports from CSV: read, validate every row, report precisely, then write all or nothing.

An app describes its file as ``Column``s (German header → form field, with a converter from the
cell's text) and a model form; ``CsvImport`` does the rest:

- the file must be UTF-8 (with or without BOM); ``;`` or ``,`` separate the columns, the same one
  in every line; each column appears once in the header and every row has one value per column;
- every row is converted and validated by the model form, and each problem names its row (as a
  spreadsheet counts them, the header being row 1) and column:
  „Zeile 4, Spalte ‚Kreis‘: unbekannter Kreis ‚Gorlitz‘ (meinten Sie ‚Görlitz‘?)“;
- rows are matched by slug: an existing row is updated, so running a file twice changes nothing;
- only with ``commit=True``, and only without any problem, the rows are saved, in one transaction
  that is rolled back as soon as the file turns out to have a problem.

The file is read as a stream, a few hundred rows at a time (each chunk's existing rows in one
query, names looked up in tables read once per run), so a file of tens of thousands of rows
needs neither its size in memory nor a query per cell. Values a spreadsheet would run as a
formula are imported as text, with a warning.
"""

import csv
import datetime
import decimal
import difflib
import io
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.text import is_formula_like

DELIMITERS = (";", ",")
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
    """A column of the file: its German header, the form field it fills, how to read a cell.

    ``convert`` turns the cell's text into a form value and raises ``ValidationError`` with a
    German message; a converter that needs the database (``Lookup``) is ``prepared()`` once
    per run.
    """

    header: str
    field: str
    required: bool = False
    convert: Any = None


@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    # Worth a look, but no reason to refuse the file (values that look like formulas).
    warnings: list = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (row number, "new" | "update" | "skip", slug) of each row without a problem, for a preview.
    outcomes: list = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self):
        return not self.problems


class CsvImport:
    """Base class: set ``model``, ``form_class`` and ``columns``; call ``run(content, commit)``."""

    model = None
    form_class = None
    # Related rows ``changes()`` reads besides the many-to-many ones, loaded per chunk.
    prefetch = ()
    columns = ()
    # Columns whose cell is not the field's value (rows of a related model): field name →
    # function(instance) giving the cell as the import reads it (the admin's export).
    exported = {}
    # The column whose slug names a row when the file has no „Kurzname“.
    title_field = "name"
    # Rows read, converted and looked up together: bounds the memory, not the file's size.
    chunk_rows = 500

    def run(self, content, commit=False, progress=None):
        """Import ``content`` (bytes or a binary file); ``progress(rows)`` after each chunk."""
        result = ImportResult()
        if isinstance(content, bytes):
            content = io.BytesIO(content)
        table = CsvTable.open(content, self.columns, result.problems)
        if table is None:
            return result
        converters = [
            (column, prepared(column.convert))
            for column in self.columns
            if column.header in table.headers
        ]
        if not commit:
            # Nothing is written, so no transaction: inside one, Django would wrap each check of
            # a constraint in a savepoint.
            self.import_rows(table, converters, result, False, progress)
            return result
        with transaction.atomic():
            self.import_rows(table, converters, result, True, progress)
            result.committed = result.ok
            if not result.committed:
                transaction.set_rollback(True)
        return result

    def import_rows(self, table, converters, result, commit, progress):
        seen = {}
        for chunk in table.chunks(self.chunk_rows):
            self.import_chunk(chunk, converters, seen, result, commit)
            if progress:
                progress(result.rows)

    def import_chunk(self, chunk, converters, seen, result, commit):
        """Validate the rows of one chunk; save each changed one while the file is still clean."""
        rows = []
        for number, cells in chunk:
            result.rows += 1
            values, failed = self.convert(number, cells, converters, result)
            slug = values.get("slug") or self.model.slug_for(values.get(self.title_field) or "")
            if slug in seen:
                self.report_duplicate(slug, seen[slug], number, converters, result)
                continue
            if slug:
                seen[slug] = number
            rows.append((number, slug, values, failed))
        existing = self.model._default_manager.prefetch_related(
            *(m2m.name for m2m in self.model._meta.many_to_many), *self.prefetch
        ).in_bulk([slug for _number, slug, _values, _failed in rows], field_name="slug")
        by_field = {column.field: column for column, _convert in converters}
        for number, slug, values, failed in rows:
            instance = existing.get(slug)
            values["slug"] = slug
            if instance is not None and not failed and not self.changes(instance, values):
                result.unchanged += 1
                result.outcomes.append((number, "skip", slug))
                continue
            # A new row starts from the model's defaults (e.g. status „Entwurf“).
            data = current_values(instance or self.model())
            data.update(values)
            form = self.form_class(data, instance=instance)
            # Validate the rest of the row too, so one run reports every problem.
            if not form.is_valid() or failed:
                for name, messages in form.errors.items():
                    if name in failed:
                        continue
                    column = by_field.get(name)
                    result.problems.extend(
                        Problem(message, number, column.header if column else None)
                        for message in messages
                    )
                continue
            if instance is None:
                result.created += 1
            else:
                result.updated += 1
            result.outcomes.append((number, "new" if instance is None else "update", slug))
            if commit and result.ok:
                form.save()

    def changes(self, instance, values):
        """Whether the row's values differ from the stored ones, as the form would judge it.

        Asked of the form's fields directly: most rows of a repeated import are unchanged, and
        building a whole form for each of them was most of the run.
        """
        fields = self.form_class.base_fields
        names = [name for name in values if name in fields]
        initial = model_to_dict(instance, fields=names)
        return any(
            fields[name].has_changed(
                initial.get(name), fields[name].widget.value_from_datadict(values, {}, name)
            )
            for name in names
        )

    def convert(self, number, cells, converters, result):
        """The row's form values and the fields whose cells could not be read."""
        values, failed = {}, set()
        for column, convert in converters:
            text = cells[column.header].strip()
            if is_formula_like(cells[column.header]):
                result.warnings.append(
                    Problem(
                        _(
                            "‚%(value)s‘ sähe in einer Tabellenkalkulation wie eine Formel aus; "
                            "der Wert wird als Text übernommen."
                        )
                        % {"value": text[:40]},
                        number,
                        column.header,
                    )
                )
            try:
                values[column.field] = convert(text) if convert else text
            except ValidationError as error:
                failed.add(column.field)
                result.problems.extend(
                    Problem(message, number, column.header) for message in error.messages
                )
        return values, failed

    def report_duplicate(self, slug, first, number, converters, result):
        slug_column = next((c for c, _convert in converters if c.field == "slug"), None)
        result.problems.append(
            Problem(
                _("Kurzname ‚%(slug)s‘ steht schon in Zeile %(row)d")
                % {"slug": slug, "row": first},
                number,
                slug_column.header if slug_column else None,
            )
        )


def prepared(convert):
    """The converter for one run: a ``Lookup`` reads its table now, other converters are as is."""
    return convert.prepared() if hasattr(convert, "prepared") else convert


def current_values(instance):
    """The row's values as form data, so that columns the file leaves out stay as they are."""
    data = model_to_dict(instance)
    for name, value in data.items():
        if isinstance(value, list):
            data[name] = [item.pk for item in value]
    return data


class CsvTable:
    """The rows of a CSV file, read line by line: ``CsvTable.open(file, columns, problems)``."""

    def __init__(self, reader, headers, delimiter, problems):
        self.reader = reader
        self.headers = headers
        self.delimiter = delimiter
        self.problems = problems

    @classmethod
    def open(cls, binary, columns, problems):
        """The table after its header, or None when the header already shows the file unusable."""
        lines = decoded_lines(binary, problems)
        first_line = next(lines, None)
        if first_line is None:
            if not problems:
                problems.append(Problem(_("Die Datei ist leer.")))
            return None
        delimiter = max(DELIMITERS, key=first_line.count)
        reader = csv.reader(itertools.chain([first_line], lines), delimiter=delimiter, strict=True)
        try:
            headers = [header.strip() for header in next(reader)]
        except csv.Error as error:  # binary junk, a header of one huge field
            problems.append(cls.unreadable(1, 1, error))
            return None
        known = {column.header for column in columns}
        for column in columns:
            if column.required and column.header not in headers:
                problems.append(Problem(_("Die Spalte fehlt."), 1, column.header))
        for header, count in Counter(headers).items():
            if header and header not in known:
                problems.append(Problem(_("Diese Spalte ist unbekannt."), 1, header))
            elif header and count > 1:
                problems.append(
                    Problem(
                        _("Die Spalte steht %(count)d-mal in der Kopfzeile.") % {"count": count},
                        1,
                        header,
                    )
                )
        if problems:
            return None
        return cls(reader, headers, delimiter, problems)

    def chunks(self, size):
        """Lists of up to ``size`` (row number, {header: text}), the header being row 1."""
        rows = self.rows()
        while chunk := list(itertools.islice(rows, size)):
            yield chunk

    def rows(self):
        number = 1
        while True:
            first_line = self.reader.line_num + 1
            try:
                record = next(self.reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.problems.append(self.unreadable(number + 1, first_line, error))
                return
            number += 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(self.headers):
                self.problems.append(self.misshapen(number, first_line, record))
                continue
            yield number, dict(zip(self.headers, record, strict=True))

    @staticmethod
    def unreadable(number, first_line, error):
        if "unexpected end of data" in str(error):
            return Problem(
                _(
                    'Ein Anführungszeichen (") öffnet hier einen Wert, der bis zum Ende der Datei '
                    "nicht geschlossen wird."
                ),
                number,
            )
        if "expected after" in str(error):
            return Problem(
                _(
                    'Auf ein schließendes Anführungszeichen (") folgt kein Trennzeichen – steht '
                    "hier ein Anführungszeichen zu viel oder fehlt eines?"
                ),
                number,
            )
        return Problem(_("Die Zeile ist kein gültiges CSV (%(error)s).") % {"error": error}, number)

    def misshapen(self, number, first_line, record):
        """Why a row has another number of values than the header has columns, in words."""
        other = next(d for d in DELIMITERS if d != self.delimiter)
        text = self.delimiter.join(record)
        if self.reader.line_num > first_line and any("\n" in cell for cell in record):
            return Problem(
                _(
                    'Ein Anführungszeichen (") öffnet hier einen Wert, der erst in Zeile '
                    "%(line)d endet – fehlt ein schließendes Anführungszeichen?"
                )
                % {"line": self.reader.line_num},
                number,
            )
        if len(record) < len(self.headers) and text.count(other) >= len(self.headers) - 1:
            return Problem(
                _(
                    "Die Zeile ist mit ‚%(found)s‘ getrennt, die Kopfzeile mit ‚%(expected)s‘. "
                    "Bitte in der ganzen Datei dasselbe Trennzeichen verwenden."
                )
                % {"found": other, "expected": self.delimiter},
                number,
            )
        if len(record) < len(self.headers):
            message = _("nur %(found)d Werte, aber %(expected)d Spalten")
        else:
            message = _("%(found)d Werte, aber nur %(expected)d Spalten")
        return Problem(message % {"found": len(record), "expected": len(self.headers)}, number)


def decoded_lines(binary, problems):
    """The file's lines as text; stops with a problem at the first line that is not UTF-8."""
    for number, raw in enumerate(binary, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    _(
                        "Die Datei ist nicht in UTF-8 kodiert (unlesbares Zeichen an Stelle "
                        "%(position)d der Zeile). Bitte als „CSV UTF-8“ speichern."
                    )
                    % {"position": error.start + 1},
                    number,
                )
            )
            return
        if number == 1:
            line = line.removeprefix("\ufeff")
        if "\r" in line.rstrip("\r\n"):
            # Lines ended by CR alone (Excel for the old Mac OS) reach us as one line.
            yield from line.splitlines(keepends=True)
        else:
            yield line


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


class Lookup:
    """A converter naming rows of ``queryset`` by one of ``fields`` (any case) → primary keys.

    ``many=True`` reads several names from one cell („Görlitz | Bautzen“), each row once.
    ``refuse`` (a ``Q``) with ``refuse_message`` names rows that exist but may not be used here,
    such as an archived partner as a programme's provider. The table is read once per run.
    """

    def __init__(
        self, queryset, noun, fields=("slug", "name"), many=False, refuse=None, refuse_message=""
    ):
        self.queryset = queryset
        self.noun = noun
        self.fields = fields
        self.many = many
        self.refuse = refuse
        self.refuse_message = refuse_message

    def prepared(self):
        index, names = defaultdict(set), []
        for row in self.queryset.only(*self.fields):
            names.append(str(row))
            for name in self.fields:
                index[str(getattr(row, name)).casefold()].add(row.pk)
        refused = set()
        if self.refuse is not None:
            refused = set(self.queryset.filter(self.refuse).values_list("pk", flat=True))

        def find(text):
            found = index.get(text.casefold(), set())
            if len(found) != 1:
                raise ValidationError(unknown(self.noun, text, names))
            pk = next(iter(found))
            if pk in refused:
                raise ValidationError(self.refuse_message % {"value": text})
            return pk

        def convert(text):
            if not self.many:
                return find(text) if text else ""
            values, messages = [], []
            for part in split_multi(text):
                try:
                    pk = find(part)
                except ValidationError as error:
                    messages.extend(error.messages)
                    continue
                if pk not in values:
                    values.append(pk)
            if messages:
                raise ValidationError(messages)
            return values

        return convert

    def __call__(self, text):
        return self.prepared()(text)


def split_multi(text):
    """The non-empty parts of a cell holding several values."""
    parts = [text]
    for separator in MULTI_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part for part in (piece.strip() for piece in parts) if part]


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

    # Long files say how far they are, every this many rows.
    progress_every = 5000

    def handle(self, *args, file, commit=False, **options):
        try:
            with open(file, "rb") as handle:
                result = self.importer_class().run(handle, commit=commit, progress=self.progress)
        except OSError as error:
            raise CommandError(_("Die Datei lässt sich nicht lesen: %s") % error) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(_("Warnung – %s") % warning))
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

    def progress(self, rows):
        """After each chunk: a line on stderr whenever another ``progress_every`` rows are done."""
        reported = getattr(self, "_reported", 0)
        if rows // self.progress_every > reported // self.progress_every:
            self.stderr.write(
                _("… %(rows)s Zeilen geprüft") % {"rows": number_format(rows, force_grouping=True)}
            )
            self._reported = rows
