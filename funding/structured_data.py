"""schema.org JSON-LD for programme pages, so search engines understand what is offered."""

import json

from django.utils.safestring import mark_safe

from portal.site import absolute_url

# The characters that could end a <script> element or start markup inside JSON.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def programme_json_ld(programme, request):
    """A ``MonetaryGrant`` for programmes with an amount, otherwise a ``Service``."""
    provider = programme.provider
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant" if programme.amount is not None else "Service",
        "name": programme.title,
        "description": programme.summary,
        "url": absolute_url(programme.get_absolute_url(), request),
        "inLanguage": "de",
        "areaServed": ([district.name for district in programme.districts.all()] or "Sachsen"),
        "audience": {
            "@type": "Audience",
            "audienceType": ", ".join(stage.name for stage in programme.career_stages.all()),
        },
    }
    organisation = {"@type": "Organization", "name": provider.name}
    if provider.website:
        organisation["url"] = provider.website
    # The programme's own channels first, then the provider's (as „Wen kann ich fragen?“).
    points = [*programme.contact_points.all(), *provider.contact_points.all()]
    if contact_points := [found for point in points if (found := point.json_ld())]:
        organisation["contactPoint"] = contact_points
    if programme.amount is not None:
        data["funder"] = organisation
        data["amount"] = {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            ("maxValue" if programme.amount_is_maximum else "value"): float(programme.amount),
        }
    else:
        data["provider"] = organisation
    if programme.last_reviewed_on:
        data["dateModified"] = programme.last_reviewed_on.isoformat()
    return data


def json_ld_script(data):
    """The data as JSON that is safe inside ``<script type="application/ld+json">``."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))  # noqa: S308
