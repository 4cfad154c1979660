"""A "page not found" page in each edition's language: ``<lang>/404.html``.

sphinx-notfound-page writes the page (web builder only) and makes its
addresses root-relative, since a web server shows it for any unknown address
below ``/<lang>/``, at any depth (``/nl/a/b/c.html``): everything Sphinx links
through ``pathto``, ``toctree``, ``css_tag`` and ``js_tag`` becomes
``/nl/…``. Its text lives in the template (``handbook/404.html``) and in
sphinx.po, so it is translated with the interface.

What stays here is what the package cannot do:

- its settings per language: ``notfound_urls_prefix`` is the path of
  ``html_baseurl`` plus the language (``/nl/``), known only once the language is;
- the two addresses on the page that do not come from ``pathto``: the
  language switcher's links to the other editions' home pages and the page's
  ``data-content_root``;
- the site's root ``404.html``, the English one (tools/assemble.py copies it).

Server configuration, e.g. nginx: ``location /nl/ { error_page 404 /nl/404.html; }``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from . import languages
from .seo import site_path
from .web_chrome import is_web

PAGENAME = "404"  # sphinx-notfound-page's default notfound_pagename
TEMPLATE = "404.html"


def configure(app: Sphinx, config: Config) -> None:
    config.notfound_template = TEMPLATE
    # The language switcher on this page leads to each edition's home page.
    config.notfound_context = {"handbook_switcher_target": config.root_doc, "handbook_not_found": True}
    config.notfound_urls_prefix = f"{site_path(app)}{config.language}/"


def root_relative_rest(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The addresses the package leaves relative: the other editions' and the content root."""
    if pagename != PAGENAME or not is_web(app):
        return
    site = site_path(app)
    home = app.builder.get_target_uri(app.config.root_doc)
    for link in context.get("handbook_switcher", []):
        link["href"] = f"{site}{link['code']}/{home}"
    context["content_root"] = app.config.notfound_urls_prefix


def setup(app: Sphinx) -> None:
    app.setup_extension("notfound.extension")
    app.connect("config-inited", configure)
    app.connect("html-page-context", root_relative_rest, priority=600)  # after the language switcher (500)
