"""The one query-string builder: cleaned values in, the links' query string out."""

from portal.params import query_string


def test_lists_repeat_their_parameter_and_empty_values_are_left_out():
    values = {"kreis": ["goerlitz", "bautzen"], "q": "Ärztin & Praxis", "page": "", "fach": []}

    assert query_string(values) == "kreis=goerlitz&kreis=bautzen&q=%C3%84rztin+%26+Praxis"


def test_numbers_are_written_as_text_and_nothing_gives_an_empty_string():
    assert query_string({"page": 2}) == "page=2"
    assert query_string({"sort": "", "offen": None}) == ""
