"""What the browser tests share: browser settings, a recording tab, axe-core and screenshots."""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Visit:
    """A browser tab that remembers what it requested and what went wrong."""

    page: object
    origin: str
    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    response: object = None

    def open(self, path):
        self.response = self.page.goto(self.origin + path, wait_until="load")
        return self.response

    def foreign_requests(self):
        """Requests that left our origin (``data:`` URLs are inline, not requests)."""
        own = urlsplit(self.origin).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme != "data" and urlsplit(url).netloc != own
        ]

    def unexpected_console_errors(self):
        """Console errors, except Chromium's note about the error status of the page itself."""
        document = self.response.url if self.response else None
        return [
            f"{message.text} ({message.location.get('url')})"
            for message in self.console_errors
            if not (
                message.location.get("url") == document
                and message.text.startswith("Failed to load resource")
            )
        ]

    def horizontal_overflow(self):
        """How many CSS pixels the document is wider than the viewport."""
        return self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def axe_violations(axe, page):
    """WCAG 2.1 A and AA violations on the page, as a readable report ('' when none)."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return results.generate_report() if results.violations_count else ""


def screenshot(visit, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
