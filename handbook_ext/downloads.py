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

from dataclasses import dataclass
from pathlib import Path

from babel.units import format_unit
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import languages


SIZE_CLASS = "handbook-book-size"
METADATA_KEY = "handbook-downloads"


@dataclass(frozen=True)
class Book:
    """One file per language on the downloads page; ``label`` is the index of its label in the directive."""

    template: str  # the file name, with {lang}
    media_type: str
    label: int

    def name(self, code: str) -> str:
        return self.template.format(lang=code)


# In the order of the directive's labels: e-book, book to print, signals sheet.
BOOKS = (
    Book("handbook-{lang}.epub", "application/epub+zip", 0),  # as handbook_ext.metadata names it (epub_basename)
    Book("handbook-{lang}.pdf", "application/pdf", 1),  # tools/pdf
    Book("signals-{lang}.pdf", "application/pdf", 2),
)


def epub_name(code: str) -> str:
    return BOOKS[0].name(code)


def book_names(code: str) -> list[str]:
    return [book.name(code) for book in BOOKS]


class downloads_list(nodes.General, nodes.Element):  # noqa: N801
    """Where the directive stood, holding its labels; filled per builder by :class:`FillDownloads`."""


class book_link(nodes.General, nodes.TextElement):  # noqa: N801
    """A link to one book, with its hreflang and media type."""


class DownloadsDirective(SphinxDirective):
    """The labels are the directive's content, a list, so that they are translated like any paragraph."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        self.env.metadata[self.env.docname][METADATA_KEY] = True  # the pages to rewrite when a size changes
        holder = downloads_list()
        self.state.nested_parse(self.content, self.content_offset, holder)
        labels = [item.next_node(nodes.paragraph) for lst in holder.findall(nodes.bullet_list) for item in lst.children]
        if len(labels) != len(BOOKS) or None in labels:
            return [self.state.document.reporter.error(
                f"handbook-downloads needs a list of {len(BOOKS)} labels: the e-book, the book to print "
                "and the signals sheet.", line=self.lineno)]  # fmt: skip
        return [holder]


class FillDownloads(SphinxPostTransform):
    default_priority = 100
    formats = ("html",)  # the web edition and the EPUB (the gettext builder extracts the labels as they are)

    def run(self, **kwargs) -> None:
        for placeholder in list(self.document.findall(downloads_list)):
            labels = [item.next_node(nodes.paragraph).astext()
                      for lst in placeholder.findall(nodes.bullet_list) for item in lst.children]  # fmt: skip
            placeholder.replace_self(self.entries(labels))

    def entries(self, labels: list[str]) -> nodes.bullet_list:
        in_epub = self.app.builder.name == "epub"
        depth = self.env.docname.count("/") + 1  # from the page up to the site's root
        base = self.config.html_baseurl.rstrip("/") + "/"
        sizes = {} if in_epub else book_sizes(self.app)
        items = nodes.bullet_list(classes=["handbook-downloads"])
        own = self.config.language
        for lang in sorted(languages.languages().values(), key=lambda lang: lang.code != own):
            # The book's title and the language's own name, each marked as being in that language.
            heading = nodes.paragraph()
            heading += nodes.strong("", "", nodes.inline("", lang.title, classes=[f"language-{lang.code}"]))
            heading += [nodes.Text(" ("), nodes.inline("", lang.name, classes=[f"language-{lang.code}"]), nodes.Text(")")]
            files = nodes.bullet_list()
            for book in BOOKS:
                href = (base if in_epub else "../" * depth) + "downloads/" + book.name(lang.code)
                line = nodes.paragraph()
                line += book_link("", labels[book.label], href=href, hreflang=lang.code,
                                  media_type=book.media_type, download=not in_epub)  # fmt: skip
                if in_epub:  # the address, on a line of its own, for readers who cannot follow links
                    line += nodes.inline("", href.split("://", 1)[-1], classes=["link-target", "handbook-address"])
                elif sizes.get(book.name(lang.code)):
                    line += [nodes.Text(", "), nodes.inline("", sizes[book.name(lang.code)], classes=[SIZE_CLASS])]
                files += nodes.list_item("", line)
            items += nodes.list_item("", heading, files)
        return items


def visit_book_link_html(self, node: book_link) -> None:
    attributes = {"href": node["href"], "hreflang": node["hreflang"], "type": node["media_type"]}
    if node["download"]:
        attributes["download"] = ""
    self.body.append(self.starttag(node, "a", "", CLASS="reference external", **attributes))


def depart_book_link_html(self, node: book_link) -> None:
    self.body.append("</a>")


def format_size(size: int, lang: str) -> str:
    """Bytes → "140 kB" / "1,2 Mo", in the page language's usage."""
    # The language's locale in pyproject.toml (nl_BE, fr_BE, en_GB); for these
    # units Babel writes en_GB exactly as en, which this used before.
    locale = languages.locale(lang)
    if size >= 1_000_000:
        text = format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=locale, format="#,##0.0")
    else:
        text = format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return text.replace(" ", "\u00a0")  # "387 kB" never breaks (French CLDR already has a narrow no-break space)


def sizes_in(books: Path, lang: str) -> dict[str, str]:
    """File name → size in ``lang``'s usage, of every book in the folder ``books``.

    The web edition shows these; tools/build_site.py compares them with the last
    build's to know whether the downloads pages must be written again.
    """
    return {
        name: format_size((books / name).stat().st_size, lang)
        for name in sorted(name for code in languages.languages() for name in book_names(code))
        if (books / name).is_file()
    }


def book_sizes(app: Sphinx) -> dict[str, str]:
    if not app.config.handbook_books_dir:
        return {}  # a web edition built on its own (make html): no sizes
    return sizes_in(Path(app.config.handbook_books_dir), app.config.language)


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
    app.add_node(book_link, html=(visit_book_link_html, depart_book_link_html))
    app.add_config_value("handbook_books_dir", "", "", types=(str,))
    app.connect("env-get-updated", pages_to_write)
