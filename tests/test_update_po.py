"""``make update-po`` (tools/update_po.py): sync without losing work, canonical and idempotent.

Most tests feed hand-written templates (.pot) to the tool in a temporary
folder. The last ones work on a copy of the whole project: a source edit,
``make gettext`` and ``make update-po`` keep the old translation as fuzzy, and
the gate (tools/check_po.py) then fails naming that entry. The real locale/
folder is never written to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import environment_with_locale  # noqa: E402
from tools import update_po  # noqa: E402
from tools.project_copy import copy_project  # noqa: E402

POT_HEADER = textwrap.dedent(
    """\
    # SOME DESCRIPTIVE TITLE.
    # Copyright (C) 2026, the handbook's authors and translators
    # FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
    #
    #, fuzzy
    msgid ""
    msgstr ""
    "Project-Id-Version: The teen pimps handbook 1.0\\n"
    "Report-Msgid-Bugs-To: \\n"
    "POT-Creation-Date: {date}\\n"
    "PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"
    "Last-Translator: The handbook's translators\\n"
    "Language-Team: The handbook's translators\\n"
    "MIME-Version: 1.0\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Content-Transfer-Encoding: 8bit\\n"
    """
)


class Project:
    """pot/ (templates), locale/ and source/ in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.pot = root / "build" / "gettext"
        self.locale = root / "locale"
        self.source = root / "source"
        for d in (self.pot, self.locale, self.source):
            d.mkdir(parents=True, exist_ok=True)

    def template(self, page: str, messages: list[str], date: str = "2026-11-23 05:31+0000") -> None:
        text = POT_HEADER.format(date=date)
        for i, msgid in enumerate(messages):
            text += f'\n#: ../../source/{page}.rst:{10 + 4 * i}\nmsgid {quote(msgid)}\nmsgstr ""\n'
        path = self.pot / f"{page}.pot"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        page_file = self.source / f"{page}.rst"
        page_file.parent.mkdir(parents=True, exist_ok=True)
        page_file.write_text("A page.\n", encoding="utf-8")

    def po_path(self, lang: str, page: str) -> Path:
        return self.locale / lang / "LC_MESSAGES" / f"{page}.po"

    def po(self, lang: str, page: str) -> polib.POFile:
        return polib.pofile(str(self.po_path(lang, page)))

    def translate(self, lang: str, page: str, translations: dict[str, str]) -> None:
        po = self.po(lang, page)
        for entry in po:
            if entry.msgid in translations:
                entry.msgstr = translations[entry.msgid]
        po.save()

    def update(self, *langs: str, capsys=None) -> str:
        code = update_po.main([str(self.pot), *(langs or ("nl",)), "--locale-dir", str(self.locale),
                               "--source-dir", str(self.source)])  # fmt: skip
        out = capsys.readouterr().out if capsys else ""
        assert code == 0, out
        return out

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        return {str(p.relative_to(self.root)): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(self.locale.rglob("*.po"))}  # fmt: skip


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)


def msgfmt_check(path: Path) -> str:
    proc = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"})  # fmt: skip
    return proc.stderr.strip()


def test_a_new_page_gets_a_po_file_with_a_correct_header(project, capsys):
    project.template("help", ["Help and contacts", "Call 116 000."])
    out = project.update("nl", "fr", capsys=capsys)
    assert "created   locale/nl/LC_MESSAGES/help.po" in out
    text = project.po_path("fr", "help").read_text(encoding="utf-8")
    assert text.startswith(
        "# Français (fr) translation of the page “help” of the teen pimps handbook.\n"
        "# Edit the msgstr lines with Poedit, Weblate or a text editor; the guide is\n"
        "# source/about/translating.rst. Sync with the English: make update-po.\n"
        'msgid ""\nmsgstr ""\n'
    )
    po = project.po("fr", "help")
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == "fr"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["PO-Revision-Date"] == "2026-11-23 05:31+0000"
    assert [(e.msgid, e.msgstr, e.occurrences) for e in po] == [
        ("Help and contacts", "", [("../../source/help.rst", "")]),
        ("Call 116 000.", "", [("../../source/help.rst", "")]),
    ]
    assert msgfmt_check(project.po_path("fr", "help")) == ""


