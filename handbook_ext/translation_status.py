"""The *Translation status* page, and the counts ``make stats`` prints.

In the page::

    .. translation-status::

       - Language
       - Page
       - Translated
       - Needs review
       - Not translated
       - All pages
       - published
       - draft

The eight list items are the table's words, in this order. They are ordinary
text of the page, so they are translated in the page's own PO file like any
other sentence; the numbers are counted from the PO files when the page is
built (this page is re-read on every build, so they are never stale). Page
names are links whose text is the page's title in the reader's language.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass
from pathlib import Path

import polib
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from . import languages

LABELS = ("language", "page", "translated", "fuzzy", "untranslated", "all_pages", "published", "draft")
METADATA_KEY = "handbook-translation-status"


@dataclass(frozen=True)
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.translated + other.translated, self.fuzzy + other.fuzzy,
                      self.untranslated + other.untranslated)  # fmt: skip


def count_entries(po: polib.POFile) -> Counts:
    """Translated / fuzzy / untranslated messages of one catalog (obsolete entries do not count)."""
    translated = fuzzy = untranslated = 0
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            fuzzy += 1
        elif entry.translated():
            translated += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


def count(po_path: Path) -> Counts:
    """One catalog's counts; parsed once per content in a process (a build counts every catalog often)."""
    return _count_content(Path(po_path).read_bytes())


@functools.lru_cache(maxsize=512)
def _count_content(data: bytes) -> Counts:
    return count_entries(polib.pofile(data.decode("utf-8")))


def page_catalogs(locale_dir: Path, lang: str) -> dict[str, Path]:
    """docname -> PO file, for every page of one language (not the interface catalog)."""
    lc_dir = locale_dir / lang / "LC_MESSAGES"
    found = {}
    for path in sorted(lc_dir.rglob("*.po")):
        if path.parent == lc_dir and path.name == languages.INTERFACE_CATALOG:
            continue
        found[path.relative_to(lc_dir).with_suffix("").as_posix()] = path
    return found


def language_counts(locale_dir: Path, lang: str) -> dict[str, Counts]:
    return {docname: count(path) for docname, path in page_catalogs(locale_dir, lang).items()}


# -- the directive ---------------------------------------------------------------------
#
# The directive leaves a placeholder holding the eight label paragraphs: there
# the gettext builder extracts them and Sphinx's Locale transform translates
# them like any paragraph. When the page is written (doctree-resolved), the
# placeholder becomes the table, built from the labels' translated text.


class translation_status(nodes.General, nodes.Element):
    """Placeholder; replaced by the table when the page is written."""


class TranslationStatus(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        holder = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, holder)
        items = [item for lst in holder.findall(nodes.bullet_list) for item in lst.children]
        paragraphs = [item.next_node(nodes.paragraph) for item in items]
        if len(paragraphs) != len(LABELS) or None in paragraphs:
            return [self.state.document.reporter.error(
                f"translation-status needs a bullet list of {len(LABELS)} words as its content, "
                "in this order: Language, Page, Translated, Needs review, Not translated, "
                "All pages, published, draft.", line=self.lineno)]  # fmt: skip
        self.env.metadata[self.env.docname][METADATA_KEY] = True
        placeholder = translation_status()
        placeholder.extend(paragraphs)
        return [placeholder]


def locale_dir(app: Sphinx) -> Path:
    path = Path(app.config.locale_dirs[0])
    return path if path.is_absolute() else Path(app.srcdir, path)


def _row(*cells: nodes.Node | str, classes: tuple[str, ...] = ()) -> nodes.row:
    row = nodes.row(classes=list(classes))
    for cell in cells:
        para = nodes.paragraph()
        para += nodes.Text(cell) if isinstance(cell, str) else cell
        row += nodes.entry("", para)
    return row


def build_table(app: Sphinx, docname: str, labels: dict[str, str]) -> nodes.table:
    env = app.env
    table = nodes.table(classes=["translation-status"])
    group = nodes.tgroup(cols=5)
    table += group
    for width in (3, 5, 2, 2, 2):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(*(labels[k] for k in ("language", "page", "translated", "fuzzy", "untranslated")))
    body = nodes.tbody()
    group += body
    for lang in languages.translations():
        per_page = language_counts(locale_dir(app), lang.code)
        total = sum(per_page.values(), Counts())
        name = nodes.inline("", "", classes=[f"language-{lang.code}"])  # docutils writes lang="…"
        name += nodes.Text(lang.name)
        label = nodes.inline("", "", classes=[f"status-{lang.status}"])
        label += nodes.Text(f" ({lang.code}, {labels['published' if lang.published else 'draft']})")
        summary = nodes.strong(labels["all_pages"], labels["all_pages"])
        language_cell = nodes.inline()
        language_cell += [name, label]
        body += _row(language_cell, summary, *numbers(total), classes=("status-total",))
        for page in sorted(set(per_page) | set(env.found_docs)):
            body += _row("", page_link(app, docname, page), *numbers(per_page.get(page)))
    return table


def numbers(counts: Counts | None) -> list[str]:
    if counts is None:  # a page without a PO file yet: make update-po creates it
        return ["—", "—", "—"]
    return [str(counts.translated), str(counts.fuzzy), str(counts.untranslated)]


def page_link(app: Sphinx, fromdoc: str, page: str) -> nodes.Node:
    if page not in app.env.found_docs:
        return nodes.literal(page, page)  # a PO file whose page is gone: make update-po moves it
    title = app.env.titles[page].astext() if page in app.env.titles else page
    ref = nodes.reference("", title, internal=True)
    try:
        ref["refuri"] = app.builder.get_relative_uri(fromdoc, page)
    except Exception:  # builders without URIs
        return nodes.Text(title)
    return ref


def replace_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    from sphinx.builders.gettext import MessageCatalogBuilder

    if isinstance(app.builder, MessageCatalogBuilder):
        return  # the gettext builder extracts the label paragraphs as they are
    for node in list(doctree.findall(translation_status)):
        labels = {key: para.astext() for key, para in zip(LABELS, node.children, strict=True)}
        node.replace_self(build_table(app, docname, labels))


def always_reread(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """The status page's numbers come from the PO files: re-read it on every build."""
    return [docname for docname, meta in env.metadata.items() if meta.get(METADATA_KEY)]


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(translation_status, html=(_skip, None), epub=(_skip, None), text=(_skip, None),
                 latex=(_skip, None), man=(_skip, None), texinfo=(_skip, None))  # fmt: skip
    app.add_directive("translation-status", TranslationStatus)
    app.connect("doctree-resolved", replace_placeholders)
    app.connect("env-get-outdated", always_reread)
