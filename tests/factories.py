"""Small factories for tests: each makes one valid row, with overrides as keyword arguments."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from coordinators.models import FundingBasis, RegionalConference, RegionalCoordinator
from funding.models import CareerStage, FundingProgramme, Specialty, SupportKind
from funding.windows import ApplicationWindow, WindowKind
from network.models import (
    ContactPerson,
    CoordinationOffice,
    Partner,
    PartnerCategory,
    PartnerMembership,
    SteeringGroupSeat,
)
from portal.models import District, PublicationStatus

_numbers = itertools.count(1)


def district(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Testkreis {number}")
    fields.setdefault("ags", f"14{number % 1000:03d}")
    fields.setdefault("kind", District.Kind.RURAL_DISTRICT)
    return District.objects.create(**fields)


def career_stage(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Stufe {number}")
    fields.setdefault("slug", f"stufe-{number}")
    fields.setdefault("position", number)
    return CareerStage.objects.create(**fields)


def specialty(**fields):
    fields.setdefault("name", f"Fachgebiet {next(_numbers)}")
    return Specialty.objects.create(**fields)


def partner(**fields):
    fields.setdefault("name", f"Testpartner {next(_numbers)}")
    fields.setdefault("category", PartnerCategory.CARE_PROVIDER)
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    return Partner.objects.create(**fields)


def programme(*, career_stages=(), districts=(), specialties=(), deadline=None, **fields):
    """A published programme; pass ``districts`` to make it regional (none = statewide).

    ``deadline``: a one-off application window closing that day (as the former single field).
    """
    fields.setdefault("title", f"Testprogramm {next(_numbers)}")
    fields.setdefault("summary", "Eine Förderung für Tests.")
    fields.setdefault("kind", SupportKind.GRANT)
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("last_reviewed_on", datetime.date.today())
    if "provider" not in fields:
        fields["provider"] = partner()
    created = FundingProgramme.objects.create(**fields)
    created.career_stages.set(career_stages)
    created.districts.set(districts)
    created.specialties.set(specialties)
    if deadline is not None:
        window(created, kind=WindowKind.ONE_OFF, closes_on=deadline)
    return created


def window(programme_obj, **fields):
    """A window of ``programme_obj`` with a source (yearly, closing 15.11., unless told)."""
    fields.setdefault("kind", WindowKind.YEARLY)
    if fields["kind"] == WindowKind.YEARLY:
        for name, value in (("closes_day", 15), ("closes_month", 11)):
            fields.setdefault(name, value)
    fields.setdefault("source_url", "https://example.org/quelle")
    fields.setdefault("source_year", 2026)
    return ApplicationWindow.objects.create(programme=programme_obj, **fields)


def user(username=None, **fields):
    username = username or f"person{next(_numbers)}"
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_user(username=username, password="x-Test-1234", **fields)


def editor(partner_obj, username=None):
    """A partner-area user who may edit ``partner_obj``."""
    person = user(username)
    PartnerMembership.objects.create(user=person, partner=partner_obj)
    return person


def contact(partner_obj, **fields):
    fields.setdefault("name", f"Ansprechperson {next(_numbers)}")
    return ContactPerson.objects.create(partner=partner_obj, **fields)


def steering_seat(partner_obj=None, **fields):
    return SteeringGroupSeat.objects.create(partner=partner_obj or partner(), **fields)


def coordination_office(**fields):
    fields.setdefault("name", "Koordinierungsstelle des Netzwerks »Ärzte für Sachsen«")
    fields.setdefault("host", partner(name="Sächsische Landesärztekammer"))
    fields.setdefault("street", "Schützenhöhe 16")
    fields.setdefault("postal_code", "01099")
    fields.setdefault("city", "Dresden")
    return CoordinationOffice.objects.create(**fields)


def funding_basis(**fields):
    fields.setdefault("name", f"Finanzierung {next(_numbers)}")
    fields.setdefault("funder", "Sächsisches Staatsministerium für Soziales")
    fields.setdefault("start_date", datetime.date(2022, 1, 1))
    return FundingBasis.objects.create(**fields)


def coordinator(district_obj, **fields):
    """A regional coordinator post in ``district_obj`` (active unless ``status`` says otherwise)."""
    fields.setdefault("status", RegionalCoordinator.Status.ACTIVE)
    return RegionalCoordinator.objects.create(district=district_obj, **fields)


def conference(district_obj, **fields):
    fields.setdefault("status", RegionalConference.Status.INITIATED)
    return RegionalConference.objects.create(district=district_obj, **fields)


def event(*, career_stages=(), **fields):
    """A published, exactly dated, all-day event; ``starts_at`` defaults to 30 days ahead."""
    from django.utils import timezone

    from events.models import Event

    fields.setdefault("title", f"Testveranstaltung {next(_numbers)}")
    fields.setdefault("summary", "Eine Veranstaltung für Tests.")
    fields.setdefault("starts_at", timezone.now() + datetime.timedelta(days=30))
    fields.setdefault("status", PublicationStatus.PUBLISHED)
    fields.setdefault("source_url", "https://example.org/quelle")
    fields.setdefault("source_year", 2026)
    if "organiser" not in fields:
        fields["organiser"] = partner()
    created = Event.objects.create(**fields)
    created.career_stages.set(career_stages)
    return created
