"""Saxony's municipalities and postcodes as reference data: read, compare, write in bulk.

Two files of different licence, kept apart (see ``fixtures/gemeinden/README.md``): the Destatis
table of municipalities (dl-de/by-2-0) and the OpenStreetMap postcode table (ODbL).
"""

import csv
import datetime
import decimal
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from portal.cache import bump_content_version
from portal.models import District, Gemeinde, Postcode
from portal.text import german_slugify

GEMEINDEN_FILE = "gemeinden-sachsen.csv"
POSTCODES_FILE = "plz-gemeinden-sachsen.csv"
# The population columns of the Destatis file and the day they count.
POPULATION_COLUMN = "einwohner_31122020"
POPULATION_DATE = datetime.date(2020, 12, 31)
COLUMNS = ("ags", "name_amtlich", "name_deutsch", "kreis_schluessel", "lat", "lon")


class GemeindeFileError(Exception):
    """The file is not a Destatis table of the layout we read."""


def fixture_dir():
    return settings.BASE_DIR / "fixtures" / "gemeinden"


def read_destatis(path):
    """The rows of a Destatis municipality file as ``Gemeinde`` field values, keyed by AGS."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise GemeindeFileError(f"Spalten fehlen: {', '.join(missing)}")
            rows = {}
            for number, row in enumerate(reader, start=2):
                try:
                    rows[row["ags"]] = {
                        "ags": row["ags"],
                        "name": row["name_deutsch"].strip(),
                        "official_name": row["name_amtlich"].strip(),
                        "district_ags": row["kreis_schluessel"],
                        "latitude": decimal.Decimal(row["lat"]),
                        "longitude": decimal.Decimal(row["lon"]),
                        "population": int(row[POPULATION_COLUMN])
                        if row.get(POPULATION_COLUMN)
                        else None,
                        "population_date": POPULATION_DATE if row.get(POPULATION_COLUMN) else None,
                    }
                except (decimal.InvalidOperation, ValueError) as error:
                    raise GemeindeFileError(f"Zeile {number}: {error}") from None
    except OSError as error:
        raise GemeindeFileError(str(error)) from None
    return rows


def slugs(rows, district_slugs):
    """AGS → slug: the German slug of the name without its regional suffix („Weißwasser/O.L.“
    → ``weisswasser``). Where that repeats, the whole name („Oelsnitz/Vogtl.“ →
    ``oelsnitz-vogtl``); where that repeats too, the district's slug, and last the AGS."""
    candidates = [
        lambda ags, row: german_slugify(row["name"].split("/")[0]),
        lambda ags, row: german_slugify(row["name"]),
        lambda ags, row: f"{german_slugify(row['name'])}-{district_slugs[row['district_ags']]}",
        lambda ags, row: f"{german_slugify(row['name'])}-{ags}",
    ]
    result, pending = {}, dict(rows)
    for candidate in candidates:
        proposed = {ags: candidate(ags, row) for ags, row in pending.items()}
        count = defaultdict(int)
        for slug in proposed.values():
            count[slug] += 1
        for ags, slug in proposed.items():
            if count[slug] == 1 or candidate is candidates[-1]:
                result[ags] = slug
                del pending[ags]
    return result


@dataclass
class Changes:
    """What a newer Destatis file would change, before anything is written."""

    new: list = field(default_factory=list)
    renamed: list = field(default_factory=list)  # (gemeinde, new name)
    moved: list = field(default_factory=list)  # (gemeinde, new district AGS)
    # Gone from the file: (gemeinde, probable successors, what still points at it).
    gone: list = field(default_factory=list)
    updated: int = 0

    @property
    def any(self):
        return bool(self.new or self.renamed or self.moved or self.gone or self.updated)


def references(gemeinde):
    """Descriptions of the rows that point at ``gemeinde`` (programmes, findings, …)."""
    found = []
    for relation in Gemeinde._meta.related_objects:
        if relation.related_model is Postcode:
            continue  # postcodes follow the file; they are no reason to keep a town
        related = getattr(gemeinde, relation.get_accessor_name()).all()
        found.extend(f"{relation.related_model._meta.verbose_name}: {row}" for row in related[:5])
    return found


