"""Our templates hold no inline script, event handler or inline style, so the CSP can forbid them.

The browser suite sees CSP violations on the pages it visits; this scan also covers templates
that no browser test reaches yet.
"""

import re

import pytest
from django.conf import settings

# Django's templates and the finder's Jinja2 ones (portal.jinja).
TEMPLATES = sorted(
    path
    for folder in ("templates", "jinja-templates")
    for path in (settings.BASE_DIR / folder).rglob("*.html")
)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)


def name(path):
    return str(path.relative_to(settings.BASE_DIR))


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("template", TEMPLATES, ids=name)
def test_scripts_come_from_files_or_are_data(template):
    for attributes in SCRIPT_TAG.findall(template.read_text()):
        assert "src=" in attributes or 'type="application/ld+json"' in attributes, attributes


@pytest.mark.parametrize("template", TEMPLATES, ids=name)
def test_no_inline_event_handlers_or_styles(template):
    text = template.read_text()

    assert not EVENT_HANDLER.search(text)
    assert not INLINE_STYLE.search(text)
    assert not STYLE_ELEMENT.search(text)


@pytest.mark.parametrize("template", TEMPLATES, ids=name)
def test_every_post_form_carries_a_csrf_token(template):
    for body in POST_FORM.findall(template.read_text()):
        assert "{% csrf_token %}" in body


def test_there_are_post_forms_to_check():
    forms = [body for template in TEMPLATES for body in POST_FORM.findall(template.read_text())]

    assert len(forms) >= 10
