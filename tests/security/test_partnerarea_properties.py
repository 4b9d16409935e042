"""Property-based: whatever an editor posts in the partner area, nothing breaks or becomes markup.

Each example posts a form made of a valid baseline with some fields replaced by odd text (and
odd extra fields), then reads every page that shows the result: the editor's answer and
dashboard, the editor's proposal page and the office's review of it in the admin.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from network.models import ChangeProposal
from tests import factories

PROBES = ["<xss-probe>", '"xss-probe=1', "'xss-probe=1"]
EXAMPLES = 100

LISTING_FIELDS = ["name", "description", "district", "street", "postal_code", "city"]
LISTING_FIELDS += ["website", "email", "phone"]
CONTACT_FIELDS = [f"kontakte-0-{name}" for name in ("name", "role", "email", "phone", "id")]
FORMSET_FIELDS = [f"kontakte-{name}" for name in ("TOTAL_FORMS", "INITIAL_FORMS")]
PROGRAMME_FIELDS = ["title", "summary", "description", "kind", "career_stages", "districts"]
PROGRAMME_FIELDS += ["region_note", "amount", "amount_unit", "amount_note", "obligations"]
PROGRAMME_FIELDS += ["commitment_years", "eligibility", "how_to_apply", "application_url"]
PROGRAMME_FIELDS += ["valid_from", "valid_until", "provider"]
# The windows and contact points posted with a programme (see partnerarea.forms).
PROGRAMME_FIELDS += [f"zeitraeume-{name}" for name in ("TOTAL_FORMS", "INITIAL_FORMS")]
PROGRAMME_FIELDS += [
    f"zeitraeume-0-{name}" for name in ("kind", "closes_day", "closes_on", "source_url")
]
PROGRAMME_FIELDS += [f"kontaktwege-{name}" for name in ("TOTAL_FORMS", "INITIAL_FORMS")]
PROGRAMME_FIELDS += [f"kontaktwege-0-{name}" for name in ("kind", "value", "source_url")]

values = st.one_of(
    st.text(max_size=80),
    st.builds(lambda text, probe: text + probe, st.text(max_size=20), st.sampled_from(PROBES)),
    st.sampled_from(
        ["", "0", "-1", "9" * 30, "1.000", "2026-02-30", "javascript:alert(1)", "a@b", "\x00"]
    ),
    st.integers(min_value=1_000, max_value=20_000).map(lambda size: "ä" * size),
)


def form_posts(fields):
    """Replacements for some of ``fields`` and a few unknown fields, as a dict."""
    keys = st.one_of(st.sampled_from(fields), st.text(min_size=1, max_size=20))
    return st.dictionaries(keys, values, max_size=8)


@pytest.fixture
def area(db):
    """Alice edits partner A, which offers one programme; the office reviews as staff."""
    stage = factories.career_stage(name="Studium", slug="studium")
    partner = factories.partner(name="Klinikum Alpha", city="Zittau")
    programme = factories.programme(title="Alpha-Stipendium", provider=partner)
    programme.career_stages.set([stage])
    alice, office = Client(), Client()
    alice.force_login(factories.editor(partner, "alice"))
    office.force_login(factories.user("koordination", is_staff=True, is_superuser=True))
    return {
        "alice": alice,
        "office": office,
        "listing": f"/partnerbereich/eintrag/{partner.slug}/",
        "listing_data": {
            "name": partner.name,
            "city": partner.city,
            "kontakte-TOTAL_FORMS": "1",
            "kontakte-INITIAL_FORMS": "0",
            "kontakte-MIN_NUM_FORMS": "0",
            "kontakte-MAX_NUM_FORMS": "20",
        },
        "programme": f"/partnerbereich/programme/{programme.slug}/bearbeiten/",
        "new_programme": "/partnerbereich/programme/neu/",
        "programme_data": {
            "title": programme.title,
            "summary": programme.summary,
            "kind": programme.kind,
            "career_stages": str(stage.pk),
            "provider": str(partner.pk),
        },
    }


def assert_clean(response):
    assert response.status_code < 500
    text = response.content.decode()
    for probe in PROBES:
        assert probe not in text


def post_and_read_everything(area, url, data):
    """POST as Alice, then read each page that shows what she sent."""
    newest = ChangeProposal.objects.order_by("-pk").values_list("pk", flat=True).first()
    response = area["alice"].post(url, data)
    assert_clean(response)
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert_clean(area["alice"].get(response["Location"]))
    proposal = ChangeProposal.objects.order_by("-pk").first()
    if proposal is not None and proposal.pk != newest:
        assert_clean(area["alice"].get(proposal.get_absolute_url()))
        review = area["office"].get(f"/admin/network/changeproposal/{proposal.pk}/change/")
        assert review.status_code == 200
        assert_clean(review)


# Found by hypothesis: an ID beyond 64 bits was a 500 on SQLite (fixed in funding.forms).
TOO_LARGE_ID = {"career_stages": str(2**63)}

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(changes=form_posts(LISTING_FIELDS + CONTACT_FIELDS + FORMSET_FIELDS))
def test_listing_form_takes_any_post_without_error_or_markup(area, changes):
    post_and_read_everything(area, area["listing"], area["listing_data"] | changes)


@SETTINGS
@given(changes=form_posts(PROGRAMME_FIELDS))
@example(changes=TOO_LARGE_ID)
def test_programme_form_takes_any_post_without_error_or_markup(area, changes):
    post_and_read_everything(area, area["programme"], area["programme_data"] | changes)


@SETTINGS
@given(changes=form_posts(PROGRAMME_FIELDS))
@example(changes=TOO_LARGE_ID)
def test_new_programme_form_takes_any_post_without_error_or_markup(area, changes):
    post_and_read_everything(area, area["new_programme"], area["programme_data"] | changes)


def test_a_valid_listing_change_reaches_the_office_escaped(area):
    """The baseline posts are valid, so the properties above exercise the stored path too."""
    post_and_read_everything(
        area, area["listing"], area["listing_data"] | {"description": "Neu <xss-probe> hier"}
    )

    proposal = ChangeProposal.objects.get()
    review = area["office"].get(f"/admin/network/changeproposal/{proposal.pk}/change/")
    assert "Neu &lt;xss-probe&gt; hier" in review.content.decode()
