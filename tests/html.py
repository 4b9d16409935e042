"""Pages read the way a visitor reads them: parsed HTML and its texts, not regexes."""

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def table_rows(response):
    """Row heading → the texts of the row's cells, for each row headed by a ``<th scope="row">``."""
    return {
        heading.get_text(" ", strip=True): [
            " ".join(cell.get_text(" ", strip=True).split())
            for cell in heading.find_parent("tr").find_all("td")
        ]
        for heading in parse(response).find_all("th", scope="row")
    }


def checked(response, name):
    """The values of the checked inputs named ``name`` (checkboxes and radio buttons)."""
    return [
        field.get("value")
        for field in parse(response).find_all("input", attrs={"name": name})
        if field.has_attr("checked")
    ]
