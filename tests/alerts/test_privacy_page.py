"""The Datenschutz page describes the e-mail alerts."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_page_describes_the_alerts(client, reference_data):
    html = client.get("/datenschutz/").content.decode()

    assert "<h2>E-Mail-Benachrichtigungen</h2>" in html
    assert "Double-Opt-in" in html
    assert "Unbestätigte Anfragen löschen wir nach 7 Tagen" in html
    assert "sofort und vollständig gelöscht" in html


def test_the_english_privacy_page_describes_the_alerts(client, reference_data):
    html = client.get("/en/datenschutz/").content.decode()

    assert "<h2>E-mail alerts</h2>" in html
    assert "double opt-in" in html


def test_the_subscription_form_links_the_privacy_page(client, reference_data):
    html = client.get("/benachrichtigungen/").content.decode()

    assert 'href="/datenschutz/"' in html
