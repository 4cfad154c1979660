"""What every check works with: a Catalog (one PO file) and the Findings (problems) in it.

Also the helpers about entries: is one translated, its (English, translation) pairs,
the checks a translator comment (``# check-po: ignore …``) turns off, and the line of
its msgid (where a finding points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

if TYPE_CHECKING:
    from .terminology import Term

NOT_IGNORABLE = {"msgfmt", "header", "untranslated", "fuzzy"}
IGNORE_COMMENT = re.compile(r"check-po:\s*ignore\s+([\w ,-]+)")


def start_of(msgid: str, width: int = 40) -> str:
    text = re.sub(r"\s+", " ", msgid).strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    check: str
    msgid: str
    advice: str

    def __str__(self) -> str:
        if self.msgid:
            return f'{self.path}:{self.line}: [{self.check}] "{start_of(self.msgid)}": {self.advice}'
        return f"{self.path}:{self.line}: [{self.check}] {self.advice}"


@dataclass
class Catalog:
    """One PO file and what the checks need to know about it."""

    path: Path
    lang: str
    status: str  # published / draft
    locale_dir: Path
    po: polib.POFile | None = None
    msgid_lines: dict[int, int] = field(default_factory=dict)  # id(entry) -> line of its msgid
    interface: bool = False  # sphinx.po: HTML, not reST
    terms: list[Term] = field(default_factory=list)  # locale/terminology.csv

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def line_of(self, entry: polib.POEntry) -> int:
        return self.msgid_lines.get(id(entry), entry.linenum)

    def finding(self, entry: polib.POEntry | None, check: str, advice: str) -> Finding:
        if entry is None:
            return Finding(self.shown, 1, check, "", advice)
        return Finding(self.shown, self.line_of(entry), check, entry.msgid, advice)

    def live_entries(self) -> list[polib.POEntry]:
        return [e for e in self.po if not e.obsolete and e.msgid]


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def translations_of(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(English, translation) pairs: one, or one per plural form."""
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        return [(entry.msgid if i == 0 else entry.msgid_plural, s) for i, s in enumerate(forms)]
    return [(entry.msgid, entry.msgstr)]


def ignored_checks(entry: polib.POEntry) -> set[str]:
    ignored: set[str] = set()
    for match in IGNORE_COMMENT.finditer(entry.tcomment or ""):
        ignored |= {w.strip() for w in re.split(r"[ ,]+", match.group(1)) if w.strip()}
    return ignored - NOT_IGNORABLE


def msgid_lines(path: Path, po: polib.POFile) -> dict[int, int]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    result = {}
    for entry in po:
        if entry.obsolete:
            continue
        i = max(entry.linenum - 1, 0)
        while i < len(lines) and not lines[i].startswith("msgid "):
            i += 1
        result[id(entry)] = i + 1 if i < len(lines) else entry.linenum
    return result


def entry_at(cat: Catalog, line: int) -> polib.POEntry | None:
    """The entry whose text spans ``line`` (sphinx-lint reports an entry's first line)."""
    best = None
    for entry in cat.po:
        if entry.obsolete:
            continue
        if entry.linenum <= line or cat.line_of(entry) <= line:
            best = entry
        else:
            break
    return best
