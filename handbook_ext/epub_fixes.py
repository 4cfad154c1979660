"""The EPUB editions: valid EPUB 3 in the reader's language, reproducible.

Sphinx's own EPUB builder is replaced by a subclass (same name, ``epub``)
that:

- renders pages with its own theme and package templates
  (``source/_templates/epub/``), not with the web edition's Furo templates
  from ``templates_path``;
- puts ``lang`` and ``xml:lang`` on every XHTML file, and writes the
  navigation document, the guide, the author, publisher, rights and
  description in the book's language (strings from ``sphinx.po``);
- uses one NCName identifier in content.opf and toc.ncx;
- shows an external link's address after it only where the link text does
  not already show it.

A post-transform turns sphinx-design's interactive components into plain
book structure before sphinx-design makes HTML of them: tabs become headed
sections, dropdowns open headed blocks, SVG icons are dropped.

On ``build-finished`` the EPUB is repacked deterministically (see
:func:`repack`). The cover and the accessibility metadata live in
``epub_cover`` and ``epub_accessibility``.
"""

from __future__ import annotations

import html
import os
import re
import stat
import time
import zipfile
from pathlib import Path
from types import MethodType
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import _epub_base
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import epub_accessibility, languages

_ = get_translation("sphinx")  # our sphinx.po comes first in locale_dirs

ROOT = Path(__file__).resolve().parent.parent
EPUB_TEMPLATES = ROOT / "source" / "_templates" / "epub"
PACKAGE_TEMPLATES = EPUB_TEMPLATES / "package"
THEME_NAME = "handbook_epub"
THEME_DIR = EPUB_TEMPLATES / "theme"

# The first entries of every EPUB, in this order; the rest follow sorted.
ZIP_HEAD = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", "nav.xhtml"]
# 1980-01-01 is the earliest time a zip entry can hold.
ZIP_EPOCH_MIN = 315532800


class HandbookEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with the handbook's fixes (see the module docstring)."""

    template_dir = PACKAGE_TEMPLATES

    def init(self) -> None:
        super().init()
        lang = self.config.epub_language
        self.html_tag = (
            f'<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    def init_templates(self) -> None:
        # templates_path holds the web edition's Furo overrides; the EPUB theme
        # must not see them, or page.html extends a base.html it doesn't have.
        saved = self.config.templates_path
        self.config.templates_path = []
        try:
            super().init_templates()
        finally:
            self.config.templates_path = saved

    def create_translator(self, *args: Any) -> nodes.NodeVisitor:
        # Once any extension registers an "epub" visitor, Sphinx uses the "epub"
        # visitors instead of the "html" ones: sphinx-design's nodes (html only)
        # would be unknown. The EPUB is HTML: take both, "epub" winning.
        translator = super().create_translator(*args)
        handlers = self._registry.translation_handlers
        for name, (visit, depart) in handlers.get("html", {}).items():
            if name in handlers.get(self.name, {}):
                continue
            setattr(translator, f"visit_{name}", MethodType(visit, translator))
            if depart:
                setattr(translator, f"depart_{name}", MethodType(depart, translator))
        return translator

    @property
    def guide_titles(self) -> dict[str, str]:  # type: ignore[override]
        return {"toc": str(_("Table of Contents")), "cover": str(_("Cover"))}

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        esc = html.escape
        metadata["author"] = esc(str(_("The handbook's authors and translators")))
        metadata["publisher"] = metadata["author"]
        metadata["contributor"] = metadata["author"]
        metadata["copyright"] = esc(str(_("CC BY-SA 4.0, the handbook's authors and translators")))
        metadata["description"] = esc(str(_(
            "A Belgian handbook on teen pimps for parents, professionals and young "
            "people: how they work, the signals, and where to find help."
        )))  # fmt: skip
        metadata["accessibility"] = epub_accessibility.metadata(self)
        metadata["landmarks"] = self.landmarks()
        if self.config.epub_cover:
            metadata["cover_href"] = self.config.epub_cover[0]
        return metadata

    def build_content(self) -> None:
        # The cover page is written during build_content(); one left by the last
        # build would be listed in another place: same input, different bytes.
        Path(self.outdir, self.coverpage_name).unlink(missing_ok=True)
        super().build_content()

    def toc_metadata(self, level: int, navpoints: list) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)  # must equal dc:identifier
        metadata["lang"] = html.escape(self.config.epub_language)
        return metadata

    def landmarks(self) -> list[tuple[str, str, str]]:
        """``(epub:type, title, href)`` for the nav's landmarks and the guide."""
        entries = [
            ("cover", self.guide_titles["cover"], self.coverpage_name),
            ("toc", self.guide_titles["toc"], "nav.xhtml"),
            ("bodymatter", str(_("Start of content")), self.config.root_doc + self.out_suffix),
        ]
        return [
            (kind, html.escape(title), html.escape(href))
            for kind, title, href in entries
            if kind != "cover" or self.config.epub_cover
        ]

    def navigation_doc_metadata(self, navlist: list) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        metadata["title"] = html.escape(self.config.epub_title)
        metadata["landmarks_title"] = html.escape(str(_("Landmarks")))
        metadata["landmarks"] = self.landmarks()
        return metadata

    def add_css_file(self, filename: str, **kwargs: Any) -> None:
        # sphinx-design's web stylesheet lays cards out in rows that e-readers
        # cannot show; handbook-epub.css styles them as plain blocks.
        if "sphinx-design" not in filename:
            super().add_css_file(filename, **kwargs)

    def add_visible_links(self, tree: nodes.document, show_urls: str = "inline") -> None:
        if show_urls != "inline":
            super().add_visible_links(tree, show_urls)
            for rubric in tree.findall(nodes.rubric):  # "footnote" adds an English one
                if rubric.astext() == _epub_base.FOOTNOTES_RUBRIC_NAME:
                    rubric.children = [nodes.Text(str(_("Footnotes")))]
            return
        for node in list(tree.findall(nodes.reference)):
            uri = node.get("refuri", "")
            if not uri.startswith(("http:", "https:")) or shows_address(node.astext(), uri):
                continue
            address = readable_address(uri)
            target = nodes.inline(address, f" ({address})", classes=[self.css_link_target_class])
            node.parent.insert(node.parent.index(node) + 1, target)


