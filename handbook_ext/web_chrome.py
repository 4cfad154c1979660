"""The web edition's page chrome around Furo: assets, accessible landmarks, print.

Everything here is for the ``html`` builder only; the EPUB has its own theme
and must not carry web-only markup, so every hook checks the builder first.

- ``handbook.css`` and ``handbook.js`` (in the ``handbook`` theme's static
  folder, so the EPUB never copies them) are added to every web page. The
  script is a file, never inline, so a strict Content-Security-Policy works.
- Furo's sidebar captions carry ``role="heading"`` without a level; they get
  ``aria-level="2"``. Its expand switches are named in English ("Toggle
  navigation of …", hard-coded in furo/navigation.py): they are named in the
  reader's language (sphinx.po).
- A ``tel:`` link whose text is not its number gets the number after it, for
  print only (the print stylesheet shows web addresses with ``attr(href)``).
"""

from __future__ import annotations

import re

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

_ = get_translation("sphinx")  # our sphinx.po comes first in locale_dirs

WEB_BUILDERS = ("html",)
CAPTION = '<p class="caption" role="heading">'
CAPTION_WITH_LEVEL = '<p class="caption" role="heading" aria-level="2">'
FURO_SWITCH_NAME = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


def is_web(app: Sphinx) -> bool:
    """Is this the web edition? Every web-only hook of handbook_ext asks this (never the EPUB)."""
    return app.builder is not None and app.builder.name in WEB_BUILDERS


def add_assets(app: Sphinx) -> None:
    if is_web(app):
        app.add_css_file("handbook.css", priority=900)  # after Furo's and sphinx-design's
        app.add_js_file("handbook.js", priority=900)


def switch_name(match: re.Match) -> str:
    title = html.unescape(match.group(1))
    return f'aria-label="{html.escape(_("Toggle navigation of %s") % title)}"'


def accessible_sidebar(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    for key in ("furo_navigation_tree", "body"):  # the sidebar, and toctrees in the page
        if context.get(key):
            context[key] = FURO_SWITCH_NAME.sub(switch_name, context[key].replace(CAPTION, CAPTION_WITH_LEVEL))


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_after_phone_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_web(app):
        return
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith("tel:"):
            continue
        number = uri.removeprefix("tel:")
        if digits(ref.astext()) == digits(number):
            continue  # the text already is the number
        ref.parent.insert(
            ref.parent.index(ref) + 1,
            nodes.inline("", f" ({number})", classes=["handbook-print-only"]),
        )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", accessible_sidebar, priority=600)  # after Furo's
    app.connect("doctree-resolved", number_after_phone_links)
