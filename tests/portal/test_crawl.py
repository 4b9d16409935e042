"""A crawler from the home page: every internal link on the public site resolves."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

MAX_PAGES = 3000
SKIPPED_PREFIXES = ("/admin/", "/static/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("rel") in {"canonical", "alternate"} and attrs.get("href"):
            self.links.append(attrs["href"])


def internal_links(page_url, html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        url = urlsplit(urljoin(f"http://testserver{page_url}", href))
        if url.scheme in {"http", "https"} and url.netloc == "testserver":
            yield url.path + (f"?{url.query}" if url.query else "")


@pytest.mark.django_db
def test_every_link_from_the_home_page_resolves(client, reference_data):
    seen, queue, broken = {"/"}, ["/"], []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        response = client.get(url)
        if response.status_code >= 400:
            broken.append((url, response.status_code))
            continue
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in seen and not target.startswith(SKIPPED_PREFIXES):
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in internal_links(url, response.content.decode()):
            if link not in seen and not link.startswith(SKIPPED_PREFIXES):
                seen.add(link)
                queue.append(link)
    print(f"crawled {len(seen)} URLs")
    assert not broken
    assert len(seen) > 50
