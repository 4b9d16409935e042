"""Made-up demo partners and programmes for load and layout tests, clearly marked as demo.

Every row has ``is_demo=True``; partners are called „Demo-Partner 17“, programme titles start
with „[Demo]“. The same ``--seed`` gives the same data (dates are relative to today). Rows are
written with ``bulk_create`` — including the many-to-many tables — so 5,000 programmes take
seconds; as bulk writes send no signals, the command bumps the page cache's content version.
"""

import datetime
import random
import time
from decimal import Decimal

from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from funding.indexers import ProgrammeIndexer
from funding.models import AmountUnit, CareerStage, FundingProgramme, Specialty, SupportKind
from network.indexers import PartnerIndexer
from network.models import ContactPerson, Partner, PartnerCategory
from portal import search_index
from portal.cache import bump_content_version
from portal.models import District, PublicationStatus
from portal.text import german_slugify

BATCH_SIZE = 1000
M2M_RELATIONS = ("career_stages", "districts", "specialties")

# Weighted so that most demo rows are public, as on the real site.
STATUSES = [PublicationStatus.PUBLISHED] * 17 + [
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.ARCHIVED,
]

TITLE_WORDS = {
    SupportKind.STIPEND: ["Landarzt-Stipendium", "Studienbeihilfe", "Famulatur-Stipendium"],
    SupportKind.STUDY_PLACE: ["Studienplatz mit Landarztquote", "Medizinstudium in Europa"],
    SupportKind.GRANT: ["Niederlassungszuschuss", "Weiterbildungszuschuss", "Umzugsprämie"],
    SupportKind.LOAN: ["Praxisgründungsdarlehen", "Investitionsdarlehen Praxisübernahme"],
    SupportKind.REVENUE_GUARANTEE: ["Umsatzgarantie für Hausärztinnen und Hausärzte"],
    SupportKind.MENTORING: ["Mentoring-Programm", "Begleitung in der Weiterbildung"],
    SupportKind.EVENT: ["Praxistag auf dem Land", "Sommerschule Landmedizin", "PJ-Börse"],
    SupportKind.IN_KIND: [
        "Praxisräume zu günstigen Konditionen",
        "Wohnung für Ärztinnen und Ärzte",
    ],
}

AMOUNTS = {
    SupportKind.STIPEND: (AmountUnit.MONTHLY, [300, 400, 500, 600, 800, 1000, 1200]),
    SupportKind.GRANT: (AmountUnit.ONCE, [2500, 5000, 10000, 20000, 30000, 60000]),
    SupportKind.LOAN: (AmountUnit.TOTAL, [25000, 50000, 100000, 150000]),
    SupportKind.REVENUE_GUARANTEE: (AmountUnit.YEARLY, [50000, 80000, 120000]),
}

SENTENCES = [
    "Gefördert werden Ärztinnen und Ärzte, die sich im ländlichen Raum niederlassen möchten.",
    "Die Förderung läuft über die Regelstudienzeit und endet mit dem Staatsexamen.",
    "Wer gefördert wird, verpflichtet sich zur Weiterbildung in einer sächsischen Region.",
    "Das Programm übernimmt Studiengebühren und Fahrtkosten zu Famulaturen.",
    "Eine Mentorin oder ein Mentor aus der Region begleitet Sie während der Weiterbildung.",
    "Die Kommune hilft bei der Suche nach Wohnung, Kita-Platz und Arbeitsstelle für die Familie.",
    "Für die Praxisübernahme gibt es Beratung zu Finanzierung, Personal und Abrechnung.",
    "Bewerbungen sind jederzeit möglich; über die Vergabe entscheidet ein Auswahlgremium.",
    "Der Zuschuss wird in Raten ausgezahlt und ist an eine Tätigkeit von fünf Jahren gebunden.",
    "Angesprochen sind auch Ärztinnen und Ärzte aus dem Ausland sowie Rückkehrende.",
    "Im Praktischen Jahr werden Unterkunft und Fahrtkosten zum Lehrkrankenhaus übernommen.",
    "Hausärztliche Versorgung, Kinder- und Jugendmedizin sowie Psychiatrie haben Vorrang.",
    "Der Weiterbildungsverbund vermittelt Rotationen zwischen Klinik und Praxis.",
    "Teilzeit und Elternzeit sind möglich; die Bindungsfrist verlängert sich entsprechend.",
    "Die Förderung ist mit anderen Programmen des Freistaates Sachsen kombinierbar.",
    "Ein Praxistag zeigt den Alltag in einer Landarztpraxis im Erzgebirge oder in der Lausitz.",
    "Gemeinsam mit der Kassenärztlichen Vereinigung werden Standorte mit Bedarf ausgewählt.",
    "Zuständig ist die Koordinierungsstelle bei der Sächsischen Landesärztekammer.",
]

STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenweg", "Am Markt", "Lindenallee"]
FIRST_NAMES = ["Anna", "Jörg", "Käthe", "Lukas", "Mehmet", "Sören", "Zoë", "Grit", "Uwe", "Jana"]
LAST_NAMES = ["Müller", "Schäfer", "Weiß", "Köhler", "Groß", "Nguyen", "Krüger", "Böhme", "Voß"]
ROLES = ["Personalleitung", "Ärztliche Leitung", "Bürgermeisterin", "Referent Nachwuchs"]


class Command(BaseCommand):
    help = "Erzeugt erfundene, als Demo markierte Partner und Förderprogramme für Lasttests."

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=200, help="Anzahl der Programme")
        parser.add_argument("--partners", type=int, default=50, help="Anzahl der Partner")
        parser.add_argument("--seed", type=int, default=2009, help="Startwert des Zufalls")
        parser.add_argument(
            "--clear", action="store_true", help="Zuerst alle früheren Demodaten löschen"
        )

    def handle(self, *args, programmes, partners, seed, clear, **options):
        if programmes < 0 or partners < 0:
            raise CommandError("Anzahlen dürfen nicht negativ sein.")
        started = time.monotonic()
        reference = ReferenceData.load()
        rng = random.Random(seed)  # noqa: S311 - made-up data, not a secret
        generator = DemoData(rng, reference, timezone.localdate())
        with transaction.atomic():
            if clear:
                removed = clear_demo_data()
                self.stdout.write(f"Frühere Demodaten gelöscht: {removed}.")
            new_partners = generator.create_partners(partners)
            providers = (
                new_partners
                or list(Partner.objects.filter(is_demo=True))
                or list(Partner.objects.all())
            )
            if programmes and not providers:
                raise CommandError("Für Programme wird mindestens ein Partner gebraucht.")
            generator.create_programmes(programmes, providers)
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner does not treat thousands of rows as a handful.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(analysed_tables())}")
        # bulk_create sends no signals: the entries of what it wrote are written anew once.
        search_index.rebuild([PartnerIndexer(), ProgrammeIndexer()])
        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(new_partners)} Demo-Partner und {programmes} Demo-Programme angelegt "
                f"in {time.monotonic() - started:.1f} s."
            )
        )


def analysed_tables():
    models = [Partner, ContactPerson, FundingProgramme]
    models += [getattr(FundingProgramme, name).through for name in M2M_RELATIONS]
    return [connection.ops.quote_name(model._meta.db_table) for model in models]


def clear_demo_data():
    """Delete every demo row (and only those); returns the numbers for the message."""
    demo_programmes = FundingProgramme.objects.filter(is_demo=True)
    for relation in M2M_RELATIONS:
        through = getattr(FundingProgramme, relation).through
        through.objects.filter(fundingprogramme__in=demo_programmes).delete()
    programme_count, _ = demo_programmes.delete()
    try:
        partner_count, _ = Partner.objects.filter(is_demo=True).delete()
    except ProtectedError as error:
        raise CommandError(
            "Demo-Partner werden noch von echten Programmen als Anbieter genutzt; "
            "bitte erst diese Programme ändern."
        ) from error
    return f"{programme_count} Einträge mit Programmen, {partner_count} mit Partnern"


class ReferenceData:
    """Career stages, districts and specialties the demo rows point at; they must exist."""

    def __init__(self, stages, districts, specialties):
        self.stages = stages
        self.districts = districts
        self.specialties = specialties

    @classmethod
    def load(cls):
        data = cls(
            list(CareerStage.objects.order_by("position")),
            list(District.objects.order_by("ags")),
            list(Specialty.objects.order_by("slug")),
        )
        missing = [
            label
            for label, rows in (
                ("Karrierestufen", data.stages),
                ("Kreise", data.districts),
                ("Fachgebiete", data.specialties),
            )
            if not rows
        ]
        if missing:
            raise CommandError(
                f"Es fehlen Stammdaten ({', '.join(missing)}). Bitte zuerst "
                "„python manage.py load_reference_data“ ausführen."
            )
        return data


