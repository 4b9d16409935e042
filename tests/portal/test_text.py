"""Text helpers: values a spreadsheet would run as formulas (CSV injection)."""

import pytest

from portal.text import is_formula_like, neutralise_formula


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://evil.example","Klick")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_recognises_formula_like_cells(value):
    assert is_formula_like(value)
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Hausarztstipendium", " =nur Text", "1.000 €", "", None, 1000])
def test_it_leaves_ordinary_values_alone(value):
    assert not is_formula_like(value)
    assert neutralise_formula(value) == value
