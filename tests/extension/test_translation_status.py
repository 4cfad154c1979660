"""handbook_ext.translation_status: the table of the Translation status page.

The expected numbers are counted by hand from the tiny project's PO files
(tests/roots/test-translation-status/locale/), not with the module's counter.
"""

from __future__ import annotations

import pytest

from handbook_ext import languages

from .conftest import page

TEST_LANGUAGES = {
    "en": languages.Language("en", "English", "source", "Handbook"),
    "nl": languages.Language("nl", "Nederlands", "published", "Handboek"),
    "fr": languages.Language("fr", "Français", "draft", "Guide"),
}
LABELS = ["Language", "Page", "Translated", "Needs review", "Not translated", "All pages", "published", "draft"]


@pytest.fixture(autouse=True)
def test_languages(monkeypatch):
    monkeypatch.setattr(languages, "languages", lambda: TEST_LANGUAGES)


def table(app):
    status = page(app, "about/status")
    (found,) = status.select("table.translation-status")
    head = [th.get_text(strip=True) for th in found.select("thead th")]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in found.select("tbody tr")]
    links = {a.get_text(strip=True): a["href"] for a in found.select("a")}
    return head, rows, links, found


def test_the_table_counts_every_language_from_its_po_files(project, make_app):
    app = make_app("html", srcdir=project("translation-status"), confoverrides={"language": "nl"})
    app.build()
    assert not app.warning.getvalue()
    head, rows, links, found = table(app)
    # The words are the page's own messages, translated in its PO file.
    assert head == ["Taal", "Pagina", "Vertaald", "Na te kijken", "Niet vertaald"]
    assert rows == [
        # nl: index 1; about/status 9 (its title and the 8 words); help 1 + 1 fuzzy + 1 empty; gone 1.
        # sphinx.po (the interface) and obsolete entries do not count.
        ["Nederlands (nl, gepubliceerd)", "Alle pagina’s", "12", "1", "1"],  # smart quotes, as in any paragraph
        ["", "Stand", "9", "0", "0"],
        ["", "gone", "1", "0", "0"],  # a catalog whose page is gone: its name, no link
        ["", "Hulp", "1", "1", "1"],
        ["", "Start", "1", "0", "0"],
        ["Français (fr, ontwerp)", "Alle pagina’s", "1", "0", "0"],
        ["", "Stand", "—", "—", "—"],  # no fr catalog yet
        ["", "Hulp", "—", "—", "—"],
        ["", "Start", "1", "0", "0"],
    ]
    # Page names are links, titled in the reader's language.
    assert links == {"Stand": "#", "Hulp": "../help.html", "Start": "../index.html"}
    # Each language's name is marked as being in that language (for screen readers).
    assert [(span["lang"], span.get_text()) for span in found.select("span[lang]")] == [
        ("nl", "Nederlands"), ("fr", "Français")]


def test_the_numbers_are_counted_again_on_every_build(project, make_app):
    srcdir = project("translation-status")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
    app.build()
    app.cleanup()
    help_po = srcdir / "locale" / "nl" / "LC_MESSAGES" / "help.po"
    help_po.write_text(help_po.read_text(encoding="utf-8").replace('msgstr ""\n\n#~', 'msgstr "Schrijf ons."\n\n#~'),
                       encoding="utf-8")  # fmt: skip
    again = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
    again.build()
    _, rows, _, _ = table(again)
    assert rows[0] == ["Nederlands (nl, gepubliceerd)", "Alle pagina’s", "13", "1", "0"]
    assert ["", "Hulp", "2", "1", "0"] in rows


def test_the_words_are_messages_of_the_page_and_the_numbers_are_not(project, make_app):
    app = make_app("gettext", srcdir=project("translation-status"))
    app.build()
    pot = (app.outdir / "about" / "status.pot").read_text(encoding="utf-8")
    msgids = [line.removeprefix("msgid ").strip('"') for line in pot.splitlines() if line.startswith("msgid ")]
    assert msgids == ["", "Status", *LABELS]
