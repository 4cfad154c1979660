"""Sync the translators' PO files with the English source: ``make update-po``.

    python tools/update_po.py build/gettext nl fr

Reads the templates (``.pot``) that ``make gettext`` wrote and, for each
language, brings ``locale/<lang>/LC_MESSAGES/<page>.po`` up to date:

* new English messages are added, untranslated;
* a translation whose English changed is kept, marked ``#, fuzzy``, with the
  old English as ``#| msgid`` above it (GNU ``msgmerge --previous``; its fuzzy
  matching is what finds the old translation, so it stays on);
* a translation whose English disappeared is kept at the end of the file as an
  obsolete ``#~`` entry (msgmerge brings it back if the English returns);
* an untranslated message whose exact English is translated on another page
  (or in a moved-aside file) gets that translation as a ``#, fuzzy``
  suggestion: the register can differ between pages, so it must be reviewed;
* the PO file of a page that no longer exists is moved to
  ``locale/<lang>/orphaned/`` and reported, never deleted;
* every file is written the way GNU gettext writes it (lines of at most 79
  characters, ``msgcat`` style: what Poedit and Weblate write too), with
  source references without line numbers (``#: ../../source/help.rst``), so
  that editing one paragraph does not touch every entry below it;
* a file is only rewritten when something other than its POT-Creation-Date
  changed: running this twice changes nothing.

``locale/<lang>/LC_MESSAGES/sphinx.po`` (interface strings) is kept by hand and
never touched; it is created, untranslated, only for a language that has none.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

INTERFACE_CATALOG = Path(languages.INTERFACE_CATALOG).stem  # sphinx.po, kept by hand: its domain name
ORPHANED = "orphaned"  # locale/<lang>/orphaned/: PO files of deleted pages
SOURCE_SUFFIXES = (".rst", ".md", ".txt")
WIDTH = 79  # GNU gettext's default, also Poedit's and Weblate's

HEADER_COMMENT = (
    "{name} ({lang}) translation of the page “{docname}” of the teen pimps handbook.\n"
    "Edit the msgstr lines with Poedit, Weblate or a text editor; the guide is\n"
    "source/about/translating.rst. Sync with the English: make update-po."
)

LINE_SUFFIX = re.compile(r":-?\d+$")
DATE_LINE = re.compile(r'^"POT-Creation-Date: .*\\n"\n', re.M)


class UpdateError(Exception):
    pass


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # PO file without a template, page still there
    failed: list[str] = field(default_factory=list)
    suggestions: int = 0
    newly_fuzzy: int = 0


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise UpdateError(f"{' '.join(cmd)} failed:\n{proc.stderr.strip()}")


def page_exists(source_dir: Path | None, docname: str) -> bool:
    if source_dir is None:
        return True
    return any((source_dir / docname).with_suffix(s).is_file() for s in SOURCE_SUFFIXES)


def templates(pot_dir: Path, source_dir: Path | None) -> dict[str, Path]:
    """docname -> .pot, without the interface template and without left-overs of deleted pages."""
    pots = {}
    for pot in sorted(pot_dir.rglob("*.pot")):
        docname = pot.relative_to(pot_dir).with_suffix("").as_posix()
        if docname == INTERFACE_CATALOG:
            continue
        if not page_exists(source_dir, docname):
            print(f"  note: {rel(pot)} is left over from a deleted page; ignored.")
            continue
        pots[docname] = pot
    return pots


def plural_forms(locale_dir: Path, lang: str) -> str:
    interface = locale_dir / lang / "LC_MESSAGES" / f"{INTERFACE_CATALOG}.po"
    if interface.is_file():
        value = polib.pofile(str(interface)).metadata.get("Plural-Forms", "")
        if value:
            return value
    try:  # Babel's table (CLDR) gives GNU gettext's lines for nl and fr, byte for byte
        return str(get_plural(lang))
    except (UnknownLocaleError, ValueError):
        raise UpdateError(
            f"No Plural-Forms known for {lang!r}: create locale/{lang}/LC_MESSAGES/sphinx.po "
            "with a Plural-Forms header line first."
        ) from None


def language_name(lang: str) -> str:
    try:
        return languages.get(lang).name
    except SystemExit:
        return lang


def fix_header(po: polib.POFile, pot: polib.POFile, lang: str, plurals: str, docname: str) -> None:
    """Fill in what a template header leaves as placeholders; keep what translators set."""
    meta = po.metadata
    pot_meta = pot.metadata
    for key in ("Project-Id-Version", "Report-Msgid-Bugs-To", "Last-Translator", "Language-Team"):
        if key not in meta and key in pot_meta:
            meta[key] = pot_meta[key]
    created = pot_meta.get("POT-Creation-Date", "")
    meta["POT-Creation-Date"] = meta.get("POT-Creation-Date") or created
    if not meta.get("PO-Revision-Date") or "YEAR" in meta["PO-Revision-Date"]:
        meta["PO-Revision-Date"] = created
    if not meta.get("Language"):
        meta["Language"] = lang
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if not meta.get("Plural-Forms"):
        meta["Plural-Forms"] = plurals
    meta.pop("Generated-By", None)
    order = [
        "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
        "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "Plural-Forms",
    ]  # fmt: skip
    po.metadata = {k: meta[k] for k in order if k in meta} | {k: v for k, v in meta.items() if k not in order}
    po.metadata_is_fuzzy = False
    if not po.header or "SOME DESCRIPTIVE TITLE" in po.header:
        po.header = HEADER_COMMENT.format(name=language_name(lang), lang=lang, docname=docname)


def header_needs_fixing(po: polib.POFile) -> bool:
    meta = po.metadata
    return (
        po.metadata_is_fuzzy
        or "SOME DESCRIPTIVE TITLE" in po.header
        or not po.header
        or "YEAR" in meta.get("PO-Revision-Date", "YEAR")
        or meta.get("Content-Type") != "text/plain; charset=UTF-8"
        or "Generated-By" in meta
        or not meta.get("Language")
        or not meta.get("Plural-Forms")
    )


def known_translations(locale_dir: Path, lang: str) -> dict[str, str]:
    """Exact English -> translation, from every PO file of the language (before merging)."""
    seen: dict[str, Counter] = {}
    files = sorted((locale_dir / lang / "LC_MESSAGES").rglob("*.po")) + sorted(
        (locale_dir / lang / ORPHANED).rglob("*.po")
    )
    for path in files:
        if path.name == f"{INTERFACE_CATALOG}.po" and path.parent.name == "LC_MESSAGES":
            continue
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError):
            continue  # reported when the file itself is merged
        for entry in po:
            if entry.msgid and entry.msgstr and "fuzzy" not in entry.flags and not entry.msgid_plural:
                seen.setdefault(entry.msgid, Counter())[entry.msgstr] += 1
    # The most frequent translation; ties broken alphabetically so the result is stable.
    return {msgid: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for msgid, c in seen.items()}


def rewrap_like_gnu(path: Path) -> None:
    """Rewrite ``path`` the way GNU gettext writes it."""
    tmp = path.with_suffix(".canonical.po")
    run(["msgcat", f"--width={WIDTH}", "-o", str(tmp), str(path)])
    tmp.replace(path)


def header_only(pot: polib.POFile, lang: str, docname: str, plurals: str, path: Path) -> Path:
    """A new page's PO file before msgmerge: the header alone."""
    po = polib.POFile(wrapwidth=WIDTH)
    po.metadata = {}
    fix_header(po, pot, lang, plurals, docname)
    po.save(str(path))
    return path


