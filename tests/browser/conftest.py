"""Browser fixtures: the built site over http on 127.0.0.1, Debian's Chromium through Playwright.

The site is the session's ``site`` (built once into a temporary folder by
tests/conftest.py). To run these tests against a site you have already built,
set HANDBOOK_TEST_SITE=build/site.

The server stands in for the web host: an unknown address below ``/<lang>/``
gets that edition's 404.html with status 404, any other unknown address the
root 404.html (the deployment's error_page rule).
"""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def site(request) -> Path:
    prebuilt = os.environ.get("HANDBOOK_TEST_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    return request.getfixturevalue("build_dir") / "site"


class SiteHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.command != "GET":
            return super().send_error(code, message, explain)
        edition = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory, edition, "404.html")
        if not edition or not page.is_file():
            page = Path(self.directory, "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


# Our own fixtures, not pytest-playwright's: its session-long Playwright keeps
# an event loop running, and other test files start Playwright themselves.
# This one stops when the last browser test has run (package scope).
@pytest.fixture(scope="package")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, site_url):
    context = browser.new_context(base_url=site_url, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


@dataclass
class Reader:
    """A page that records what it asks for and what goes wrong."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        self.page.on("console", self._console)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def use_theme(self, theme: str) -> None:
        """Furo keeps the reader's choice in localStorage "theme"."""
        self.page.add_init_script(f"localStorage.setItem('theme', {theme!r})")

    def open(self, path: str):
        response = self.page.goto(f"{self.base}/{path.lstrip('/')}")
        self.page.wait_for_load_state("load")
        return response

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base + "/")]


@pytest.fixture
def reader(page, site_url) -> Reader:
    return Reader(page, site_url)
