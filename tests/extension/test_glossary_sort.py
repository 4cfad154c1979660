"""handbook_ext.glossary_sort: a :sorted: glossary in the order of the reader's language.

The expected orders are written out by hand, as a Dutch or French dictionary
files the words (accents and capitals do not count: école, Écoute-Enfants,
enfant, EPUB, État), not computed with the module's own key.
"""

from __future__ import annotations

import pytest

from .conftest import page

EXPECTED = {
    "en": ["child", "Child Focus", "Écoute-Enfants", "EPUB", "school", "state", "work", "youth care"],
    "nl": ["Child Focus", "Écoute-Enfants", "EPUB", "jeugdhulp", "kind", "school", "staat", "werk"],
    "fr": ["aide à la jeunesse", "Child Focus", "école", "Écoute-Enfants", "enfant", "EPUB", "État", "travail"],
}
UNSORTED = {"en": ["zebra crossing", "alley"], "nl": ["zebrapad", "steeg"], "fr": ["zone piétonne", "allée"]}


@pytest.mark.parametrize("lang", EXPECTED)
def test_a_sorted_glossary_follows_the_translated_terms(project, make_app, lang):
    app = make_app("html", srcdir=project("glossary-sort"), confoverrides={"language": lang})
    app.build()
    assert not app.warning.getvalue()
    sorted_glossary, unsorted_glossary = page(app, "index").select("dl.glossary")
    terms = [dt.get_text().rstrip("¶#").strip() for dt in sorted_glossary.select("dt")]
    assert terms == EXPECTED[lang]
    # A glossary without :sorted: keeps the writer's order.
    assert [dt.get_text().rstrip("¶#").strip() for dt in unsorted_glossary.select("dt")] == UNSORTED[lang]