def test_changed_english_keeps_the_translation_as_fuzzy_with_the_old_english(project, capsys):
    project.template("help", ["Call Child Focus.", "Help and contacts"])
    project.update()
    project.translate("nl", "help", {"Call Child Focus.": "Bel Child Focus.", "Help and contacts": "Hulp"})
    project.template("help", ["Call Child Focus, day or night.", "Help and contacts"])
    out = project.update(capsys=capsys)
    assert "1 entry newly marked #, fuzzy" in out
    text = project.po_path("nl", "help").read_text(encoding="utf-8")
    assert (
        "#: ../../source/help.rst\n"
        "#, fuzzy\n"
        '#| msgid "Call Child Focus."\n'
        'msgid "Call Child Focus, day or night."\n'
        'msgstr "Bel Child Focus."\n'
    ) in text
    assert 'msgid "Help and contacts"\nmsgstr "Hulp"\n' in text


def test_removed_english_is_kept_as_obsolete_and_comes_back(project):
    project.template("help", ["Call Child Focus.", "Help and contacts"])
    project.update()
    project.translate("nl", "help", {"Call Child Focus.": "Bel Child Focus.", "Help and contacts": "Hulp"})
    project.template("help", ["Help and contacts"])
    project.update()
    text = project.po_path("nl", "help").read_text(encoding="utf-8")
    assert text.endswith('\n#~ msgid "Call Child Focus."\n#~ msgstr "Bel Child Focus."\n')
    project.template("help", ["Help and contacts", "Call Child Focus."])
    project.update()
    po = project.po("nl", "help")
    back = po.find("Call Child Focus.")
    assert (back.msgstr, back.obsolete, back.fuzzy) == ("Bel Child Focus.", False, False)


def test_running_twice_changes_nothing_and_a_new_template_date_is_not_churn(project, capsys):
    project.template("help", ["Help and contacts", "A long paragraph " * 8])
    project.template("understanding/signals", ["Signals"])
    project.update("nl", "fr")
    project.translate("nl", "help", {"Help and contacts": "Hulp en contacten"})
    project.update("nl", "fr")  # rewraps the file the translator saved
    before = project.snapshot()
    capsys.readouterr()
    out = project.update("nl", "fr", capsys=capsys)
    assert "nl: 0 updated, 0 created, 2 unchanged." in out
    assert project.snapshot() == before
    # `make gettext` run later: only POT-Creation-Date differs in the templates.
    project.template("help", ["Help and contacts", "A long paragraph " * 8], date="2026-12-24 10:00+0000")
    project.template("understanding/signals", ["Signals"], date="2026-12-24 10:00+0000")
    project.update("nl", "fr")
    assert project.snapshot() == before  # not even rewritten (same mtime)


def test_every_file_is_wrapped_the_gnu_gettext_way(project):
    project.template("help", ["Help and contacts", "Short."])
    project.update()
    path = project.po_path("nl", "help")
    # A translator's editor wrote one very long line, and another one wrapped oddly.
    long_nl = "Dit is een heel lange vertaling die veel langer is dan negenenzeventig tekens, " * 3
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgid "Help and contacts"\nmsgstr ""', f'msgid "Help and contacts"\nmsgstr "{long_nl}"')
    text = text.replace('msgid "Short."\nmsgstr ""', 'msgid "Short."\nmsgstr ""\n"Kort"\n"."')
    path.write_text(text, encoding="utf-8")
    project.update()
    result = path.read_text(encoding="utf-8")
    gnu = subprocess.run(["msgcat", "--width=79", str(path)], capture_output=True, text=True).stdout
    assert result == gnu
    assert max(len(line) for line in result.splitlines()) <= 79
    assert 'msgid "Short."\nmsgstr "Kort."\n' in result
    assert project.po("nl", "help").find("Help and contacts").msgstr == long_nl


