"""Small factories for tests: each makes one valid row, with overrides as keyword arguments."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from funding.models import CareerStage, FundingProgramme, Specialty, SupportKind
from network.models import Partner, PartnerCategory, PartnerMembership
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


def programme(*, career_stages=(), districts=(), specialties=(), **fields):
    """A published programme; pass ``districts`` to make it regional (none = statewide)."""
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
    return created


def user(username=None, **fields):
    username = username or f"person{next(_numbers)}"
    fields.setdefault("email", f"{username}@example.org")
    return get_user_model().objects.create_user(username=username, password="x-Test-1234", **fields)


def editor(partner_obj, username=None):
    """A partner-area user who may edit ``partner_obj``."""
    person = user(username)
    PartnerMembership.objects.create(user=person, partner=partner_obj)
    return person
