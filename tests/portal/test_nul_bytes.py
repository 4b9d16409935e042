"""A NUL byte in a parameter gets a page, never a 500 (attack of 07.12.2026, L1).

SQLite stores NUL in text, PostgreSQL refuses it with ``DataError``; these tests matter in the
PostgreSQL pass, where every one of them answered 500 before.
"""

import pytest

from contact.models import ContactMessage, Topic

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/foerderungen/vergleich/?p=%00",
        "/foerderungen/vergleich/?p=saechsisches-hausarztstipendium&p=a%00",
        "/foerderungen/vergleich/vergleich.csv?p=a%00",
        "/kontakt/?kreis=%00",
        "/kontakt/?stufe=%00&programm=%00&partner=a%00",
    ],
)
def test_a_nul_byte_in_a_parameter_is_ignored(client, reference_data, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("field", ["programme", "partner", "district", "career_stage"])
def test_a_nul_byte_in_a_hidden_contact_field_is_a_form_error(client, reference_data, field):
    data = {
        "topic": Topic.SETTLING,
        "message": "Welche Förderung passt?",
        "email": "anna@example.org",
        "consent": "on",
        field: "a\x00",
    }
    response = client.post("/kontakt/", data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ContactMessage.objects.exists()
