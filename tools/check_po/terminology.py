"""locale/terminology.csv: the listed terms are used (terminology), the forbidden ones not (forbidden)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .catalog import Catalog, Finding, display_path
from .text import normalize, visible_text

# Languages that glue nouns together: a term may start a longer word
# (jeugdhulp -> jeugdhulpvoorziening).
COMPOUNDING = {"nl", "de"}


@dataclass
class Term:
    forms: dict[str, list[str]]  # language -> accepted forms, the first preferred
    forbidden: dict[str, list[str]]  # language ("*" = every language) -> forbidden variants
    note: str
    line: int


def _words(form: str) -> list[str]:
    return normalize(form).split()


def term_pattern(form: str, lang: str) -> re.Pattern:
    """A listed term, inflected: the last letter of each word may change and endings be added."""
    parts = []
    for word in _words(form):
        if lang == "en":
            parts.append(re.escape(word) + r"(?:s|es|'s)?")
            continue
        stem = word[:-1] if len(word) >= 5 and word[-1].isalpha() else word
        tail = r"\w*" if lang in COMPOUNDING else r"\w{0,3}"
        parts.append(re.escape(stem) + tail)
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.I)


def forbidden_pattern(form: str) -> re.Pattern:
    """A forbidden word, with at most two letters of ending (loverboys, prostituées)."""
    parts = [re.escape(w) + r"\w{0,2}" for w in _words(form)]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.I)


class TerminologyError(Exception):
    pass


def load_terminology(path: Path) -> list[Term]:
    if not path.is_file():
        return []
    terms = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or "en" not in reader.fieldnames:
            raise TerminologyError(f"{display_path(path)}: the first line must name the columns: en,nl,fr,note,forbidden")
        for row in reader:
            line = reader.line_num
            forms = {
                lang: [v.strip() for v in (value or "").split("|") if v.strip()]
                for lang, value in row.items()
                if lang and lang not in ("note", "forbidden")
            }
            forbidden: dict[str, list[str]] = {}
            for item in (row.get("forbidden") or "").split("|"):
                item = item.strip()
                if not item:
                    continue
                match = re.fullmatch(r"([a-z]{2,3}):(.+)", item)
                lang, variant = (match.group(1), match.group(2).strip()) if match else ("*", item)
                forbidden.setdefault(lang, []).append(variant)
            terms.append(Term(forms, forbidden, (row.get("note") or "").strip(), line))
    return terms


@cache
def load_terminology_cached(path: Path) -> list[Term]:
    return load_terminology(path)


def check_terminology(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    src = normalize(visible_text(english, cat.interface))
    dst = normalize(visible_text(translation, cat.interface))
    out = []
    for term in cat.terms:
        en_forms = term.forms.get("en", [])
        wanted = term.forms.get(cat.lang, [])
        if wanted and any(term_pattern(f, "en").search(src) for f in en_forms):
            if not any(term_pattern(f, cat.lang).search(dst) for f in wanted):
                used = next(f for f in en_forms if term_pattern(f, "en").search(src))
                out.append(cat.finding(entry, "terminology",
                    f"the English says “{used}”: use “{' / '.join(wanted)}” (or an inflected form; "
                    f"locale/terminology.csv, line {term.line})."))  # fmt: skip
        # An English message that itself names a forbidden word of this line ("the old word
        # loverboy", "never say child prostitute") may be translated with the forbidden words.
        quoted = any(forbidden_pattern(v).search(src)
                     for v in term.forbidden.get("en", []) + term.forbidden.get("*", []))  # fmt: skip
        for variant in term.forbidden.get(cat.lang, []) + term.forbidden.get("*", []):
            pattern = forbidden_pattern(variant)
            if pattern.search(dst) and not quoted and not pattern.search(src):
                preferred = wanted[0] if wanted else "the listed term"
                out.append(cat.finding(entry, "forbidden",
                    f"“{pattern.search(dst).group(0)}” must not be used: write “{preferred}” "
                    f"(locale/terminology.csv, line {term.line}, says why)."))  # fmt: skip
    return out
