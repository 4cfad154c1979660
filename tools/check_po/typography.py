"""Typography (French and Dutch spacing, brackets) and translate-toolkit's pofilter checks."""

from __future__ import annotations

import re
from functools import cache

from .catalog import Catalog, Finding
from .text import NBSP, NNBSP, visible_text


def check_typography(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    text = visible_text(translation, cat.interface)
    out = []
    if cat.lang == "fr":
        for m in re.finditer(r"(?<=[\w)\]»%…\"'*])([;:!?»])", text):
            if m.group(1) == ":" and re.match(r":\d", text[m.start():]):
                continue  # 10:30
            if m.group(1) == ":" and text[m.start():m.start() + 2] == "::":
                continue
            out.append(cat.finding(entry, "typography",
                f"put a no-break space before “{m.group(1)}” (Belgian French typography: "
                f"“mot{NBSP}{m.group(1)}”, not “mot{m.group(1)}”)."))  # fmt: skip
            break
        for m in re.finditer(r"[ \t]([;:!?»])", text):
            out.append(cat.finding(entry, "typography",
                f"the space before “{m.group(1)}” must be a no-break space (U+00A0, or the narrow "
                "U+202F), so that the sign never starts a line: type it in Poedit with Alt+0160 "
                "or Option+Space, or copy it from the guide."))  # fmt: skip
            break
        for m in re.finditer(r"«(?![\u00a0\u202f])", text):
            out.append(cat.finding(entry, "typography", f"put a no-break space after “«”: «{NBSP}mot{NBSP}»."))
            break
    elif cat.lang == "nl":
        for m in re.finditer(r"(?<=\w)[ \u00a0\u202f]+([;:!?])(?!\w)", text):
            out.append(cat.finding(entry, "typography",
                f"no space before “{m.group(1)}” in Dutch: “woord{m.group(1)}”."))  # fmt: skip
            break
    return out


BRACKETS = {"(": ")", "[": "]", "{": "}"}


def unbalanced(text: str) -> str | None:
    stack = []
    for ch in text:
        if ch in BRACKETS:
            stack.append(ch)
        elif ch in BRACKETS.values():
            if not stack or BRACKETS[stack.pop()] != ch:
                return ch
    return stack[-1] if stack else None


def check_brackets(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    """A bracket opened and not closed (or the reverse), where the English has none."""
    dst = visible_text(translation, cat.interface)
    bad = unbalanced(dst)
    if bad and not unbalanced(visible_text(english, cat.interface)):
        return [cat.finding(entry, "brackets", f"the “{bad}” has no partner: close every bracket you open.")]
    return []


# translate-toolkit's checks, run on the raw messages ...
POFILTER_RAW_CHECKS = (
    "doublespacing", "endwhitespace", "startwhitespace", "escapes", "newlines", "tabs", "printf",
    "pythonbraceformat",
)  # fmt: skip
# ... and on the text a reader sees (reST markup would make them misfire: ":term:" is
# not punctuation that starts a sentence).
POFILTER_TEXT_CHECKS = ("doublewords", "endpunc", "purepunc")
POFILTER_CHECKS = POFILTER_RAW_CHECKS + POFILTER_TEXT_CHECKS
# Words that are correctly doubled ("vous vous inquiétez", "dat dat klopt").
LEGIT_DOUBLE_WORDS = {
    "fr": {"vous", "nous", "faire"},  # « faire faire »: to have something done
    "nl": {"dat", "die", "had", "is", "was", "er", "zijn", "het", "je", "u", "ons", "zich"},
    "de": {"die", "der", "das", "sie"},
}


@cache
def _checker(lang: str):
    from translate.filters import checks

    return checks.StandardChecker(checkerconfig=checks.CheckerConfig(targetlanguage=lang))


def _for_pofilter(text: str, interface: bool) -> str:
    return visible_text(text, interface).replace(NNBSP, NBSP).replace("...", "…")


def check_pofilter_raw(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    """POFILTER_RAW_CHECKS on the messages as written."""
    # translate-toolkit knows the no-break space, not the narrow one Belgian French also uses.
    return _pofilter(cat, entry, POFILTER_RAW_CHECKS, english, translation.replace(NNBSP, NBSP), english)


def check_pofilter_text(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    """POFILTER_TEXT_CHECKS on the text a reader sees."""
    src, dst = _for_pofilter(english, cat.interface), _for_pofilter(translation, cat.interface)
    return _pofilter(cat, entry, POFILTER_TEXT_CHECKS, src, dst, english)


def _pofilter(cat: Catalog, entry, names: tuple[str, ...], src: str, dst: str, english: str) -> list[Finding]:
    from translate.storage import pypo

    unit = pypo.pounit(src)
    unit.target = dst
    try:
        found = _checker(cat.lang).run_filters(unit)
    except Exception as exc:  # a crash in a third-party check must not hide the others
        found = {names[0]: f"translate-toolkit failed on this entry: {exc}"}
    out = []
    for name, message in sorted(found.items()):
        if name not in names:
            continue
        text = message if isinstance(message, str) else "; ".join(map(str, message))
        if name == "doublewords":
            m = re.search(r"'(.+?)'", text)
            if m and m.group(1).lower().strip(",.;:") in LEGIT_DOUBLE_WORDS.get(cat.lang, set()) | {"x"}:
                continue  # "x": two literals in a row (``nl``, ``fr``), which the check sees as X, X
            if m and re.search(rf"(?<!\w){re.escape(m.group(1))}\s+{re.escape(m.group(1))}(?!\w)", english, re.I):
                continue  # doubled in the English too: 02 511 64 64
        out.append(cat.finding(entry, name, f"pofilter {name}: {text}; compare with the English."))
    return out
