"""The catalog and its format: msgfmt --check, the header, untranslated and fuzzy entries."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import polib
from babel.core import UnknownLocaleError
from babel.messages.plurals import PLURALS, get_plural

from handbook_ext.languages import INTERFACE_CATALOG

from .catalog import Catalog, Finding, entry_at, is_translated

ADVICE = {
    "untranslated": "translate this entry (published languages must be complete).",
    "fuzzy": "the English changed (or this is a suggestion): compare with the old English on the "
    "#| lines, fix the translation, then remove the fuzzy mark (in Poedit: untick “Needs work”).",
}


def run_msgfmt(path: Path) -> tuple[bool, list[tuple[int, str]]]:
    """GNU msgfmt --check: (fatal?, [(line, message)]), a continuation merged into its message."""
    proc = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True,
                          text=True, env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""})  # fmt: skip
    messages: list[tuple[int, str]] = []
    for line in proc.stderr.splitlines():
        m = re.match(r"^(.*?):(\d+): (.*)$", line)
        if m and m.group(3).startswith("...") and messages:
            last_line, last = messages[-1]
            note = m.group(3).strip(". ")
            note = f"first defined at line {m.group(2)}" if "first definition" in note else f"line {m.group(2)}: {note}"
            messages[-1] = (last_line, f"{last.rstrip('.')} ({note})")
        elif m:
            messages.append((int(m.group(2)), m.group(3).strip()))
        elif line.startswith("msgfmt: found") or not line.strip():
            continue  # the count of the lines above
        else:
            messages.append((1, line.strip()))
    if proc.returncode and not messages:
        messages.append((1, "msgfmt --check failed"))
    return proc.returncode != 0, messages


def msgfmt_findings(cat: Catalog, messages: list[tuple[int, str]]) -> list[Finding]:
    out = []
    for line, message in messages:
        entry = entry_at(cat, line) if cat.po is not None else None
        msgid = entry.msgid if entry is not None and line > 1 else ""
        out.append(Finding(cat.shown, line, "msgfmt", msgid, f"msgfmt --check says: {message}; fix this line."))
    return out


def expected_plural_forms(cat: Catalog) -> str | None:
    interface = cat.locale_dir / cat.lang / "LC_MESSAGES" / INTERFACE_CATALOG
    if interface.is_file() and interface != cat.path:
        try:
            value = polib.pofile(str(interface)).metadata.get("Plural-Forms")
            if value:
                return value
        except (OSError, ValueError):
            pass
    return plural_forms(cat.lang)


def plural_forms(lang: str) -> str | None:
    """The language's Plural-Forms line from Babel (CLDR), as the project writes it.

    Babel 2.18 writes "nplurals=2; plural=(n != 1);" for nl and
    "nplurals=2; plural=(n > 1);" for fr: byte for byte the lines in our
    sphinx.po files. None for a language not in Babel's table (Babel would
    guess "(n != 1)" for it).
    """
    if lang.split("_")[0].split("@")[0] not in PLURALS:
        return None
    try:
        return str(get_plural(lang))
    except (UnknownLocaleError, ValueError):
        return None


def _squash(value: str) -> str:
    return re.sub(r"\s+", "", value).rstrip(";")


def check_header(cat: Catalog) -> list[Finding]:
    meta = cat.po.metadata
    out = []

    def add(advice: str) -> None:
        out.append(Finding(cat.shown, 1, "header", "", advice))

    if cat.po.metadata_is_fuzzy:
        add("the header is marked fuzzy, so its charset is ignored: remove the “#, fuzzy” line above msgid \"\".")
    if meta.get("Language") != cat.lang:
        add(f"the header says Language: {meta.get('Language', '(nothing)')}; it must be "
            f"“Language: {cat.lang}” (the file is in locale/{cat.lang}/).")  # fmt: skip
    content_type = meta.get("Content-Type", "")
    if not re.fullmatch(r"text/plain;\s*charset=utf-8", content_type.strip(), re.I):
        add(f"the header says Content-Type: {content_type or '(nothing)'}; it must be "
            "“Content-Type: text/plain; charset=UTF-8”.")  # fmt: skip
    plural = meta.get("Plural-Forms", "")
    expected = expected_plural_forms(cat)
    if not re.fullmatch(r"\s*nplurals=\d+;\s*plural=.+;?\s*", plural):
        add(f"the header has no valid Plural-Forms line; use “Plural-Forms: {expected or 'nplurals=…; plural=…;'}”.")
    elif expected and _squash(plural) != _squash(expected):
        add(f"the header says Plural-Forms: {plural}; {cat.lang} uses “{expected}”.")
    return out


def check_untranslated(cat: Catalog, entry: polib.POEntry) -> list[Finding]:
    if cat.status == "published" and not is_translated(entry) and "fuzzy" not in entry.flags:
        return [cat.finding(entry, "untranslated", ADVICE["untranslated"])]
    return []


def check_fuzzy(cat: Catalog, entry: polib.POEntry) -> list[Finding]:
    if cat.status == "published" and "fuzzy" in entry.flags:
        return [cat.finding(entry, "fuzzy", ADVICE["fuzzy"])]
    return []
