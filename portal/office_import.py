"""The office's CSV imports and exports in the admin, through django-import-export.

django-import-export gives the admin its upload, preview, confirm and export pages; the rows
are read, converted and validated by the app's ``CsvImport`` (``portal.csvimport``), exactly as
``manage.py import_programmes``/``import_partners`` do: the same German converters and
„meinten Sie …?“ lookups, the same messages with row and column, all or nothing.

``CsvImportResource.for_import(ProgrammeImport)`` makes the resource of one import: its fields
are the import's columns, so an exported file can be imported again unchanged.
"""

import csv
import io

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.results import Result, RowResult

from portal.csvimport import DELIMITERS


class OfficeCsv(CSV):
    """A CSV file as the import commands read it: ``;`` or ``,``, UTF-8 with or without BOM.

    The dataset keeps the file's text (``dataset.source``) for ``CsvImport``; its rows are for
    the preview only, cut or padded to the header's width.
    """

    def create_dataset(self, in_stream, **kwargs):
        text = in_stream.decode("utf-8-sig") if isinstance(in_stream, bytes) else in_stream
        text = text.removeprefix("\ufeff")
        first_line = text.split("\n", 1)[0]
        delimiter = max(DELIMITERS, key=first_line.count)
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error:
            rows = [line.split(delimiter) for line in text.splitlines()]
        headers = [header.strip() for header in rows[0]] if rows else []
        dataset = tablib.Dataset(headers=headers)
        for row in rows[1:]:
            dataset.append((row + [""] * len(headers))[: len(headers)])
        dataset.source = text
        return dataset


class GermanDateWidget(widgets.DateWidget):
    def __init__(self):
        super().__init__(format="%d.%m.%Y")


class YesNoWidget(widgets.BooleanWidget):
    def render(self, value, obj=None, **kwargs):
        return {True: "ja", False: "nein"}.get(value, "")


def export_widget(model_field):
    """How a column's value is written so that the import reads it back."""
    if isinstance(model_field, models.ManyToManyField):
        return widgets.ManyToManyWidget(model_field.related_model, separator=" | ", field="slug")
    if isinstance(model_field, models.ForeignKey):
        return widgets.ForeignKeyWidget(model_field.related_model, "slug")
    if isinstance(model_field, models.DateField):
        return GermanDateWidget()
    if isinstance(model_field, models.BooleanField):
        return YesNoWidget()
    return widgets.Widget()


class CsvImportResource(resources.ModelResource):
    """A resource whose import is a ``CsvImport`` run; see the module's docstring."""

    importer_class = None

    @classmethod
    def for_import(cls, importer_class):
        model = importer_class.model
        columns = {
            column.field: fields.Field(
                attribute=column.field,
                column_name=column.header,
                widget=export_widget(model._meta.get_field(column.field)),
                dehydrate_method=importer_class.exported.get(column.field),
            )
            for column in importer_class.columns
        }
        meta = type(
            "Meta",
            (),
            {"model": model, "fields": list(columns), "import_id_fields": ["slug"]},
        )
        name = f"{model.__name__}Resource"
        return type(name, (cls,), {**columns, "Meta": meta, "importer_class": importer_class})

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Run the ``CsvImport`` on the uploaded file; save only when not ``dry_run``."""
        outcome = self.importer_class().run(dataset.source.encode(), commit=not dry_run)
        result = Result()
        result.diff_headers = list(dataset.headers)
        rows = {
            number: dict(zip(dataset.headers, row, strict=True))
            for number, row in enumerate(dataset, 2)
        }
        by_row = {}
        for problem in outcome.problems:
            # A problem of the whole file (such as „Die Datei ist leer.“) shows at its header.
            errors = by_row.setdefault(problem.row or 1, {})
            errors.setdefault(problem.column or NON_FIELD_ERRORS, []).append(problem.message)
        for number, errors in sorted(by_row.items()):
            result.append_invalid_row(number, rows.get(number, {}), ValidationError(errors))
        for number, import_type, slug in outcome.outcomes:
            row = RowResult()
            row.import_type = import_type
            row.object_repr = slug
            row.diff = [rows.get(number, {}).get(header, "") for header in result.diff_headers]
            result.append_row_result(row)
            result.increment_row_result_total(row)
        return result


class OfficeImportExportMixin(ImportExportMixin):
    """Import and export buttons on an admin's list; set ``resource_classes``."""

    formats = [OfficeCsv]
    # Each saved row's own history (simple-history) records the change.
    skip_admin_log = True
