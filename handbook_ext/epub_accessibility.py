"""Accessibility metadata for the EPUBs (EPUB Accessibility 1.1, schema.org).

Each claim states what the book does: text throughout (the only image is
the cover, whose text is in its alt and in the title), a table of contents,
headings for every section, a reading order that follows the text, no
flashing, sound or motion. The conformance claim is checked by
tests/test_epub.py (EPUBCheck, and axe's WCAG 2.1 A/AA rules on a rendered
chapter). The summary is in the book's language (``sphinx.po``).
"""

from __future__ import annotations

import html

from sphinx.locale import get_translation

_ = get_translation("sphinx")

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

FEATURES = ["tableOfContents", "structuralNavigation", "readingOrder", "alternativeText"]


def metadata(builder) -> list[tuple[str, str]]:
    """``(property, value)`` pairs for ``<meta property=…>`` in content.opf."""
    summary = str(_(
        "This e-book is text with headings for every section, a table of contents and a "
        "reading order that follows the text. The only image is the cover, which shows the "
        "title. It has no sound, video, animation or flashing content. It meets WCAG 2.1 "
        "level AA."
    ))  # fmt: skip
    entries = [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),  # the cover
        ("schema:accessModeSufficient", "textual"),
        *(("schema:accessibilityFeature", feature) for feature in FEATURES),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMANCE),
        ("a11y:certifiedBy", str(_("The handbook's authors and translators"))),
    ]
    return [(prop, html.escape(value)) for prop, value in entries]
