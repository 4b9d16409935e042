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
    blocked: list = field(default_factory=list)
    response: object = None

    def open(self, path):
        self.response = self.page.goto(self.origin + path, wait_until="load")
        return self.response

    def is_own(self, url):
        """Whether ``url`` is ours: our origin, or inline (``data:``, ``blob:``)."""
        parts = urlsplit(url)
        return parts.scheme in {"data", "blob"} or parts.netloc == urlsplit(self.origin).netloc

    def intercept(self, route):
        """Let requests to our origin through; block and remember every other one."""
        if self.is_own(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def foreign_requests(self):
        """Requests that tried to leave our origin, blocked or seen."""
        seen = [url for url in self.requests if not self.is_own(url)]
        return sorted(set(self.blocked + seen))

    def cookies(self):
        """Names of the cookies the browser holds for this tab."""
        return [cookie["name"] for cookie in self.page.context.cookies()]

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
