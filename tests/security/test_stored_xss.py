"""Text the office or a partner typed in comes back escaped on every public page that shows it."""

import re

import pytest

from network.models import ContactPerson
from portal.models import Page, sanitise_html
from tests import factories

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>"
SCRIPT_END = "</script><script>alert(1)</script>"


@pytest.fixture
def hostile_programme(db):
    """A published programme whose every text field carries markup."""
    stage = factories.career_stage(name="Studium", slug="studium")
    provider = factories.partner(name=f"Klinik {PAYLOAD}", description=PAYLOAD)
    ContactPerson.objects.create(partner=provider, name=f"Dr. {PAYLOAD}", role=PAYLOAD)
    return factories.programme(
        title=f"Stipendium {SCRIPT_END}",
        summary=f"Kurz {PAYLOAD}",
        description=PAYLOAD,
        obligations=PAYLOAD,
        eligibility=PAYLOAD,
        how_to_apply=PAYLOAD,
        region_note=PAYLOAD,
        amount_note=PAYLOAD,
        provider=provider,
        career_stages=[stage],
    )


def assert_escaped(text):
    assert PAYLOAD not in text
    assert "<script>alert" not in text
    assert "<img src=x" not in text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/foerderungen/",
        "/foerderungen/?q=Stipendium",
        "/fuer/studium/",
        "/netzwerk/partner/",
        "/suche/?q=Klinik",
    ],
)
def test_lists_show_programme_texts_escaped(client, hostile_programme, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_programme_page_shows_every_field_escaped(client, hostile_programme):
    response = client.get(hostile_programme.get_absolute_url())

    assert response.status_code == 200
    text = response.content.decode()
    assert_escaped(text)
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in text


def test_partner_page_shows_every_field_escaped(client, hostile_programme):
    response = client.get(hostile_programme.provider.get_absolute_url())

    assert response.status_code == 200
    text = response.content.decode()
    assert_escaped(text)
    assert "Dr. &lt;script&gt;" in text


def test_structured_data_cannot_close_its_script_element(client, hostile_programme):
    response = client.get(hostile_programme.get_absolute_url())

    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    assert "\\u003C/script\\u003E" in blocks[0]


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hallo<script>alert(1)</script></p>", "<p>Hallo</p>"),
        ('<p onclick="alert(1)">Text</p>', "<p>Text</p>"),
        ('<a href="javascript:alert(1)">Link</a>', '<a rel="noopener noreferrer">Link</a>'),
        ('<img src="x" onerror="alert(1)">', ""),
        ('<iframe src="https://example.org"></iframe>', ""),
        ("<style>body{display:none}</style><p>x</p>", "<p>x</p>"),
    ],
)
def test_rich_text_keeps_only_the_allow_list(dirty, clean):
    assert sanitise_html(dirty) == clean


def test_page_text_is_sanitised_when_saved(db):
    page = Page.objects.create(
        slug="testseite", title="Test", body="<h2>Titel</h2><script>alert(1)</script>"
    )

    page.refresh_from_db()
    assert page.body == "<h2>Titel</h2>"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_page_text_written_past_save_is_cleaned_when_shown(client, db, prefix):
    """Fixtures and ``update()`` bypass ``save()``; the page is cleaned again when shown."""
    page = Page.objects.create(slug="testseite", title="Test", title_en="Test", body="x")
    Page.objects.filter(pk=page.pk).update(
        body="<p>Deutsch</p><script>alert(1)</script>",
        body_en='<p onclick="alert(1)">English</p><img src=x onerror=alert(1)>',
    )

    response = client.get(f"{prefix}/testseite/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "<script>alert" not in text
    assert "onclick" not in text
    assert "onerror" not in text
    assert ("<p>English</p>" if prefix else "<p>Deutsch</p>") in text
