"""Template helpers for the network pages."""

import re

from django import template

register = template.Library()


@register.filter
def tel_href(phone):
    """A ``tel:`` link for a number as people write it: "0351 8267-0" → "tel:035182670"."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if digits else ""