def test_the_po_file_of_a_deleted_page_is_moved_aside_not_deleted(project, capsys):
    project.template("help", ["Help"])
    project.template("old-page", ["Call Child Focus."])
    project.update()
    project.translate("nl", "old-page", {"Call Child Focus.": "Bel Child Focus."})
    saved = project.po_path("nl", "old-page").read_bytes()
    # The page is deleted; its stale template is still in build/gettext/.
    (project.source / "old-page.rst").unlink()
    capsys.readouterr()
    out = project.update(capsys=capsys)
    assert not project.po_path("nl", "old-page").exists()
    moved = project.locale / "nl" / "orphaned" / "old-page.po"
    assert moved.read_bytes() == saved
    assert "note: build/gettext/old-page.pot is left over from a deleted page; ignored." in out
    assert "MOVED     locale/nl/LC_MESSAGES/old-page.po -> locale/nl/orphaned/old-page.po" in out
    # Its translations become suggestions (fuzzy) where the same English appears.
    project.template("help", ["Help", "Call Child Focus."])
    project.update()
    entry = project.po("nl", "help").find("Call Child Focus.")
    assert (entry.msgstr, entry.fuzzy) == ("Bel Child Focus.", True)


def test_a_po_file_whose_template_is_missing_but_whose_page_exists_stays(project, capsys):
    project.template("help", ["Help"])
    project.template("signals", ["Signals"])
    project.update()
    (project.pot / "signals.pot").unlink()  # e.g. the extraction failed half-way
    capsys.readouterr()
    out = project.update(capsys=capsys)
    assert project.po_path("nl", "signals").exists()
    assert "warning   locale/nl/LC_MESSAGES/signals.po: no template was extracted for this page" in out


def test_identical_english_on_another_page_is_suggested_as_fuzzy(project):
    project.template("parents/help", ["What can you do?"])
    project.update()
    project.translate("nl", "parents/help", {"What can you do?": "Wat kun je doen?"})
    project.template("professionals/help", ["What can you do?"])
    project.update()
    entry = project.po("nl", "professionals/help").find("What can you do?")
    assert (entry.msgstr, entry.fuzzy) == ("Wat kun je doen?", True)  # professionals: "u", so review


def test_the_interface_catalog_is_never_touched(project):
    sphinx_po = project.locale / "nl" / "LC_MESSAGES" / "sphinx.po"
    sphinx_po.parent.mkdir(parents=True)
    original = textwrap.dedent("""\
        # Kept by hand.
        msgid ""
        msgstr ""
        "Language: nl\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgid "Next"
        msgstr "Volgende"
        """)  # fmt: skip
    sphinx_po.write_text(original, encoding="utf-8")
    (project.pot / "sphinx.pot").write_text(POT_HEADER.format(date="x") + '\nmsgid "Back to top"\nmsgstr ""\n')
    project.template("help", ["Help"])
    project.update("nl", "de")
    assert sphinx_po.read_text(encoding="utf-8") == original
    # A new language gets an untranslated copy to start from, with the banner's sentence.
    new = polib.pofile(str(project.locale / "de" / "LC_MESSAGES" / "sphinx.po"))
    assert [e.msgid for e in new] == [
        "Next", "Back to top", "Part of this page is not yet translated; that part is shown in English.",
    ]  # fmt: skip
    assert all(e.msgstr == "" for e in new)
    assert new.metadata["Language"] == "de"


# -- on a copy of the whole project ----------------------------------------------------


def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "handbook")


def gettext(proj: Path, epoch: str = "1767225600") -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", ".", "-d", "build/doctrees/gettext",
         "-q", "source", "build/gettext"],
        cwd=proj, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


