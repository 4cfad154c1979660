"""A "page not found" page in each edition's language: ``<lang>/404.html``.

Web builder only (the EPUB has no use for it). Its text lives in the
template (``handbook/404.html``) and in sphinx.po, so it is translated with
the interface.

A web server shows this page for any unknown address below ``/<lang>/``, at
any depth (``/nl/a/b/c.html``), so relative links would break. After the
build every relative address in it is made root-relative from the path of
``html_baseurl``: ``_static/styles/furo.css`` becomes ``/nl/_static/styles/furo.css``.
Server configuration, e.g. nginx: ``location /nl/ { error_page 404 /nl/404.html; }``;
the site's root ``404.html`` is the English one (see :func:`copy_root_page`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx

from . import languages
from .seo import site_path
from .web_chrome import is_web

PAGENAME = "404"
TEMPLATE = "404.html"
# href, src and action values that are relative: no scheme, not root-relative, not a fragment.
RELATIVE_URL = re.compile(r'(?P<attr>\b(?:href|src|action)=")(?!(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#))(?P<url>[^"]*)"')
CONTENT_ROOT = re.compile(r'data-content_root="[^"]*"')


def collect_page(app: Sphinx):
    if not is_web(app):
        return
    # The language switcher on this page leads to each edition's home page.
    yield PAGENAME, {"handbook_switcher_target": app.config.root_doc, "handbook_not_found": True}, TEMPLATE


def root_relative(html: str, folder: str) -> str:
    """Resolve every relative address in ``html`` against ``folder`` (e.g. ``/nl/``)."""
    html = RELATIVE_URL.sub(lambda m: f'{m["attr"]}{urljoin(folder, m["url"])}"', html)
    return CONTENT_ROOT.sub(f'data-content_root="{folder}"', html)


def make_links_root_relative(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web(app):
        return
    page = Path(app.outdir, f"{PAGENAME}.html")
    folder = f"{site_path(app)}{app.config.language}/"
    page.write_text(root_relative(page.read_text(encoding="utf-8"), folder), encoding="utf-8")


def copy_root_page(site: Path) -> None:
    """The site's root 404.html: the English edition's (its links are root-relative already)."""
    codes = [languages.SOURCE_LANGUAGE, *languages.languages()]
    for source in (site / code / f"{PAGENAME}.html" for code in codes):
        if source.is_file():
            shutil.copy2(source, site / f"{PAGENAME}.html")
            return


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_page)
    app.connect("build-finished", make_links_root_relative)
