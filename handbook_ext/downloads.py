"""The list of books on the downloads page: every language, its size.

``.. handbook-downloads::`` puts one entry per language (the page's own
first, then pyproject.toml's order) with the book's title and the
language's own name. In the web edition each entry links to
``downloads/handbook-<lang>.epub`` beside the language folders, by a
relative path (it works from file:// too). In an EPUB the entries link to
the website, since the EPUBs are not inside it.

Sizes: tools/build_site.py makes the books first and then the web edition,
telling it where the books are (``handbook_books_dir``); each size is read
when the page is written and formatted for the page's language by Babel
(CLDR): "140 kB", "140 ko", "1,2 MB". When a size shown on a page changes
(another language's book grew), the page is written again.
"""

from __future__ import annotations

from pathlib import Path

from babel.units import format_unit
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import languages


EPUB_MEDIA_TYPE = "application/epub+zip"
SIZE_CLASS = "handbook-epub-size"
METADATA_KEY = "handbook-downloads"


def epub_name(code: str) -> str:
    return f"handbook-{code}.epub"  # as handbook_ext.metadata names it (epub_basename)


class downloads_list(nodes.General, nodes.Element):  # noqa: N801
    """Where the directive stood; filled per builder by :class:`FillDownloads`."""


class epub_link(nodes.General, nodes.TextElement):  # noqa: N801
    """A link to one language's EPUB, with its hreflang and media type."""


class DownloadsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname][METADATA_KEY] = True  # the pages to rewrite when a size changes
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
                size = book_sizes(self.app).get(epub_name(lang.code))
                if size:
                    entry += [nodes.Text(", "), nodes.inline("", size, classes=[SIZE_CLASS])]
                entry += nodes.Text(")")
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


def format_size(size: int, lang: str) -> str:
    """Bytes → "140 kB" / "1,2 Mo", in the page language's usage."""
    # The language's locale in pyproject.toml (nl_BE, fr_BE, en_GB); for these
    # units Babel writes en_GB exactly as en, which this used before.
    locale = languages.locale(lang)
    if size >= 1_000_000:
        return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.0")
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)


def book_sizes(app: Sphinx) -> dict[str, str]:
    """File name → size in the page's language, of every book in ``handbook_books_dir``."""
    if not app.config.handbook_books_dir:
        return {}  # a web edition built on its own (make html): no sizes
    books = Path(app.config.handbook_books_dir)
    return {
        name: format_size((books / name).stat().st_size, app.config.language)
        for name in sorted(epub_name(code) for code in languages.languages())
        if (books / name).is_file()
    }


def pages_to_write(app: Sphinx, env) -> list[str]:
    """The downloads pages, when a size differs from the one they were last written with."""
    if app.builder.name == "epub":
        return []  # the EPUBs show no sizes
    sizes = book_sizes(app)
    written = getattr(env, "handbook_book_sizes_written", {})
    env.handbook_book_sizes_written = {**written, app.builder.name: sizes}
    if written.get(app.builder.name, sizes) == sizes:
        return []
    return sorted(docname for docname, meta in env.metadata.items() if meta.get(METADATA_KEY))


def setup(app: Sphinx) -> None:
    app.add_directive("handbook-downloads", DownloadsDirective)
    app.add_post_transform(FillDownloads)
    app.add_node(downloads_list)
    app.add_node(epub_link, html=(visit_epub_link_html, depart_epub_link_html))
    app.add_config_value("handbook_books_dir", "", "", types=(str,))
    app.connect("env-get-updated", pages_to_write)