class DemoData:
    """Builds plausible, varied demo rows from one random generator."""

    def __init__(self, rng, reference, today):
        self.rng = rng
        self.reference = reference
        self.today = today

    def create_partners(self, count):
        existing = set(Partner.objects.filter(is_demo=True).values_list("slug", flat=True))
        partners = []
        number = 0
        while len(partners) < count:
            number += 1
            slug = f"demo-partner-{number}"
            if slug not in existing:
                partners.append(self.partner(number, slug))
        Partner.objects.bulk_create(partners, batch_size=BATCH_SIZE)
        ContactPerson.objects.bulk_create(
            [self.contact(partner) for partner in partners], batch_size=BATCH_SIZE
        )
        return partners

    def partner(self, number, slug):
        rng = self.rng
        district = None if rng.random() < 0.1 else rng.choice(self.reference.districts)
        city = (district.seat or district.name) if district else "Dresden"
        return Partner(
            name=f"Demo-Partner {number}",
            slug=slug,
            category=rng.choice(PartnerCategory.values),
            district=district,
            city=city,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postal_code=f"0{rng.randint(1000, 9999)}",
            website=f"https://demo-partner-{number}.example.org/",
            email=f"kontakt@demo-partner-{number}.example.org",
            phone=f"0351 {rng.randint(100000, 999999)}",
            description=" ".join(rng.sample(SENTENCES, 2)),
            status=rng.choice(STATUSES),
            member_since=self.today - datetime.timedelta(days=rng.randint(30, 6000)),
            last_confirmed=self.today - datetime.timedelta(days=rng.randint(0, 700)),
            is_demo=True,
        )

    def contact(self, partner):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        return ContactPerson(
            partner=partner,
            name=f"{first} {last}",
            role=rng.choice(ROLES),
            email=f"{german_slugify(first)}.{german_slugify(last)}@{partner.slug}.example.org",
        )

    def create_programmes(self, count, providers):
        offset = FundingProgramme.objects.filter(is_demo=True).count()
        existing = set(FundingProgramme.objects.filter(is_demo=True).values_list("slug", flat=True))
        programmes, links = [], []
        number = offset
        while len(programmes) < count:
            number += 1
            programme, programme_links = self.programme(number, providers)
            if programme.slug in existing:
                continue
            programmes.append(programme)
            links.append(programme_links)
        FundingProgramme.objects.bulk_create(programmes, batch_size=BATCH_SIZE)
        for relation in M2M_RELATIONS:
            through = getattr(FundingProgramme, relation).through
            target = through._meta.get_field(relation_target_field(through)).attname
            rows = [
                through(fundingprogramme_id=programme.pk, **{target: related.pk})
                for programme, programme_links in zip(programmes, links, strict=True)
                for related in programme_links[relation]
            ]
            through.objects.bulk_create(rows, batch_size=BATCH_SIZE * 5)

    def programme(self, number, providers):
        rng = self.rng
        reference = self.reference
        kind = rng.choice(SupportKind.values)
        regional = rng.random() < 0.7
        districts = self.pick(reference.districts, [1, 1, 1, 2, 3]) if regional else []
        place = districts[0].name if districts else "Sachsen"
        title = f"[Demo] {rng.choice(TITLE_WORDS[kind])} {place} {number}"
        stages = self.pick(reference.stages, [1, 1, 2, 2, 3])
        specialties = self.pick(reference.specialties, [1, 1, 2]) if rng.random() < 0.5 else []
        audience = " und ".join(stage.name for stage in stages)
        summary = (
            f"Demo: {SupportKind(kind).label} für {audience} "
            f"{'in ' + ', '.join(d.name for d in districts) if districts else 'in ganz Sachsen'}."
        )
        programme = FundingProgramme(
            title=title,
            slug=german_slugify(title)[:200],
            summary=summary[:500],
            description="\n\n".join(rng.sample(SENTENCES, rng.randint(3, 6))),
            provider=rng.choice(providers),
            kind=kind,
            obligations=rng.choice(["", SENTENCES[2], SENTENCES[8]]),
            commitment_years=rng.choice([None, None, 2, 3, 4, 5]),
            eligibility=rng.choice(SENTENCES),
            how_to_apply=SENTENCES[7],
            application_url=f"https://demo-programm-{number}.example.org/bewerbung",
            status=rng.choice(STATUSES),
            last_reviewed_on=self.today - datetime.timedelta(days=rng.randint(0, 800)),
            region_note="",
            is_demo=True,
            **self.amount(kind),
            **self.dates(),
        )
        links = {"career_stages": stages, "districts": districts, "specialties": specialties}
        return programme, links

    def pick(self, population, sizes):
        """A random sample of one of ``sizes`` elements (fewer if the population is smaller)."""
        return self.rng.sample(population, min(self.rng.choice(sizes), len(population)))

    def amount(self, kind):
        if kind not in AMOUNTS or self.rng.random() < 0.15:
            return {"amount": None, "amount_unit": ""}
        unit, values = AMOUNTS[kind]
        return {
            "amount": Decimal(self.rng.choice(values)),
            "amount_unit": unit,
            "amount_is_maximum": self.rng.random() < 0.4,
        }

    def dates(self):
        rng = self.rng
        deadline = None
        if rng.random() < 0.6:
            deadline = self.today + datetime.timedelta(days=rng.randint(-120, 400))
        valid_from = valid_until = None
        if rng.random() < 0.3:
            valid_from = self.today - datetime.timedelta(days=rng.randint(0, 1500))
            valid_until = valid_from + datetime.timedelta(days=rng.randint(365, 3000))
        return {"deadline": deadline, "valid_from": valid_from, "valid_until": valid_until}


def relation_target_field(through):
    """The name of the through model's foreign key that does not point at the programme."""
    return next(
        field.name
        for field in through._meta.get_fields()
        if field.many_to_one and field.related_model is not FundingProgramme
    )
