"""Sort ``:sorted:`` glossaries in the reader's language.

The glossary directive sorts its entries by their English terms while parsing,
before the terms are translated, so the Dutch and French glossaries came out
in English order. This transform runs after the translation step and sorts
again by the translated term, accents ignored (É files under E).
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


def collation_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class SortGlossaryInReadersLanguage(SphinxTransform):
    default_priority = 900  # after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        for glossary in self.document.findall(addnodes.glossary):
            if not glossary.get("sorted"):
                continue
            for definitions in glossary.findall(nodes.definition_list):
                items = list(definitions.children)
                items.sort(key=lambda item: collation_key(item.next_node(nodes.term).astext()))
                definitions.children = items


def setup(app: Sphinx) -> None:
    app.add_transform(SortGlossaryInReadersLanguage)
