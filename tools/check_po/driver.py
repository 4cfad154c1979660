"""The translation quality gate: ``make check-po``.

    python tools/check_po.py                     # every PO file of every language
    python tools/check_po.py --lang fr           # one language
    python tools/check_po.py locale/fr/LC_MESSAGES/help.po   # some files
    python tools/check_po.py --only numbers,terminology      # some checks

Each problem is printed as ``FILE:LINE: [check] "start of the English…": what
to do``, the line being the entry's ``msgid`` line. The exit status is 1 when
anything was found. The checks (source/about/translating.rst explains them
for translators):

msgfmt        GNU ``msgfmt --check``: the file is valid gettext.
header        Language, Plural-Forms and ``charset=UTF-8`` are right.
untranslated  published languages: every entry is translated ...
fuzzy         ... and none is marked fuzzy (draft languages may have both).
markup        the reST of the English survives: the same :term:/:ref:/:doc:
              targets, links with the same URLs (and their backticks), the same
              ``literals``, as many *emphasis* and **strong**, no broken markup.
lint          sphinx-lint on the translations (what the English does not
              already trigger).
numbers       every number, phone number and date of the English is in the
              translation, and no other (spacing may differ: 116 000 = 116 000).
links         URLs, tel: links and e-mail addresses are unchanged (or replaced
              by the language's own address listed in locale/terminology.csv).
terminology   where the English uses a term of locale/terminology.csv, the
              translation uses the listed term (inflections allowed).
forbidden     a forbidden variant (terminology.csv) is used.
spelling      hunspell (nl_BE, fr_BE, ...) with the project's word lists.
typography    French: no-break space before : ; ! ? » and after «;
              Dutch: no space before : ; ! ?.
brackets      every bracket opened in the translation is closed.
doublewords, doublespacing, endpunc, endwhitespace,
startwhitespace, escapes, newlines, tabs, printf, pythonbraceformat,
purepunc      translate-toolkit's pofilter checks of those names (not xmltags:
              it misfires on :term: roles; not brackets, numbers, urls,
              emails, puncspacing: ours are stricter or fit reST better; not
              startpunc, startcaps, sentencecount, unchanged, acronyms: a good
              translation often differs there).

A reviewed exception is written as a translator comment above the entry:
``# check-po: ignore numbers`` (several: ``ignore numbers, spelling``).

This module: the command line (main), the tables of checks and check_catalogs, which runs
them; the checks themselves are in the package's other modules (see __init__.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402
from handbook_ext.languages import INTERFACE_CATALOG  # noqa: E402

from .catalog import (  # noqa: E402
    Catalog, Finding, display_path, ignored_checks, is_translated, msgid_lines, translations_of,
)  # fmt: skip
from .markup import check_lint, check_markup  # noqa: E402
from .numbers_links import check_links, check_numbers  # noqa: E402
from .po_format import check_fuzzy, check_header, check_untranslated, msgfmt_findings, run_msgfmt  # noqa: E402
from .spelling import check_spelling  # noqa: E402
from .terminology import TerminologyError, check_terminology, load_terminology_cached  # noqa: E402
from .typography import (  # noqa: E402
    POFILTER_CHECKS, POFILTER_RAW_CHECKS, POFILTER_TEXT_CHECKS, check_brackets, check_pofilter_raw,
    check_pofilter_text, check_typography,
)  # fmt: skip

ALL_CHECKS = (
    "msgfmt", "header", "untranslated", "fuzzy", "markup", "lint", "numbers", "links",
    "terminology", "forbidden", "spelling", "typography", "brackets", *POFILTER_CHECKS,
)  # fmt: skip
# The checks, by what they look at. Not in these tables: "msgfmt" (run while the files are
# read: a file it rejects gets no other check), "lint" (sphinx-lint on all the files at
# once) and "spelling" (hunspell, once per language).
CATALOG_CHECKS = {"header": check_header}  # name -> function(catalog)
ENTRY_CHECKS = {"untranslated": check_untranslated, "fuzzy": check_fuzzy}  # -> function(catalog, entry)
# Every (English, translation) pair of an entry the build uses:
# name -> function(catalog, entry, english, translation). A function that serves several
# names runs once when any of them is on; only the findings of names that are on are kept.
MESSAGE_CHECKS = {
    "markup": check_markup,
    "numbers": check_numbers,
    "links": check_links,
    "terminology": check_terminology,
    "forbidden": check_terminology,
    "typography": check_typography,
    "brackets": check_brackets,
    **dict.fromkeys(POFILTER_RAW_CHECKS, check_pofilter_raw),
    **dict.fromkeys(POFILTER_TEXT_CHECKS, check_pofilter_text),
}


def language_of(path: Path) -> str | None:
    parts = path.resolve().parts
    if "LC_MESSAGES" in parts:
        i = parts.index("LC_MESSAGES")
        return parts[i - 1] if i >= 1 else None
    return None


def locale_dir_of(path: Path) -> Path:
    parts = path.resolve().parts
    i = parts.index("LC_MESSAGES")
    return Path(*parts[: i - 1])


def default_files(locale_dir: Path, langs: list[str]) -> list[Path]:
    files = []
    for lang in langs:
        files += sorted((locale_dir / lang / "LC_MESSAGES").rglob("*.po"))
    return files


def load(path: Path, statuses: dict[str, str]) -> tuple[Catalog | None, list[Finding]]:
    lang = language_of(path)
    if lang is None:
        return None, [Finding(display_path(path), 1, "header", "",
                              "not in a locale/<lang>/LC_MESSAGES/ folder, so its language is unknown.")]  # fmt: skip
    status = statuses.get(lang, "draft")
    cat = Catalog(path=path, lang=lang, status=status, locale_dir=locale_dir_of(path),
                  interface=path.name == INTERFACE_CATALOG and path.parent.name == "LC_MESSAGES")  # fmt: skip
    return cat, []


def read_catalogs(
    paths: list[Path], statuses: dict[str, str], enabled: set[str]
) -> tuple[list[Catalog], list[Finding]]:
    """The catalogs msgfmt accepts, and the findings of the others (msgfmt's, whatever is enabled)."""
    findings: list[Finding] = []
    catalogs: list[Catalog] = []
    for path in paths:
        cat, problems = load(path, statuses)
        findings += problems
        if cat is None:
            continue
        fatal, messages = run_msgfmt(path)
        try:
            cat.po = polib.pofile(str(path))
            cat.msgid_lines = msgid_lines(path, cat.po)
        except (OSError, ValueError) as exc:
            fatal = True
            messages = messages or [(1, f"the file cannot be read ({exc})")]
        if "msgfmt" in enabled or fatal:
            findings += msgfmt_findings(cat, messages)
        if fatal:
            continue  # the other checks would read a misparsed file: fix the syntax first
        catalogs.append(cat)
    return catalogs, findings


def check_message(cat: Catalog, entry: polib.POEntry, english: str, translation: str, on: set[str]) -> list[Finding]:
    findings = []
    for check in dict.fromkeys(function for name, function in MESSAGE_CHECKS.items() if name in on):
        findings += [f for f in check(cat, entry, english, translation) if f.check in on]
    return findings


def check_catalogs(
    paths: list[Path], statuses: dict[str, str], enabled: set[str], suggest: bool = False
) -> list[Finding]:
    catalogs, findings = read_catalogs(paths, statuses, enabled)
    spelling_messages: dict[str, list] = {}
    for cat in catalogs:
        cat.terms = load_terminology_cached(cat.locale_dir / "terminology.csv")  # broken: it stops here
        for name, check in CATALOG_CHECKS.items():
            if name in enabled:
                findings += check(cat)
        for entry in cat.live_entries():
            for name, check in ENTRY_CHECKS.items():
                if name in enabled:
                    findings += check(cat, entry)
            if "fuzzy" in entry.flags or not is_translated(entry):
                continue  # not used by the build: nothing more to check
            checks = enabled - ignored_checks(entry)
            for english, translation in translations_of(entry):
                findings += check_message(cat, entry, english, translation, checks)
                if "spelling" in checks:
                    spelling_messages.setdefault(cat.lang, []).append((cat, entry, english, translation))
    if "lint" in enabled:
        findings += check_lint(catalogs)
    for lang, messages in spelling_messages.items():
        findings += check_spelling(lang, messages, suggest)
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.check, f.advice))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("files", nargs="*", type=Path, help="PO files (default: every one of --lang)")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--only", help="comma-separated checks to run (default: all): " + ", ".join(ALL_CHECKS))
    parser.add_argument("--skip", help="comma-separated checks not to run")
    parser.add_argument("--suggest", action="store_true",
                        help="add hunspell's suggestions to spelling findings (slow: ¼ s a word)")  # fmt: skip
    args = parser.parse_args(argv)

    statuses = {code: lang.status for code, lang in languages.languages().items()}
    enabled = set(ALL_CHECKS)
    if args.only:
        enabled = {c.strip() for c in args.only.split(",") if c.strip()}
    if args.skip:
        enabled -= {c.strip() for c in args.skip.split(",")}
    unknown = enabled - set(ALL_CHECKS)
    if unknown:
        parser.error(f"unknown check(s): {', '.join(sorted(unknown))}; known: {', '.join(ALL_CHECKS)}")
    langs = args.lang or [lang.code for lang in languages.translations()]
    for lang in args.lang or []:
        languages.get(lang)
    files = args.files or default_files(args.locale_dir, langs)
    if args.files and args.lang:
        files = [f for f in files if language_of(f) in args.lang]
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"No such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    for tool, package in (("msgfmt", "gettext"), ("hunspell", "hunspell")):
        if not shutil.which(tool):
            print(f"check-po: {tool} not found: install the Debian package {package} "
                  "('make system-deps' does it).", file=sys.stderr)  # fmt: skip
            return 2
    try:
        findings = check_catalogs(files, statuses, enabled, args.suggest)
    except (TerminologyError, RuntimeError) as exc:
        print(f"check-po: {exc}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    if findings:
        n_files = len({f.path for f in findings})
        print(f"\n{len(findings)} problem(s) in {n_files} file(s). The translator's guide "
              "(source/about/translating.rst) explains each check.", file=sys.stderr)  # fmt: skip
        return 1
    print(f"check-po: {len(files)} file(s) checked, no problems.")
    return 0