def finish_merge(po: polib.POFile, pot: polib.POFile, lang: str, docname: str, plurals: str,
                 suggestions: dict[str, str], report: Report) -> bool:  # fmt: skip
    """What msgmerge leaves to do: the header, Sphinx's line number -1, suggestions. True if ``po`` changed."""
    changed = header_needs_fixing(po)
    if changed:
        fix_header(po, pot, lang, plurals, docname)
    for entry in po:
        # Sphinx gives the page's meta description the line number -1, which
        # --add-location=file does not recognise as a line number.
        occurrences = list(dict.fromkeys((LINE_SUFFIX.sub("", path), "") for path, _ in entry.occurrences))
        if occurrences != entry.occurrences:
            entry.occurrences, changed = occurrences, True
        if entry.obsolete or entry.msgid_plural or entry.msgstr or "fuzzy" in entry.flags:
            continue
        if entry.msgid in suggestions:
            entry.msgstr = suggestions[entry.msgid]
            entry.flags.append("fuzzy")
            report.suggestions += 1
            changed = True
    return changed


def open_fuzzy(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]


def update_po_file(
    pot_path: Path, po_path: Path, lang: str, docname: str, plurals: str, suggestions: dict[str, str],
    report: Report,
) -> None:  # fmt: skip
    pot = polib.pofile(str(pot_path))
    exists = po_path.is_file()
    old_fuzzy = set(open_fuzzy(polib.pofile(str(po_path)))) if exists else set()
    old_text = po_path.read_text(encoding="utf-8") if exists else None
    with tempfile.TemporaryDirectory(prefix="update-po-") as tmpdir:
        base = po_path if exists else header_only(pot, lang, docname, plurals, Path(tmpdir) / "new.po")
        merged = Path(tmpdir) / "merged.po"
        run([
            "msgmerge", "--quiet", "--previous", "--add-location=file", f"--width={WIDTH}",
            "-o", str(merged), str(base), str(pot_path),
        ])  # fmt: skip
        po = polib.pofile(str(merged), wrapwidth=WIDTH)
        changed = finish_merge(po, pot, lang, docname, plurals, suggestions, report)
        report.newly_fuzzy += sum(1 for msgid in open_fuzzy(po) if msgid not in old_fuzzy)
        if changed:
            po.save(str(merged))
            rewrap_like_gnu(merged)
        new_text = merged.read_text(encoding="utf-8")
        if old_text is not None and DATE_LINE.sub("", new_text) == DATE_LINE.sub("", old_text):
            report.unchanged.append(rel(po_path))  # a new POT-Creation-Date alone is not a change
            return
        po_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(merged, po_path)
        (report.updated if exists else report.created).append(rel(po_path))


