"""A partner editor signs in through the real login form and proposes a change, in a browser."""

import pytest

from network.models import ChangeProposal
from tests import factories
from tests.browser.support import DESKTOP, axe_violations

pytestmark = pytest.mark.system


@pytest.fixture
def editor(transactional_db):
    partner = factories.partner(name="Klinikum Alpha", slug="klinikum-alpha")
    factories.programme(title="Weiterbildungsverbund Alpha", provider=partner)
    return factories.editor(partner, "alice")


def test_an_editor_signs_in_and_proposes_a_listing_change(editor, open_tab, axe):
    visit = open_tab(DESKTOP)
    visit.open("/partnerbereich/")
    assert "/partnerbereich/anmelden/" in visit.page.url

    visit.page.get_by_label("Benutzername").fill("alice")
    visit.page.get_by_label("Passwort").fill("x-Test-1234")
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Anmelden").click()
    assert visit.page.url.endswith("/partnerbereich/")
    assert visit.page.get_by_role("heading", name="Klinikum Alpha").is_visible()
    assert axe_violations(axe, visit.page) == ""

    visit.page.get_by_role("link", name="Eintrag und Ansprechpersonen bearbeiten").click()
    visit.page.get_by_label("Ort").fill("Görlitz")
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Zur Prüfung senden").click()

    assert "Ihr Vorschlag ist gespeichert" in visit.page.content()
    assert ChangeProposal.objects.get().data["city"] == "Görlitz"
    assert visit.page_errors == []
    assert visit.unexpected_console_errors() == []
