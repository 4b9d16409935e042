"""A visitor walks the Förder-Check from the first question to the result, in both languages."""

import pytest

from tests.html import parse


def submit(client, response, **answers):
    """Send the page's question form as a visitor would: its hidden fields plus ``answers``."""
    form = parse(response).find("form", class_="check-form")
    data = [
        (field["name"], field["value"])
        for field in form.find_all("input", type="hidden")
        if field["name"] not in answers
    ]
    data += [(name, value) for name, values in answers.items() for value in values]
    return client.get(form["action"], data)


def step_title(response):
    return parse(response).title.get_text().split(" – ")[0]


@pytest.mark.parametrize(
    ("prefix", "steps", "sum_line"),
    [
        (
            "",
            ["Schritt 1 von 5", "Schritt 2 von 6", "Schritt 3 von 6", "Schritt 4 von 6"],
            "57 Monate × 1.000\xa0€ = 57.000\xa0€ (Regelstudienzeit ab dem 4. Fachsemester)",
        ),
        (
            "/en",
            ["Step 1 of 5", "Step 2 of 6", "Step 3 of 6", "Step 4 of 6"],
            "57 months × 1,000\xa0€ = 57,000\xa0€ (standard period of study from semester 4)",
        ),
    ],
)
def test_a_student_is_asked_about_the_studies_and_sees_what_is_left(
    client, reference_data, prefix, steps, sum_line
):
    page = client.get(f"{prefix}/foerder-check/")
    assert step_title(page) == steps[0]

    page = submit(client, page, stufe=["studium"])
    assert step_title(page) == steps[1]
    assert parse(page).find("input", attrs={"name": "semester"}) is not None

    page = submit(client, page, semester=["4"], studienort=["tu-dresden"])
    assert step_title(page) == steps[2]

    page = submit(client, page, kreis=["goerlitz"])
    assert step_title(page) == steps[3]

    page = submit(client, page, fach=["allgemeinmedizin"])
    page = submit(client, page)  # the situation: nothing to add
    assert page.status_code == 200
    sums = parse(page).find("dl", class_="check-sum").get_text(" ", strip=True)
    assert sum_line in sums