def move_aside(po_path: Path, lc_dir: Path, orphaned_dir: Path) -> Path:
    target = orphaned_dir / po_path.relative_to(lc_dir)
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{po_path.stem}-{n}.po")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(po_path), str(target))
    stale_mo = po_path.with_suffix(".mo")
    if stale_mo.exists():
        stale_mo.unlink()  # compiled by Sphinx, not kept in git
    # Remove folders left empty.
    parent = po_path.parent
    while parent != lc_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return target


def ensure_interface_catalog(pot_dir: Path, locale_dir: Path, lang: str, plurals: str) -> str | None:
    """A new language gets an untranslated sphinx.po (the interface strings) to start from."""
    path = locale_dir / lang / "LC_MESSAGES" / f"{INTERFACE_CATALOG}.po"
    if path.exists():
        return None
    msgids: list[str] = []
    plural_of: dict[str, str] = {}
    sources = sorted(locale_dir.glob(f"*/LC_MESSAGES/{INTERFACE_CATALOG}.po"))
    pot = pot_dir / f"{INTERFACE_CATALOG}.pot"
    for src in [*sources[:1], *([pot] if pot.is_file() else [])]:
        for entry in polib.pofile(str(src)):
            if entry.msgid not in msgids and not entry.obsolete:
                msgids.append(entry.msgid)
                if entry.msgid_plural:
                    plural_of[entry.msgid] = entry.msgid_plural
    from handbook_ext.draft_banner import MESSAGE as BANNER  # shown on a draft language's pages

    if BANNER not in msgids:
        msgids.append(BANNER)
    po = polib.POFile(wrapwidth=WIDTH)
    po.header = (
        f"Interface strings of Sphinx and Furo for the handbook's {lang} edition.\n"
        "Kept by hand: add a string here when a template shows English."
    )
    po.metadata = {
        "Project-Id-Version": "The teen pimps handbook",
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "The handbook's translators",
        "Language-Team": "The handbook's translators",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plurals,
    }
    nplurals = int(re.search(r"nplurals=(\d+)", plurals).group(1))
    for msgid in msgids:
        if msgid in plural_of:
            po.append(polib.POEntry(msgid=msgid, msgid_plural=plural_of[msgid],
                                    msgstr_plural={i: "" for i in range(nplurals)}))  # fmt: skip
        else:
            po.append(polib.POEntry(msgid=msgid, msgstr=""))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    rewrap_like_gnu(path)
    return rel(path)