def compare(rows):
    """The changes ``rows`` (from :func:`read_destatis`) would make to the stored towns."""
    changes = Changes()
    stored = {g.ags: g for g in Gemeinde.objects.select_related("district")}
    for ags, row in rows.items():
        gemeinde = stored.get(ags)
        if gemeinde is None:
            changes.new.append(row)
            continue
        if gemeinde.name != row["name"]:
            changes.renamed.append((gemeinde, row["name"]))
        if gemeinde.district.ags != row["district_ags"]:
            changes.moved.append((gemeinde, row["district_ags"]))
        if any(
            getattr(gemeinde, name) != row[name]
            for name in ("official_name", "latitude", "longitude", "population", "population_date")
        ):
            changes.updated += 1
    new_by_district = defaultdict(list)
    for row in changes.new:
        new_by_district[row["district_ags"]].append(row["name"])
    for ags, gemeinde in stored.items():
        if ags not in rows:
            # A town that disappears while a new one appears in its district was most likely
            # merged into it (Ostrau and Zschaitz-Ottewig → Jahnatal, 2023).
            successors = new_by_district.get(gemeinde.district.ags, [])
            changes.gone.append((gemeinde, successors, references(gemeinde)))
    return changes


@transaction.atomic
def write(rows, delete_unreferenced=False):
    """Create and update the towns of ``rows``; towns gone from the file are kept unless
    ``delete_unreferenced`` and nothing points at them. Returns the :class:`Changes`."""
    changes = compare(rows)
    districts = {d.ags: d for d in District.objects.all()}
    district_slugs = {ags: d.slug for ags, d in districts.items()}
    stored = {g.ags: g for g in Gemeinde.objects.all()}
    kept = {ags: g for ags, g in stored.items() if ags not in rows}
    all_rows = {
        **{ags: {"name": g.name, "district_ags": g.district.ags} for ags, g in kept.items()},
        **rows,
    }
    slug_of = slugs(all_rows, district_slugs)
    fields = ["name", "official_name", "slug", "district", "latitude", "longitude",
              "population", "population_date"]  # fmt: skip
    create, update = [], []
    for ags, row in rows.items():
        values = {name: row[name] for name in fields if name in row}
        values["district"] = districts[row["district_ags"]]
        values["slug"] = slug_of[ags]
        gemeinde = stored.get(ags)
        if gemeinde is None:
            create.append(Gemeinde(ags=ags, **values))
        else:
            for name, value in values.items():
                setattr(gemeinde, name, value)
            update.append(gemeinde)
    # Slugs may swap between towns: free them first, then write the final ones.
    if update:
        for gemeinde in update:
            gemeinde.final_slug, gemeinde.slug = gemeinde.slug, f"~{gemeinde.ags}"
        Gemeinde.objects.bulk_update(update, ["slug"])
        for gemeinde in update:
            gemeinde.slug = gemeinde.final_slug
        Gemeinde.objects.bulk_update(update, fields)
    Gemeinde.objects.bulk_create(create)
    if delete_unreferenced:
        for gemeinde, _successors, refs in changes.gone:
            if not refs:
                gemeinde.postcodes.clear()
                gemeinde.delete()
    # Bulk writes send no signals: tell the caches that the content changed.
    transaction.on_commit(bump_content_version)
    return changes


def read_postcodes(path):
    """(postcode, AGS) pairs of the OpenStreetMap table."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row["plz"], row["ags"]) for row in csv.DictReader(handle)]


@transaction.atomic
def write_postcodes(pairs):
    """Replace the postcode table by ``pairs`` (pairs naming an unknown AGS are skipped)."""
    ids = dict(Gemeinde.objects.values_list("ags", "pk"))
    Postcode.gemeinden.through.objects.all().delete()
    codes = sorted({code for code, _ags in pairs})
    existing = set(Postcode.objects.values_list("code", flat=True))
    Postcode.objects.bulk_create([Postcode(code=c) for c in codes if c not in existing])
    Postcode.objects.exclude(code__in=codes).delete()
    postcode_ids = dict(Postcode.objects.values_list("code", "pk"))
    links = {(postcode_ids[code], ids[ags]) for code, ags in pairs if ags in ids}
    Postcode.gemeinden.through.objects.bulk_create(
        [Postcode.gemeinden.through(postcode_id=p, gemeinde_id=g) for p, g in sorted(links)]
    )
    transaction.on_commit(bump_content_version)


def load_reference():
    """Load both files of ``fixtures/gemeinden/`` (``load_reference_data`` calls this); like
    every reference file they are optional, so a checkout without them loads the rest."""
    if (fixture_dir() / GEMEINDEN_FILE).exists():
        write(read_destatis(fixture_dir() / GEMEINDEN_FILE))
    if (fixture_dir() / POSTCODES_FILE).exists():
        write_postcodes(read_postcodes(fixture_dir() / POSTCODES_FILE))
