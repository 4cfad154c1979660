"""Which messages of a page have no translation: one detector, two consumers.

Right after Sphinx's Locale transform, every translatable message of a page in
a translated language is looked at once, with one rule (:func:`has_translation`),
and the untranslated ones are kept per page in the environment, with their
line. Keeping them in the environment means an incremental build that does
not re-read a page still knows them. Two features use the result:

* :mod:`.completeness`: in a published language they are a build error;
* :mod:`.draft_banner`: in a draft language the page gets a banner.

The catalogs are read the way Sphinx finds them (``gettext.find`` over
``locale_dirs``, the first directory winning) and parsed with Babel's public
``read_mo``; no private attribute of Sphinx's loaded translators is used.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import NamedTuple

from babel.messages.mofile import read_mo
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages, get_node_line

from . import languages

STORE = "handbook_untranslated"  # env attribute: docname → list of Untranslated


class Untranslated(NamedTuple):
    line: int  # 0 when docutils does not know it
    message: str  # the English text, as in the PO file's msgid


def catalog(locale_dirs: list[Path], language: str, domain: str) -> dict[str, str]:
    """msgid → msgstr of one page's compiled catalogs, as Sphinx's Locale transform sees them."""
    wanted = [language, language.split("_")[0]] if "_" in language else [language]  # as sphinx.locale does
    found = [mo for directory in locale_dirs for mo in gettext.find(domain, str(directory), wanted, all=True)]
    merged: dict[str, str] = {}
    for path in reversed(found):  # the first found wins
        with open(path, "rb") as mo:
            merged |= {m.id: m.string for m in read_mo(mo) if m.id and isinstance(m.id, str) and not m.context}
    return merged


def has_translation(node: nodes.Element, message: str, translations: dict[str, str]) -> bool:
    """The one rule: Locale translated the node, or the catalog has a non-blank msgstr for it.

    The catalog is asked too because Sphinx leaves a translated toctree caption
    marked ``translated=False`` (a translation identical to the English, such
    as "Child Focus", Sphinx 9 marks ``True``). A fuzzy entry is not in the
    compiled catalog, so it counts as untranslated.
    """
    return node.get("translated") is True or bool(translations.get(message, "").strip())


def found(env: BuildEnvironment) -> dict[str, list[Untranslated]]:
    """docname → its untranslated messages (pages of the source language are never looked at)."""
    if not hasattr(env, STORE):
        setattr(env, STORE, {})
    return getattr(env, STORE)


class FindUntranslated(SphinxTransform):
    default_priority = 26  # right after Locale (20) and Sphinx's progress count (25)

    def apply(self, **kwargs) -> None:
        code = self.config.language
        if not code or code == languages.SOURCE_LANGUAGE:
            return
        from sphinx.builders.gettext import MessageCatalogBuilder

        if issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        docname = self.env.current_document.docname
        dirs = [Path(self.env.srcdir, d) for d in self.config.locale_dirs]
        translations = catalog(dirs, code, docname_to_domain(docname, self.config.gettext_compact))
        missing = []
        for node, message in extract_messages(self.document):
            if not has_translation(node, message, translations):
                try:
                    line = get_node_line(node)
                except ValueError:
                    line = 0
                missing.append(Untranslated(line, message))
        found(self.env)[docname] = missing


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    found(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in found(other):
            found(env)[docname] = found(other)[docname]


def setup(app: Sphinx) -> None:
    app.add_transform(FindUntranslated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
