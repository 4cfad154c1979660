"""Search engines and link previews: canonical URL, hreflang, sitemap, description, Open Graph.

The site is ``html_baseurl`` + ``<lang>/`` + page; conf.py takes it from the one
setting, ``languages.base_url()``.

- Every web page's ``<head>`` gets its canonical URL (Sphinx's own lacks the
  language folder), ``<link rel="alternate" hreflang>`` for every edition, and
  ``x-default`` pointing at the English page (the fallback for readers of
  neither Dutch nor French; the root language chooser is one page, not a
  version of each page).
- A meta description in the page's language: the writers' ``.. meta::
  :description:`` (translated through the PO files), else the page's first
  paragraph. Open Graph repeats it with og:title, og:url, og:type and
  og:locale (each language's ``locale`` in pyproject.toml: nl_BE, fr_BE, en_GB).
- Each HTML build writes ``sitemap.xml`` for its edition, every page listing
  its alternates (``xhtml:link``); tools/assemble.py joins them into the
  site's root ``sitemap.xml`` (tools/assemble.py calls it) and writes a
  ``robots.txt`` that names it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from . import languages
from .web_chrome import is_web

_ = get_translation("sphinx")  # our sphinx.po comes first in locale_dirs

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
X_DEFAULT = languages.SOURCE_LANGUAGE
DESCRIPTION_LENGTH = 160
# Pages that are not content: no sitemap entry (search is noindex, the 404 has no URL).
NOT_IN_SITEMAP = {"search", "404"}


def base_url(app: Sphinx) -> str:
    return app.config.html_baseurl.rstrip("/") + "/"


def page_url(app: Sphinx, code: str, pagename: str) -> str:
    return f"{base_url(app)}{code}/{app.builder.get_target_uri(pagename)}"


def alternates(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for every edition, then x-default."""
    pairs = [(code, page_url(app, code, pagename)) for code in languages.languages()]
    return [*pairs, ("x-default", page_url(app, X_DEFAULT, pagename))]


def og_locale(code: str) -> str:
    return languages.locale(code)


def meta_description(doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description":
            return meta.get("content", "")
    return ""


def first_paragraph(doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if not in_aside(paragraph):
            text = re.sub(r"\s+", " ", paragraph.astext()).strip()
            if text:
                return shorten(text)
    return ""


def in_aside(node: nodes.Node) -> bool:
    """Inside an admonition, a sidebar or a topic: not the page's opening words."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.Admonition, nodes.sidebar, nodes.topic)):
            return True
        parent = parent.parent
    return False


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def add_head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    if context.get("handbook_not_found"):
        context["pageurl"] = None  # served at every unknown address: no canonical URL
        return
    code = app.config.language
    url = page_url(app, code, pagename)
    written = meta_description(doctree)
    if doctree is None and pagename == "search":
        written, title = "", _("Search")
        description = _("Search the handbook")
    else:
        title = html.unescape(re.sub(r"<[^>]*>", "", context.get("title") or ""))
        description = written or first_paragraph(doctree)
    context["pageurl"] = url  # Furo writes <link rel="canonical"> from it
    # Sphinx leaks the i18n flag of a translated .. meta:: into its tag: invalid HTML.
    context["metatags"] = context.get("metatags", "").replace(' translated="True"', "")
    context["handbook_seo"] = {
        "url": url,
        "alternates": alternates(app, pagename),
        "title": title,
        # Sphinx already writes the writers' description from .. meta::.
        "description": description,
        "description_needed": not written,
        "locale": og_locale(code),
        "other_locales": [og_locale(other) for other in languages.languages() if other != code],
    }


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web(app):
        return
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for docname in sorted(app.env.found_docs - NOT_IN_SITEMAP):
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page_url(app, app.config.language, docname)
        for hreflang, href in alternates(app, docname):
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href)
    ET.indent(urlset)
    ET.ElementTree(urlset).write(Path(app.outdir, "sitemap.xml"), encoding="utf-8", xml_declaration=True)


def site_path(app: Sphinx) -> str:
    """The path part of html_baseurl ("/" when the site is at the domain's root)."""
    return urlsplit(base_url(app)).path


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_head)
    app.connect("build-finished", write_sitemap)
