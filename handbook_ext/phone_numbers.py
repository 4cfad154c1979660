"""Phone numbers never break across lines.

A help number split over two lines (``116`` at the end of one, ``000`` at the
start of the next) is easily misread or misdialled. After translation, in
every language and every builder, this post-transform turns the ordinary
spaces inside phone numbers into no-break spaces (U+00A0):

- every space in the text of a ``tel:`` link;
- the spaces inside any other number written in spaced groups of digits
  (``116 000``, ``03 201 16 90``, ``+32 3 201 16 90``), wherever the text
  mentions it without a link.

Writers and translators type ordinary spaces; the build does the rest, so it
never depends on a translation. Literal text (code, file names) is left alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

NBSP = "\u00a0"
# Groups of digits joined by single spaces, each group after the first of at
# least two digits, with an optional "+32 "-style prefix: 116 000,
# 03 201 16 90, +32 3 201 16 90. Dates (23 December 2016) and ranges
# (12 to 18) have words between their numbers and do not match.
SPACED_NUMBER = re.compile(r"(?<![\w+])(?:\+\d+ )?\d+(?: \d{2,})+(?!\w)")


def keep_together(text: str) -> str:
    """``text`` with the spaces inside every spaced phone number made no-break."""
    return SPACED_NUMBER.sub(lambda match: match.group(0).replace(" ", NBSP), text)


def _in_tel_link(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.reference):
            return node.get("refuri", "").startswith("tel:")
        node = node.parent
    return False


class KeepPhoneNumbersTogether(SphinxPostTransform):
    default_priority = 900  # late: after references are resolved and other post-transforms

    def run(self, **kwargs) -> None:
        if self.app.builder.name == "gettext":
            return  # the message catalogs keep the text as written
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, nodes.FixedTextElement | nodes.literal):
                continue  # code and file names stay as written
            old = str(text)
            new = old.replace(" ", NBSP) if _in_tel_link(parent) else keep_together(old)
            if new != old:
                parent.replace(text, nodes.Text(new))


def setup(app: Sphinx) -> None:
    app.add_post_transform(KeepPhoneNumbersTogether)
