"""Apostrophes next to inline markup stay apostrophes.

Docutils' smart quotes see a straight ``'`` at the edge of a text node as a
quotation mark: French ``l':term:`aide à la jeunesse <youth care>``` came out
as « l” aide ». Before smart quotes run, an apostrophe that joins a word to
the neighbouring inline element (a link, a term, emphasis) becomes the
typographic apostrophe (U+2019), which smart quotes leave alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

APOSTROPHE = "\u2019"
WORD_THEN_APOSTROPHE_AT_END = re.compile(r"(\w)'$")
APOSTROPHE_THEN_WORD_AT_START = re.compile(r"^'(\w)")


class ApostrophesNextToMarkup(SphinxTransform):
    default_priority = 700  # after translation (20), before SmartQuotes (750)

    def apply(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, nodes.FixedTextElement | nodes.literal):
                continue
            index = parent.index(text)
            new = str(text)
            if index + 1 < len(parent.children):  # an inline element follows
                new = WORD_THEN_APOSTROPHE_AT_END.sub(rf"\1{APOSTROPHE}", new)
            if index > 0:  # an inline element precedes
                new = APOSTROPHE_THEN_WORD_AT_START.sub(rf"{APOSTROPHE}\1", new)
            if new != str(text):
                parent.replace(text, nodes.Text(new))


def setup(app: Sphinx) -> None:
    app.add_transform(ApostrophesNextToMarkup)
