"""The site behind a real web server: Debian's nginx with deploy/nginx.conf, checked in Chromium.

The server block is the shipped file with only ``listen`` and ``root``
changed, so what passes here is what a maintainer deploys.
"""

from __future__ import annotations

import html
import re
import socket
from pathlib import Path

import pytest

from conftest import LANGS, ROOT
from tools import serve_site

from .conftest import Reader
from .support import quick_exit_url

NGINX_CONF = serve_site.NGINX_CONF
YEAR = 365 * 24 * 3600
# Every header the README tells a maintainer to send, with its value.
README_HEADERS = {
    "content-security-policy": "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    "strict-transport-security": "max-age=31536000",
}


def configured_headers() -> dict[str, str]:
    """The add_header lines of deploy/nginx.conf."""
    found = {}
    for name, value in re.findall(r'^\s*add_header\s+(\S+)\s+("[^"]*"|\S+)\s+always;', NGINX_CONF.read_text(), re.M):
        found[name.lower()] = value.strip('"')
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(site, tmp_path_factory):
    port = free_port()
    try:
        server = serve_site.start_nginx(site, port, tmp_path_factory.mktemp("nginx"))
    except RuntimeError as exc:
        pytest.fail(str(exc))  # never skipped: the shipped configuration must be tested
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def web_reader(context, nginx_url) -> Reader:
    page = context.new_page()
    # Report every Content-Security-Policy violation, from the header or the page's <meta>.
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return Reader(page, nginx_url)


def first_party(reader: Reader, responses) -> list:
    return [r for r in responses if r.url.startswith(reader.base + "/")]


def test_the_shipped_configuration_sends_the_readme_headers():
    assert configured_headers() == README_HEADERS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "deploy/nginx.conf" in readme, "the README must point to deploy/nginx.conf"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_arrive_with_every_header_compressed_and_without_csp_violations(web_reader, lang):
    responses = []
    web_reader.page.on("response", lambda response: responses.append(response))
    response = web_reader.open(f"{lang}/understanding/signals.html")
    assert response.status == 200
    headers = response.all_headers()
    for name, value in README_HEADERS.items():
        assert headers.get(name) == value, f"{name}: {headers.get(name)!r}"
    kinds = {}
    for item in first_party(web_reader, responses):
        kind = item.request.resource_type
        if kind in {"document", "stylesheet", "script"}:
            kinds.setdefault(kind, []).append(item)
    assert set(kinds) == {"document", "stylesheet", "script"}
    for kind, items in kinds.items():
        for item in items:
            encoding = item.all_headers().get("content-encoding")
            assert encoding == "gzip", f"{kind} {item.url} came back with content-encoding {encoding!r}"
    assert web_reader.page.evaluate("window.__violations") == []
    assert not web_reader.errors


def test_xml_comes_back_gzip_encoded(web_reader):
    for path in ("sitemap.xml", "nl/sitemap.xml"):
        response = web_reader.open(path)
        assert response.status == 200, path
        assert response.all_headers().get("content-encoding") == "gzip", path


@pytest.mark.parametrize("lang", LANGS)
def test_static_files_are_cached_for_a_year(web_reader, lang):
    responses = []
    web_reader.page.on("response", lambda response: responses.append(response))
    web_reader.open(f"{lang}/index.html")
    static = [r for r in first_party(web_reader, responses) if f"/{lang}/_static/" in r.url]
    assert static, "the page loads nothing from _static/"
    for item in static:
        cache_control = item.all_headers().get("cache-control", "")
        assert f"max-age={YEAR}" in cache_control, f"{item.url}: cache-control {cache_control!r}"
        assert item.all_headers().get("x-content-type-options") == "nosniff", "security headers lost"
    page = web_reader.open(f"{lang}/index.html")
    assert "max-age" not in page.all_headers().get("cache-control", ""), "pages themselves must not be cached long"


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_address_gets_the_editions_404_page(web_reader, site, lang):
    for path in (f"{lang}/nowhere", f"{lang}/understanding/nowhere.html"):
        response = web_reader.open(path)
        assert response.status == 404, path
        assert web_reader.page.locator("html").get_attribute("lang") == lang, path
        assert web_reader.page.title() == page_title(site / lang / "404.html"), path
        # Its style sheets load from the edition, whatever the depth of the address.
        assert web_reader.page.evaluate("document.styleSheets.length") > 0
    assert web_reader.page.evaluate("window.__violations") == []


def page_title(path: Path) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1).strip())


def test_an_address_outside_the_editions_gets_the_root_404_page(web_reader, site):
    response = web_reader.open("nowhere/at/all")
    assert response.status == 404
    assert web_reader.page.title() == page_title(site / "404.html")
    assert web_reader.page.evaluate("document.styleSheets.length") > 0


@pytest.mark.parametrize("lang", LANGS)
def test_quick_exit_works_behind_the_server(web_reader, lang):
    neutral = []
    web_reader.page.context.route(
        "https://www.meteo.be/**",
        lambda route: (neutral.append(route.request.url),
                       route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")),
    )  # fmt: skip
    web_reader.open(f"{lang}/help.html")
    assert web_reader.page.evaluate("window.__violations") == []
    web_reader.page.locator(".handbook-exit-button").click()
    web_reader.page.wait_for_url(quick_exit_url(lang))
    assert neutral == [quick_exit_url(lang)]
    assert not web_reader.errors
