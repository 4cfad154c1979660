"""tools/validate.py: bad catalogs are reported with their file, line and entry, before any build.

Each test writes one problem into a tiny project (source/help.rst and its
Dutch catalogs) and asks :func:`validate.validate` for the report that
tools/build_site.py prints when it stops. That the build stops on such a
report, builds nothing and publishes nothing is checked once, end to end, in
tests/test_robustness.py (``test_broken_translation_stops_the_build``).
The line numbers here are counted by hand from the catalogs written below.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import po_header  # noqa: E402
from handbook_ext import languages  # noqa: E402
from tools import validate  # noqa: E402

CATALOG = "locale/nl/LC_MESSAGES/help.po"
HEADER = po_header("nl")  # lines 1-11
FIRST_ENTRY_LINE = 13  # a blank line, then the first msgid; each entry takes three lines


def po_text(entries: list[tuple[str, str]], flags: dict[int, str] | None = None) -> str:
    """The header, then each entry: a blank line, its flag line if it has one, msgid, msgstr."""
    text = HEADER
    for n, (msgid, msgstr) in enumerate(entries):
        flag = (flags or {}).get(n)
        text += "\n" + (f"#, {flag}\n" if flag else "") + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'
    return text


def entry_line(n: int) -> int:
    return FIRST_ENTRY_LINE + 3 * n


GOOD = [
    ("Help", "Hulp"),
    ("Call :term:`youth care` now.", "Bel nu :term:`jeugdhulp <youth care>`."),
    ("It is *never* your fault.", "Het is *nooit* jouw schuld."),
    ("See :ref:`the list <help-contacts>` and :doc:`/index`.", "Zie :ref:`de lijst <help-contacts>` en :doc:`/index`."),
    ("Visit `Child Focus <https://childfocus.be/>`__ today.", "Bezoek vandaag `Child Focus <https://childfocus.be/>`__."),
]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A tiny project whose Dutch catalogs pass; tools/validate.py runs on it as on a copy of the handbook."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "help.rst").write_text("Help\n====\n", encoding="utf-8")
    lc = tmp_path / "locale" / "nl" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    shutil.copy(ROOT / "locale" / "terminology.csv", tmp_path / "locale")
    (lc / "sphinx.po").write_text(po_text([("Next", "Volgende")]), encoding="utf-8")
    (lc / "help.po").write_text(po_text(GOOD), encoding="utf-8")
    monkeypatch.setattr(validate, "ROOT", tmp_path)  # locations relative to the project, as in a build
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(project: Path, allow_incomplete: bool = False) -> str:
    """What the build prints when it stops ("" when the catalogs pass)."""
    problems = validate.validate(["nl"], root=project, allow_incomplete=allow_incomplete)
    return validate.report(problems) if problems else ""


def test_the_good_catalogs_pass(project):
    assert report(project) == ""


# (name, which GOOD entry, its broken msgstr, expected message)
BROKEN_TRANSLATIONS = [
    ("inline markup", 1, "Bel nu :term:`jeugdhulp <youth care>`. **kapot", "[markup] broken reST markup"),
    ("emphasis lost", 2, "Het is *nooit jouw schuld.", "[markup] broken reST markup"),
    ("term dropped", 1, "Bel nu jeugdhulp.", "[markup] the :term: reference to"),
    ("term changed", 1, "Bel nu :term:`jeugdhulp <no-such-target>`.", "[markup] the :term: reference to"),
    ("ref changed", 3, "Zie :ref:`de lijst <no-such-target>` en :doc:`/index`.", "[markup] the :ref: reference to"),
    ("doc changed", 3, "Zie :ref:`de lijst <help-contacts>` en :doc:`no-such-target`.",
     "[markup] the :doc: reference to"),
    ("link lost its backtick", 4, "Bezoek vandaag Child Focus <https://childfocus.be/>`__.",
     "lost its markup (a backtick"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "n", "msgstr", "expected"), BROKEN_TRANSLATIONS,
                         ids=[case[0] for case in BROKEN_TRANSLATIONS])  # fmt: skip
def test_a_broken_translation_is_reported_at_its_entry(project, name, n, msgstr, expected):
    assert msgstr != GOOD[n][1]
    entries = list(GOOD)
    entries[n] = (entries[n][0], msgstr)
    (project / CATALOG).write_text(po_text(entries), encoding="utf-8")
    text = report(project)
    errors = [line for line in text.splitlines() if line.startswith("locale/")]
    assert len(errors) >= 1 and all(e.startswith(f"{CATALOG}:{entry_line(n)}: ") for e in errors), text
    assert expected in text
    assert "entry: msgid " in text


def test_po_syntax_error(project):
    path = project / CATALOG
    lines = path.read_text(encoding="utf-8").splitlines()
    lines += ["", 'msgid "An extra sentence."', "msgstr Een extra zin zonder aanhalingstekens."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"{CATALOG}:{len(lines)}: [msgfmt]" in report(project)


def test_invalid_utf8(project):
    path = project / CATALOG
    data = path.read_bytes().rstrip(b"\n") + b'\n\nmsgid "Caf\xc3\xa9"\nmsgstr "Caf\xe9"\n'
    path.write_bytes(data)
    line = data.count(b"\n")
    assert f"{CATALOG}:{line}: not valid UTF-8" in report(project)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Language: fr", "[header] the header says Language: fr; it must be “Language: nl”"),
     ("", "[header] the header says Language: (nothing); it must be “Language: nl”")],
    ids=["wrong", "missing"],
)  # fmt: skip
def test_language_header(project, header, expected):
    path = project / CATALOG
    text = path.read_text(encoding="utf-8")
    assert '"Language: nl\\n"\n' in text
    path.write_text(text.replace('"Language: nl\\n"\n', f'"{header}\\n"\n' if header else ""), encoding="utf-8")
    assert f"{CATALOG}:1: {expected}" in report(project)


@pytest.mark.parametrize("problem", ["fuzzy", "untranslated"])
def test_incomplete_translation_in_a_published_language(project, problem):
    path = project / CATALOG
    if problem == "fuzzy":
        path.write_text(po_text(GOOD, flags={2: "fuzzy"}), encoding="utf-8")
        line = entry_line(2) + 1  # below its flag line
    else:
        path.write_text(po_text([*GOOD[:2], (GOOD[2][0], ""), *GOOD[3:]]), encoding="utf-8")
        line = entry_line(2)
    assert f"{CATALOG}:{line}: [{problem}]" in report(project)
    # Writers may preview it (tools/build_site.py --allow-incomplete); make and the tests never do.
    assert report(project, allow_incomplete=True) == ""


def test_catalog_for_a_page_that_no_longer_exists(project):
    (project / "source" / "help.rst").unlink()
    assert f"{CATALOG}:1: no page source/help.rst for this catalog" in report(project)


def test_language_without_catalogs(project):
    german = languages.Language(code="de", name="Deutsch", status="published", title="Handbuch")
    problems = validate.check_language(german, root=project)
    assert "the language 'de' is in pyproject.toml [tool.handbook.languages] but has no catalogs" in validate.report(
        problems
    )
