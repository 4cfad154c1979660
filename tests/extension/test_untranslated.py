"""handbook_ext.untranslated and its two users: completeness and draft_banner.

One tiny project, built in a published language (nl: untranslated text is an
error) and in a draft one (de: the page says it is partly in English).
"""

from __future__ import annotations

import re

import pytest

from handbook_ext import draft_banner, languages

from .conftest import page

TEST_LANGUAGES = {
    "en": languages.Language("en", "English", "source", "Handbook"),
    "nl": languages.Language("nl", "Nederlands", "published", "Handboek"),
    "de": languages.Language("de", "Deutsch", "draft", "Handbuch"),
}
BANNER_DE = "Ein Teil dieser Seite ist noch nicht übersetzt; dieser Teil wird auf Englisch angezeigt."


@pytest.fixture(autouse=True)
def test_languages(monkeypatch):
    """nl published, de draft, whatever pyproject.toml says."""
    monkeypatch.setattr(languages, "languages", lambda: TEST_LANGUAGES)


def warnings(app) -> list[str]:
    """The build's warnings, one per line, with the source folder left out of their locations."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines()]


def untranslated(location: str, message: str, page: str) -> str:
    return (f"{location}: WARNING: untranslated in the published language 'nl': {message!r} has no "
            f"translation in locale/nl/LC_MESSAGES/{page}.po (run `make update-po`, then translate it) "
            "[handbook.untranslated]")  # fmt: skip


EXPECTED_NL = [
    untranslated("help.rst:6", "This paragraph is new and nobody translated it yet.", "help"),
    untranslated("help.rst:8", "This one is fuzzy.", "help"),  # a fuzzy entry is not a translation
    untranslated("many.rst:4", "A first paragraph that nobody translated, long enough to be cut short in the "
                 "bu…", "many"),  # 80 characters at most  # fmt: skip
    *(untranslated(f"many.rst:{line}", word, "many")
      for line, word in [(6, "Second."), (8, "Third."), (10, "Fourth."), (12, "Fifth.")]),
    "many.rst: WARNING: … and 2 more untranslated messages in locale/nl/LC_MESSAGES/many.po [handbook.untranslated]",
    untranslated("numbers.rst:4", "116 000", "numbers"),
]  # index.rst: every message translated (the toctree caption too, which Sphinx leaves marked untranslated)


def test_untranslated_text_in_a_published_language_is_an_error(project, make_app):
    srcdir = project("untranslated")
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
    app.build()
    assert warnings(app) == EXPECTED_NL
    assert not page(app, "help").select(f".{draft_banner.CLASS}")

    # An incremental build that re-reads another page only still reports them (kept in the environment).
    app.cleanup()  # Sphinx's global state, before the next application
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = make_app("html", srcdir=srcdir, confoverrides={"language": "nl"})
    again.build()
    assert "1 changed" in again.status.getvalue()
    assert warnings(again) == EXPECTED_NL


def test_a_local_preview_may_be_incomplete(project, make_app):
    app = make_app("html", srcdir=project("untranslated"),
                   confoverrides={"language": "nl", "handbook_allow_incomplete": 1})  # fmt: skip
    app.build()
    assert warnings(app) == []


def banners(app, docname: str) -> list:
    return page(app, docname).select(f".{draft_banner.CLASS}")


def test_a_draft_language_builds_with_a_banner_where_text_is_untranslated(project, make_app):
    app = make_app("html", srcdir=project("untranslated"), confoverrides={"language": "de"})
    app.build()
    assert warnings(app) == []  # a draft may be incomplete
    (banner,) = banners(app, "help")
    assert banner.get_text(strip=True) == BANNER_DE
    assert banner.get("lang") is None  # translated in de/sphinx.po: no English fallback
    assert banner.find_previous_sibling().name == "h1"  # right under the title
    assert len(banners(app, "many")) == 1
    assert banners(app, "index") == []  # every message translated
    assert banners(app, "numbers") == []  # only a number is untranslated: no English text shown


def test_the_banner_says_it_is_english_when_sphinx_po_lacks_it(project, make_app):
    srcdir = project("untranslated")
    for name in ("sphinx.po", "sphinx.mo"):  # Sphinx would compile the .po again
        (srcdir / "locale" / "de" / "LC_MESSAGES" / name).unlink()
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "de"})
    app.build()
    (banner,) = banners(app, "help")
    assert banner.get_text(strip=True) == draft_banner.MESSAGE
    assert (banner.get("lang"), banner.get("xml:lang")) == ("en", "en")
