"""The admin speaks German throughout: no English left by Django or the libraries it uses.

Every kind of admin page the office opens is rendered as the office user; its visible text
(and the attributes a screen reader reads out) must not contain words of the English admin.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.test import Client

from network import proposals
from portal.models import PublicationStatus
from tests import factories

pytestmark = pytest.mark.django_db

# Words of Django's English admin (and of django-simple-history, django-filter, django-axes).
ENGLISH = [
    "Run",
    "Go",
    "Filter by",
    "Search",
    "Choose all",
    "Choose",
    "Remove all",
    "Select",
    "Add",
    "Add another",
    "Change",
    "Delete",
    "History",
    "Save",
    "Save and",
    "Home",
    "Log out",
    "Logout",
    "View site",
    "View on site",
    "results",
    "result",
    "Show all",
    "Recent actions",
    "Revert",
    "Password",
    "Enabled",
    "Disabled",
    "Yes",
    "No",
    "Today",
    "Now",
    "Pagination",
    "entries",
    "entry",
    "Close",
    "Changes",
    "Changed by",
    "Clear all filters",
    "Hide counts",
    "Show counts",
    "Action",
    "Unknown",
    "All",
    "Any date",
    "Past 7 days",
    "This month",
    "This year",
    "No date",
    "Has date",
    "Toggle",
    "Django",
    "Welcome",
    "Object",
    "Comment",
    "Date/time",
    "None",
    "Are you sure",
    "Summary",
    "Objects",
    "Username",
    "Log in",
    "Authentication",
    "Permissions",
    "Important dates",
    "Personal info",
    "Submit",
]
# Longest first, so "Filter by" is reported as such. („Filter“ alone is German too.)
ENGLISH_WORD = re.compile(
    r"\b(?:" + "|".join(re.escape(word) for word in sorted(ENGLISH, key=len, reverse=True)) + r")\b"
)
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class VisibleText(HTMLParser):
    """Text a person sees or hears: content outside scripts and styles, button labels, titles."""

    def __init__(self):
        super().__init__()
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES & attributes.keys():
            self.parts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def english_words(html):
    parser = VisibleText()
    parser.feed(html)
    return sorted({match for part in parser.parts for match in ENGLISH_WORD.findall(part)})


@pytest.fixture
def objects(partners):
    stage = factories.career_stage(name="Studium", slug="studium")
    programme = factories.programme(
        title="Landarztstipendium Alpha", provider=partners.a, career_stages=[stage]
    )
    programme.summary = "Zweite Fassung."
    programme.save()
    factories.programme(title="Entwurf Beta", status=PublicationStatus.DRAFT)
    factories.contact(partners.a, name="Petra Müller")
    proposal = proposals.propose(
        partner=partners.a, author=partners.alice, target=programme, data={"summary": "Neu."}
    )
    return {
        "programme": programme.pk,
        "version": programme.history.earliest().history_id,
        "partner": partners.a.pk,
        "proposal": proposal.pk,
        "user": partners.alice.pk,
    }


OFFICE_PAGES = [
    "/admin/",
    "/admin/funding/",
    "/admin/funding/fundingprogramme/",
    "/admin/funding/fundingprogramme/?q=Nichtvorhanden",
    "/admin/funding/fundingprogramme/?created_at__year=2026",
    "/admin/funding/fundingprogramme/?status__exact=draft&pruefung=ueberfaellig",
    "/admin/funding/fundingprogramme/add/",
    "/admin/funding/fundingprogramme/{programme}/change/",
    "/admin/funding/fundingprogramme/{programme}/delete/",
    "/admin/funding/fundingprogramme/{programme}/history/",
    "/admin/funding/fundingprogramme/{programme}/history/{version}/",
    "/admin/network/partner/",
    "/admin/network/partner/add/",
    "/admin/network/partner/{partner}/change/",
    "/admin/network/partner/{partner}/history/",
    "/admin/coordinators/regionalcoordinator/add/",
    "/admin/portal/district/",
    "/admin/portal/slugredirect/",
    "/admin/network/changeproposal/",
    "/admin/network/changeproposal/{proposal}/change/",
    "/admin/network/changeproposal/{proposal}/change/?ablehnen=1",
    "/admin/network/partnermembership/",
    "/admin/network/partnermembership/add/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/user/{user}/change/",
    "/admin/axes/accessattempt/",
    "/admin/password_change/",
]


@pytest.mark.parametrize("path", OFFICE_PAGES)
def test_office_page_shows_no_english(office, objects, path):
    response = office.get(path.format_map(objects))
    assert response.status_code == 200
    assert english_words(response.content.decode()) == []


def test_the_confirmation_of_a_bulk_deletion_shows_no_english(office, objects):
    response = office.post(
        "/admin/funding/fundingprogramme/",
        {"action": "delete_selected", "_selected_action": [objects["programme"]]},
    )
    assert "Ja, ich bin sicher" in response.content.decode()
    assert english_words(response.content.decode()) == []


def test_login_and_logout_pages_show_no_english(office, db):
    assert english_words(Client().get("/admin/login/").content.decode()) == []
    logged_out = office.post("/admin/logout/")
    assert logged_out.status_code == 200
    assert english_words(logged_out.content.decode()) == []


def test_every_text_of_the_admin_scripts_has_a_german_translation(office):
    """The widgets the scripts build (two-box selection, calendar) read /admin/jsi18n/."""
    script = office.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    source = Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
    missing = [
        entry.msgid
        for entry in polib.pofile(str(source))
        if (f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid) not in catalogue
    ]
    assert missing == []
    assert catalogue["Choose all %s"] == "Alle %s auswählen"


def test_the_check_finds_the_english_the_admin_showed_before():
    """The check itself: it finds the words the admin showed before the German catalogue."""
    html = '<input type="submit" value="Run"><h3> Filter by Angelegt am </h3><p>Search</p>'
    assert english_words(html) == ["Filter by", "Run", "Search"]


def test_the_admin_names_locked_logins_and_its_filters_in_plain_german(office, db):
    index = office.get("/admin/").content.decode()
    programmes = office.get("/admin/funding/fundingprogramme/").content.decode()

    assert "Anmeldesperren" in index
    assert ">Axes<" not in index
    assert "Nach Entwürfe" not in programmes