def update(proj: Path) -> str:
    proc = subprocess.run([sys.executable, "tools/update_po.py", "build/gettext", "nl", "fr"], cwd=proj,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_a_source_edit_keeps_the_old_translation_as_fuzzy_and_the_gate_names_it(tmp_path):
    proj = project_copy(tmp_path)
    help_rst = proj / "source" / "help.rst"
    old = "A test paragraph for the translators' workflow: call 116 000."
    new = "A test paragraph for the translators' workflow: call 116 000, day or night."
    help_rst.write_text(help_rst.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{old}\n", encoding="utf-8")
    gettext(proj)
    update(proj)
    po_path = proj / "locale" / "nl" / "LC_MESSAGES" / "help.po"
    po = polib.pofile(str(po_path))
    po.find(old).msgstr = "Een testalinea voor de werkwijze van de vertalers: bel 116 000."
    po.save()

    help_rst.write_text(help_rst.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    gettext(proj)
    out = update(proj)
    assert "updated   locale/nl/LC_MESSAGES/help.po" in out
    entry = polib.pofile(str(po_path)).find(new)
    assert entry.fuzzy
    assert entry.previous_msgid == old
    assert entry.msgstr == "Een testalinea voor de werkwijze van de vertalers: bel 116 000."

    lines = po_path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("msgid") and
                "A test paragraph for the translators'" in (text + lines[i]))  # fmt: skip
    gate = subprocess.run([sys.executable, "tools/check_po.py", "locale/nl/LC_MESSAGES/help.po"], cwd=proj,
                          capture_output=True, text=True)  # fmt: skip
    assert gate.returncode == 1
    assert (
        f'locale/nl/LC_MESSAGES/help.po:{line}: [fuzzy] "A test paragraph for the translators\' w…": '
        "the English changed (or this is a suggestion): compare with the old English on the #| lines, "
        "fix the translation, then remove the fuzzy mark (in Poedit: untick “Needs work”)."
    ) in gate.stdout.splitlines()


def test_update_po_on_the_real_files_is_idempotent(tmp_path):
    """Run on a copy of the real PO files: the second run, and a later extraction, change nothing."""
    proj = project_copy(tmp_path)
    gettext(proj)
    update(proj)
    before = {p: p.read_bytes() for p in sorted((proj / "locale").rglob("*.po"))}
    gettext(proj, epoch="1798761600")  # a year later: only POT-Creation-Date differs
    out = update(proj)
    assert "nl: 0 updated, 0 created" in out and "fr: 0 updated, 0 created" in out
    assert {p: p.read_bytes() for p in sorted((proj / "locale").rglob("*.po"))} == before
    for path in before:
        assert msgfmt_check(path) == "" or path.name == "sphinx.po", msgfmt_check(path)


def committed_catalogs(root: Path) -> dict[str, bytes]:
    """Every file under locale/ that git tracks, as it is in that tree."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "locale").rglob("*"))
            if p.is_file() and p.suffix in {".po", ".csv", ".txt"}}  # fmt: skip


@pytest.mark.parametrize("lang", ["C", "C.UTF-8", None], ids=["LANG=C", "LANG=C.UTF-8", "LANG-unset"])
def test_make_update_po_on_a_pristine_tree_changes_nothing(tmp_path, lang):
    """A translator's first `make update-po` on a fresh clone finds nothing to change, whatever the locale.

    As python-docs-fr's CI does: the committed catalogs must be exactly what the
    pipeline produces, or every translator starts with a diff they did not make.
    """
    proj = copy_project(tmp_path / "fresh-clone")
    shutil.copy2(ROOT / "Makefile", proj / "Makefile")
    shutil.copy2(ROOT / "constraints.txt", proj / "constraints.txt")
    before = committed_catalogs(proj)
    venv = Path(sys.executable).parent.parent
    proc = subprocess.run(
        ["make", "--no-print-directory", "update-po", f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=proj, capture_output=True, text=True, env=environment_with_locale(lang),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = committed_catalogs(proj)
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert sorted(after) == sorted(before), "make update-po created or removed files in locale/"
    assert not changed, f"make update-po rewrote committed catalogs: {changed}\n{proc.stdout}"