def update_language(pot_dir: Path, locale_dir: Path, source_dir: Path | None, lang: str) -> Report:
    report = Report()
    lc_dir = locale_dir / lang / "LC_MESSAGES"
    orphaned_dir = locale_dir / lang / ORPHANED
    plurals = plural_forms(locale_dir, lang)
    pots = templates(pot_dir, source_dir)
    if not pots:
        raise UpdateError(f"No templates in {rel(pot_dir)}: run 'make gettext' first.")
    suggestions = known_translations(locale_dir, lang)
    created_interface = ensure_interface_catalog(pot_dir, locale_dir, lang, plurals)
    if created_interface:
        report.created.append(created_interface)
    for docname, pot_path in pots.items():
        po_path = lc_dir / f"{docname}.po"
        try:
            update_po_file(pot_path, po_path, lang, docname, plurals, suggestions, report)
        except (UpdateError, OSError, ValueError) as exc:
            report.failed.append(f"{rel(po_path)}: {exc}")
    if lc_dir.is_dir():
        for po_path in sorted(lc_dir.rglob("*.po")):
            docname = po_path.relative_to(lc_dir).with_suffix("").as_posix()
            if docname == INTERFACE_CATALOG or docname in pots:
                continue
            if page_exists(source_dir, docname):
                report.kept.append(rel(po_path))  # its template is missing, not its page: leave it
                continue
            target = move_aside(po_path, lc_dir, orphaned_dir)
            report.moved.append((rel(po_path), rel(target)))
    return report


def print_report(lang: str, report: Report) -> None:
    parts = [f"{len(report.updated)} updated", f"{len(report.created)} created",
             f"{len(report.unchanged)} unchanged"]  # fmt: skip
    print(f"{lang}: {', '.join(parts)}.")
    for path in report.created:
        print(f"  created   {path}")
    for path in report.updated:
        print(f"  updated   {path}")
    if report.newly_fuzzy:
        print(f"  {report.newly_fuzzy} entr{'y' if report.newly_fuzzy == 1 else 'ies'} newly marked "
              "#, fuzzy: the English changed (or a suggestion was found); check the translation "
              "against the #| msgid lines, fix it, and remove the fuzzy mark.")  # fmt: skip
    for old, new in report.moved:
        print(f"  MOVED     {old} -> {new}\n"
              f"            its page no longer exists. Nothing was lost: its translations are offered\n"
              f"            as suggestions where the same English appears elsewhere. Delete the file\n"
              f"            once you no longer need it.")  # fmt: skip
    for problem in report.failed:
        print(f"  FAILED    {problem}\n"
              "            the file was left as it was: fix the line msgmerge names, then run "
              "'make update-po' again.")  # fmt: skip
    for path in report.kept:
        print(f"  warning   {path}: no template was extracted for this page, but the page "
              "exists; left as it was (did 'make gettext' fail?).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pot_dir", type=Path, help="the templates, e.g. build/gettext")
    parser.add_argument("langs", nargs="+", help="language codes, e.g. nl fr")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--source-dir", type=Path, default=ROOT / "source",
                        help="the English source; a PO file is only moved aside when its page is gone here")  # fmt: skip
    args = parser.parse_args(argv)
    if not args.pot_dir.is_dir():
        print(f"{args.pot_dir} does not exist: run 'make gettext' first.", file=sys.stderr)
        return 1
    for tool in ("msgmerge", "msgcat"):
        if not shutil.which(tool):
            print(f"{tool} not found: install GNU gettext (Debian: apt-get install gettext).", file=sys.stderr)
            return 1
    source_dir = args.source_dir if args.source_dir.is_dir() else None
    failed = False
    try:
        for lang in args.langs:
            report = update_language(args.pot_dir, args.locale_dir, source_dir, lang)
            print_report(lang, report)
            failed = failed or bool(report.failed)
    except UpdateError as exc:
        print(f"update-po: {exc}", file=sys.stderr)
        return 1
    if failed:
        return 1
    print("Next: translate the empty and fuzzy entries, then run 'make check-po'. "
          "'make stats' shows what is left.")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    sys.exit(main())
