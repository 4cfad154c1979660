"""``make stats``, the Translation status page and the draft-language banner.

The page and the banner are checked in a real build of a copy of the project
to which German is added as a draft language: one line in pyproject.toml plus
its PO files, as the translator's guide says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import draft_banner, translation_status  # noqa: E402
from handbook_ext.untranslated import Untranslated  # noqa: E402
from tools.project_copy import copy_project  # noqa: E402

GERMAN = 'de = { name = "Deutsch", status = "draft", title = "Handbuch Teenager-Zuhälter" }'
BANNER_DE = "Ein Teil dieser Seite ist noch nicht übersetzt; dieser Teil wird auf Englisch angezeigt."


def write_po(path: Path, entries: list[tuple[str, str, bool]]) -> None:
    po = polib.POFile()
    po.metadata = {"Language": "nl", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    po.append(polib.POEntry(msgid="Gone", msgstr="Weg", obsolete=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def test_counts_and_make_stats(tmp_path):
    lc = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    write_po(lc / "help.po", [("A", "a", False), ("B", "b", True), ("C", "", False)])
    write_po(lc / "understanding" / "signals.po", [("D", "d", False)])
    write_po(lc / "sphinx.po", [("Next", "", False)])  # the interface catalog is not a page
    counts = translation_status.language_counts(tmp_path / "locale", "nl")
    assert counts == {
        "help": translation_status.Counts(translated=1, fuzzy=1, untranslated=1),
        "understanding/signals": translation_status.Counts(translated=1, fuzzy=0, untranslated=0),
    }
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "po_stats.py"), "nl", "--locale-dir",
                           str(tmp_path / "locale")], capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[:8] == [
        "nl (Nederlands, published)",
        "  page                   translated  fuzzy  untranslated",
        "  " + "-" * 54,
        "  help                            1      1             1  <",
        "  understanding/signals           1      0             0",
        "  " + "-" * 54,
        "  all pages                       2      1             1  (50% translated)",
        "",
    ]


def test_the_banner_falls_back_to_english_and_says_so():
    node = draft_banner.banner_node()  # no catalog loaded here: the English sentence
    assert node["format"] == "html"
    assert node.astext() == (
        '<div class="admonition attention handbook-draft-banner" role="note" lang="en" xml:lang="en" dir="ltr">\n'
        "<p>Part of this page is not yet translated; that part is shown in English.</p>\n</div>\n"
    )


@pytest.mark.parametrize("code, status, untranslated, expected", [
    ("de", "draft", 3, True), ("de", "draft", 0, False), ("nl", "published", 3, False),
])  # fmt: skip
def test_only_pages_of_a_draft_language_with_english_text_get_the_banner(
    monkeypatch, code, status, untranslated, expected
):
    from handbook_ext import languages

    table = dict(languages.languages())
    table[code] = languages.Language(code=code, name=code, status=status, title="T")
    monkeypatch.setattr(languages, "languages", lambda: table)
    doctree = new_document("<test>")
    section = nodes.section()
    section += nodes.title("", "Hilfe")
    section += nodes.paragraph("", "Text")
    doctree += section
    found = {"help": [Untranslated(1, "Some English text.")] * untranslated}
    app = types.SimpleNamespace(config=types.SimpleNamespace(language=code),
                                builder=types.SimpleNamespace(format="html"),
                                env=types.SimpleNamespace(handbook_untranslated=found))  # fmt: skip
    draft_banner.add_banner(app, doctree, "help")
    raw = list(doctree.findall(nodes.raw))
    assert bool(raw) is expected
    if expected:
        assert section.index(raw[0]) == 1  # right under the title


# -- a real build with German as a draft language --------------------------------------


@pytest.fixture(scope="module")
def german_site(tmp_path_factory) -> Path:
    proj = copy_project(tmp_path_factory.mktemp("german") / "handbook")
    pyproject = proj / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r"(\[tool\.handbook\.languages\]\n(?:.+\n)+?)(\n|\[)", rf"\1{GERMAN}\n\2", text, count=1)
    pyproject.write_text(text, encoding="utf-8")
    # The quick-exit button needs a neutral site per language (handbook_ext/quick_exit.py).
    conf = proj / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        "quick_exit_urls = {", 'quick_exit_urls = {\n    "de": "https://www.meteo.be/de/belgien",', 1),
        encoding="utf-8")  # fmt: skip
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}

    def run(*cmd: str) -> None:
        proc = subprocess.run([sys.executable, *cmd], cwd=proj, capture_output=True, text=True, env=env)
        assert proc.returncode == 0, f"{cmd}:\n{proc.stdout}\n{proc.stderr}"

    run("-m", "sphinx", "-b", "gettext", "-c", ".", "-q", "source", "build/gettext")
    run("tools/update_po.py", "build/gettext", "de")
    de = proj / "locale" / "de" / "LC_MESSAGES"
    # One page fully "translated" (the Dutch text stands in for German), the rest not.
    nl_help = polib.pofile(str(proj / "locale" / "nl" / "LC_MESSAGES" / "help.po"))
    done = {e.msgid: e.msgstr for e in nl_help if e.translated()}
    de_help = polib.pofile(str(de / "help.po"))
    for entry in de_help:
        entry.msgstr = done.get(entry.msgid) or entry.msgid
    de_help.save()
    interface = polib.pofile(str(de / "sphinx.po"))
    interface.find(draft_banner.MESSAGE).msgstr = BANNER_DE
    interface.save()
    run("-m", "sphinx", "-b", "html", "-c", ".", "-D", "language=de", "-q", "source", "build/html/de")
    return proj / "build" / "html" / "de"


def banner(page: Path):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(".handbook-draft-banner")


def test_a_draft_language_builds_with_a_banner_where_text_is_untranslated(german_site):
    found = banner(german_site / "index.html")
    assert len(found) == 1
    assert found[0].get_text(strip=True) == BANNER_DE
    assert found[0].get("lang") is None  # translated in de/sphinx.po: no English fallback
    assert banner(german_site / "help.html") == []  # every message translated


def test_the_status_page_lists_every_language_with_numbers_from_the_po_files(german_site):
    soup = BeautifulSoup((german_site / "about" / "translation-status.html").read_text(encoding="utf-8"), "lxml")
    table = soup.select_one("table.translation-status")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Language", "Page", "Translated", "Needs review", "Not translated",
    ]  # fmt: skip
    totals = {row.select("td")[0].get_text(" ", strip=True): [td.get_text(strip=True) for td in row.select("td")[1:]]
              for row in table.select("tr.status-total")}  # fmt: skip
    assert set(totals) == {"Nederlands (nl, published)", "Français (fr, published)", "Deutsch (de, draft)"}
    de_counts = translation_status.language_counts(german_site.parents[2] / "locale", "de")
    total = sum(de_counts.values(), translation_status.Counts())
    assert totals["Deutsch (de, draft)"] == [
        "All pages", str(total.translated), str(total.fuzzy), str(total.untranslated),
    ]  # fmt: skip
    assert total.translated == de_counts["help"].translated > 0 and total.untranslated > 0
    rows = [[td.get_text(strip=True) for td in row.select("td")] for row in table.select("tbody tr")]
    help_title = BeautifulSoup((german_site / "help.html").read_text(encoding="utf-8"), "lxml").h1
    help_title = help_title.get_text(strip=True).rstrip("#")
    assert ["", help_title, str(de_counts["help"].translated), "0", "0"] in rows
    link = table.find("a", string=help_title)
    assert link["href"] == "../help.html"
    assert soup.select_one('span[lang="de"]').get_text() == "Deutsch"


def test_the_status_page_headers_are_the_pages_own_messages(german_site):
    """The table's words are extracted into the page's template, so translators translate them."""
    pot = polib.pofile(str(german_site.parents[2] / "build" / "gettext" / "about" / "translation-status.pot"))
    msgids = [e.msgid for e in pot]
    for label in ("Language", "Page", "Translated", "Needs review", "Not translated", "All pages",
                  "published", "draft"):  # fmt: skip
        assert label in msgids
    assert not any(m.isdigit() for m in msgids)  # the numbers are not messages