def readable_address(uri: str) -> str:
    """``https://www.example.be/a/`` → ``www.example.be/a``: what a reader types."""
    parts = urlsplit(uri)
    address = parts.netloc + parts.path.rstrip("/")
    return address + (f"?{parts.query}" if parts.query else "")


def shows_address(text: str, uri: str) -> bool:
    """Whether a link's text already tells the reader where it goes."""
    address = readable_address(uri).lower()
    bare = re.sub(r"^www\.", "", address)
    text = text.lower().strip()
    return bare in text or address in text or uri.lower() in text


class BookStructure(SphinxPostTransform):
    """sphinx-design's interactive components, as a printed book has them.

    Runs before sphinx-design's own HTML transforms (priorities 199, 200),
    which would otherwise write radio buttons, ``<details>`` and SVG.
    """

    default_priority = 150
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(is_design("tab-set"))):
            self.unfold_tabs(tab_set)
        for dropdown in list(self.document.findall(is_design("dropdown"))):
            self.open_dropdown(dropdown)
        for icon in list(self.document.findall(is_icon)):
            icon.parent.remove(icon)
        for link in self.document.findall(nodes.reference):
            if "sd-stretched-link" in link["classes"]:
                # A card's link covers the card on the web; in a book, show it.
                link["classes"] = [c for c in link["classes"] if not c.startswith("sd-")]
                link["classes"].append("handbook-card-link")
        for meta in self.document.findall(nodes.meta):
            meta.attributes.pop("translated", None)  # i18n's marker, not XHTML

    def unfold_tabs(self, tab_set: nodes.Element) -> None:
        level = heading_level(tab_set)
        block = nodes.container("", is_div=True, classes=["handbook-tab-set"], ids=tab_set["ids"])
        for item in tab_set.children:
            if not is_design("tab-item")(item):
                block += item  # hyperlink targets
                continue
            label, content = item.children
            section = nodes.container("", is_div=True, classes=["handbook-tab"], ids=item["ids"])
            section += heading(label, level)
            section += content.children
            block += section
        tab_set.parent.replace(tab_set, block)  # replace_self() would copy sd- classes over

    def open_dropdown(self, dropdown: nodes.Element) -> None:
        block = nodes.container("", is_div=True, classes=["handbook-dropdown"], ids=dropdown["ids"])
        children = list(dropdown.children)
        if dropdown.get("has_title"):
            block += heading(children.pop(0), heading_level(dropdown))
        block += children
        dropdown.parent.replace(dropdown, block)


def is_design(name: str):
    return lambda node: isinstance(node, nodes.Element) and node.get("design_component") == name


def is_icon(node: nodes.Node) -> bool:
    if type(node).__name__ in ("sd_icon", "fontawesome"):
        return True
    return isinstance(node, nodes.raw) and "<svg" in node.astext()


def heading_level(node: nodes.Node) -> int:
    """The level for a heading inside ``node``: one below its section's title."""
    depth = 0
    while node.parent is not None:
        node = node.parent
        depth += isinstance(node, nodes.section)
    return min(depth + 1, 6)


def heading(title: nodes.Element, level: int) -> nodes.rubric:
    rubric = nodes.rubric(title.rawsource, "", *title.children, ids=title.get("ids", []))
    rubric["heading-level"] = level
    rubric["classes"] = ["handbook-heading"]
    return rubric


def zip_timestamp(epoch: int | None = None) -> tuple[int, int, int, int, int, int]:
    if epoch is None:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH_MIN))
    return time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]


def repack(epub: Path, epoch: int | None = None) -> None:
    """Rewrite an EPUB so that the same content always gives the same bytes.

    ``mimetype`` first and stored (the OCF rule), then the package files,
    then every other entry sorted by name; one timestamp (SOURCE_DATE_EPOCH)
    and fixed permissions on every entry; maximum deflate level. ``epoch``
    defaults to SOURCE_DATE_EPOCH.
    """
    with zipfile.ZipFile(epub) as source:
        entries = {info.filename: source.read(info) for info in source.infolist() if not info.is_dir()}
    order = [name for name in ZIP_HEAD if name in entries]
    order += sorted(set(entries) - set(order))
    timestamp = zip_timestamp(epoch)
    partial = epub.with_suffix(".epub.part")
    with zipfile.ZipFile(partial, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.create_system = 3  # Unix, so that the permissions below count
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, entries[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, entries[name], compresslevel=9)
    partial.replace(epub)


def repack_epub(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "epub":
        repack(Path(app.outdir, f"{app.config.epub_basename}.epub"))


def use_epub_theme(app: Sphinx, config: Config) -> None:
    config.epub_theme = THEME_NAME
    # .buildinfo.bak: Sphinx leaves it when the config changed; it is no part of the book.
    config.epub_exclude_files = [*config.epub_exclude_files, "_static/sphinx-design.min.css", ".buildinfo.bak"]
    lang = languages.get(config.language)
    config.epub_language = lang.code


def setup(app: Sphinx) -> None:
    app.add_builder(HandbookEpubBuilder, override=True)
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    app.add_post_transform(BookStructure)
    app.connect("config-inited", use_epub_theme, priority=150)
    app.connect("build-finished", repack_epub)
