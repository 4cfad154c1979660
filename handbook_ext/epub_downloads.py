"""The list of e-books on the downloads page: every language, its size.

``.. handbook-downloads::`` puts one entry per language (the page's own
first, then pyproject.toml's order) with the book's title and the
language's own name. In the web
edition each entry links to ``downloads/handbook-<lang>.epub`` beside the
language folders, by a relative path (it works from file:// too). In an
EPUB the entries link to the website, since the EPUBs are not inside it.

Sizes: each language's HTML is built in parallel with (and before) the
EPUBs, so the HTML carries an empty placeholder for the size, which
tools/build_site.py fills with :func:`fill_sizes` once every EPUB is
written and copied into the site; the number is formatted for the page's
language by Babel (CLDR): "140 kB", "140 ko", "1,2 MB".
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.units import format_unit
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import languages


EPUB_MEDIA_TYPE = "application/epub+zip"
SIZE_CLASS = "handbook-epub-size"
SIZE_PLACEHOLDER = re.compile(
    rf'<span class="{SIZE_CLASS}" data-epub="(?P<name>[\w.-]+)">(?P<old>[^<]*)</span>'
)


def epub_name(code: str) -> str:
    return f"handbook-{code}.epub"  # as handbook_ext.metadata names it (epub_basename)


class downloads_list(nodes.General, nodes.Element):  # noqa: N801
    """Where the directive stood; filled per builder by :class:`FillDownloads`."""


class epub_link(nodes.General, nodes.TextElement):  # noqa: N801
    """A link to one language's EPUB, with its hreflang and media type."""


class epub_size(nodes.General, nodes.Inline, nodes.Element):  # noqa: N801
    """The empty placeholder that tools/build_site.py fills with the size."""


class DownloadsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        return [downloads_list()]


class FillDownloads(SphinxPostTransform):
    default_priority = 100

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(downloads_list)):
            placeholder.replace_self(self.entries())

    def entries(self) -> nodes.bullet_list:
        in_epub = self.app.builder.name == "epub"
        depth = self.env.docname.count("/") + 1  # from the page up to the site's root
        base = self.config.html_baseurl.rstrip("/") + "/"
        items = nodes.bullet_list(classes=["handbook-downloads"])
        own = self.config.language
        for lang in sorted(languages.languages().values(), key=lambda lang: lang.code != own):
            href = (base if in_epub else "../" * depth) + "downloads/" + epub_name(lang.code)
            entry = nodes.paragraph()
            entry += epub_link("", lang.title, href=href, hreflang=lang.code, download=not in_epub)
            entry += nodes.Text(" (")
            # The language's own name, marked as being in that language.
            entry += nodes.inline("", lang.name, classes=[f"language-{lang.code}"])
            entry += nodes.Text(", EPUB")
            if in_epub:  # the address, on a line of its own, for readers who cannot follow links
                address = href.split("://", 1)[-1]
                entry += [nodes.Text(")"), nodes.inline("", address, classes=["link-target", "handbook-address"])]
            else:
                entry += [nodes.Text(", "), epub_size(epub=epub_name(lang.code)), nodes.Text(")")]
            items += nodes.list_item("", entry)
        return items


def visit_epub_link_html(self, node: epub_link) -> None:
    attributes = {"href": node["href"], "hreflang": node["hreflang"], "lang": node["hreflang"]}
    attributes["type"] = EPUB_MEDIA_TYPE
    if node["download"]:
        attributes["download"] = ""
    self.body.append(self.starttag(node, "a", "", CLASS="reference external", **attributes))


def depart_epub_link_html(self, node: epub_link) -> None:
    self.body.append("</a>")


def visit_epub_size_html(self, node: epub_size) -> None:
    self.body.append(f'<span class="{SIZE_CLASS}" data-epub="{html.escape(node["epub"])}"></span>')
    raise nodes.SkipNode


def format_size(size: int, lang: str) -> str:
    """Bytes → "140 kB" / "1,2 Mo", in the page language's usage."""
    # The language's locale in pyproject.toml (nl_BE, fr_BE, en_GB); for these
    # units Babel writes en_GB exactly as en, which this used before.
    locale = languages.locale(lang)
    if size >= 1_000_000:
        return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.0")
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)


def fill_sizes(site: Path, langs: list[str]) -> int:
    """Write each EPUB's size into the HTML pages of ``site``; return how many were filled.

    Called by tools/build_site.py after the EPUBs are in ``site/downloads/``.
    """
    filled = 0
    downloads = site / "downloads"
    for lang in langs:
        for page in sorted((site / lang).rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            if SIZE_CLASS not in text:
                continue

            def size(match: re.Match, lang: str = lang) -> str:
                nonlocal filled
                epub = downloads / match["name"]
                if not epub.is_file():
                    return match[0]
                filled += 1
                value = format_size(epub.stat().st_size, lang)
                return f'<span class="{SIZE_CLASS}" data-epub="{match["name"]}">{value}</span>'

            page.write_text(SIZE_PLACEHOLDER.sub(size, text), encoding="utf-8")
    return filled


def setup(app: Sphinx) -> None:
    app.add_directive("handbook-downloads", DownloadsDirective)
    app.add_post_transform(FillDownloads)
    app.add_node(downloads_list)
    app.add_node(epub_link, html=(visit_epub_link_html, depart_epub_link_html))
    app.add_node(epub_size, html=(visit_epub_size_html, None))
