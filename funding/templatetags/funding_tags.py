"""Formatting of programme facts the way German readers expect them: 1.000 €, 22.11.2026."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from funding import filters
from funding.check import Listing
from portal.params import query_string

register = template.Library()


@register.filter
def euro(value):
    """``Decimal("1000")`` → "1.000 €" (cents only when there are any)."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return f"{number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)}\u00a0€"


@register.filter
def programme_amount(programme):
    """The amount with its unit: "bis zu 90.000 € pro Jahr"; "" when the programme has none."""
    if programme.amount is None:
        return ""
    text = euro(programme.amount)
    if programme.amount_unit:
        text = f"{text} {programme.get_amount_unit_display()}"
    if programme.amount_is_maximum:
        text = _("bis zu %(amount)s") % {"amount": text}
    return text


@register.filter
def check_hidden(answers, names):
    """The Förder-Check's answers as hidden fields, except those the current step asks."""
    return answers.hidden_fields(leave_out={*names.split(","), "schritt"})


@register.filter
def check_group(result, fit):
    """One group of the Förder-Check's result („passt“, …): its count and listed assessments."""
    return result.listing(fit)


@register.filter
def listing(items, limit):
    """The first ``limit`` of ``items`` and their number (``.items``, ``.count``, ``.more``)."""
    return Listing.of(items, int(limit))


@register.filter
def check_query(programme):
    """The Förder-Check's answers a programme's page can fill in: its stage and its district.

    The check opens at its first step with the programme's earliest stage chosen (the person
    confirms or changes it); a programme of one district also chooses that district.
    """
    stages = sorted(programme.career_stages.all(), key=lambda stage: stage.position)
    districts = list(programme.districts.all())
    return query_string(
        {
            filters.STAGE.param: stages[0].slug if stages else "",
            filters.DISTRICT.param: districts[0].slug if len(districts) == 1 else "",
        }
    )
