"""Spelling: hunspell with the project's word lists (locale/wordlist.txt, locale/<lang>/wordlist.txt).

Names are told from misspellings with the English dictionary: a capitalised word of the
English that is not an English word (Payoke, Sürya) is accepted.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from handbook_ext import languages

from .catalog import Finding, ignored_checks
from .terminology import forbidden_pattern, load_terminology_cached, term_pattern
from .text import normalize, visible_text

# Hunspell dictionaries, best first; the first one installed is used. The language's
# locale in pyproject.toml (nl_BE) comes first, then the plain language, then any variant.
DICTIONARY_DIRS = [Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell")]


def find_dictionary(lang: str) -> str | None:
    for name in (languages.locale(lang), lang, f"{lang}_{lang.upper()}"):
        for directory in DICTIONARY_DIRS:
            if (directory / f"{name}.dic").is_file():
                return str(directory / name)
    for directory in DICTIONARY_DIRS:
        for dic in sorted(directory.glob(f"{lang}_*.dic")):
            return str(dic.with_suffix(""))
    return None


def load_wordlist(*paths: Path) -> list[str]:
    words = []
    for path in paths:
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
                if line:
                    words.append(line)
    return words


def hunspell_unknown(dictionary: str, lines: list[str]) -> list[list[str]]:
    """The words hunspell does not know, per line (``hunspell -l``, which is fast)."""
    if not lines:
        return []
    text = "".join(line.replace("\n", " ") + "\n" for line in lines)
    proc = subprocess.run(["hunspell", "-l", "-i", "utf-8", "-d", dictionary], input=text,
                          capture_output=True, text=True, encoding="utf-8")  # fmt: skip
    if proc.returncode:
        raise RuntimeError(f"hunspell -d {dictionary} failed: {proc.stderr.strip()}")
    unknown = sorted(set(proc.stdout.split()), key=len, reverse=True)
    if not unknown:
        return [[] for _ in lines]
    pattern = re.compile(r"(?<![\w'-])(" + "|".join(map(re.escape, unknown)) + r")(?![\w'-])")
    return [list(dict.fromkeys(m.group(1) for m in pattern.finditer(line))) for line in lines]


def hunspell_suggestions(dictionary: str, words: list[str]) -> dict[str, list[str]]:
    """Up to three suggestions per word (``hunspell -a``: slow, about a quarter second a word)."""
    if not words:
        return {}
    proc = subprocess.run(["hunspell", "-a", "-i", "utf-8", "-d", dictionary],
                          input="".join(f"^{w}\n" for w in words), capture_output=True, text=True,
                          encoding="utf-8")  # fmt: skip
    result: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("& "):
            head, _, suggestions = line.partition(": ")
            result[head.split()[1]] = [s.strip() for s in suggestions.split(",")][:3]
    return result


def phrase_remover(phrases: list[str]) -> re.Pattern | None:
    """One pattern for every word-list entry; a lower-case entry also matches capitalised."""
    if not phrases:
        return None
    alternatives = []
    for phrase in sorted({normalize(p) for p in phrases}, key=len, reverse=True):
        head, rest = phrase[0], re.escape(phrase[1:])
        if head.islower():
            alternatives.append(f"[{re.escape(head)}{re.escape(head.upper())}]{rest}")
        else:
            alternatives.append(re.escape(head) + rest)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def spelling_text(text: str, remover: re.Pattern | None, terms: list[re.Pattern]) -> str:
    text = normalize(text)
    if remover:
        text = remover.sub(" ", text)
    for pattern in terms:
        text = pattern.sub(" ", text)
    text = re.sub(r"(?<=\w)\+(?=\w)", " ", text)  # key combinations: "Option+spatiebalk"
    return re.sub(r"(?<!\w)-(?=\w)", " ", text)  # what is left of "EPUB-bestanden"


def check_spelling(only_lang: str, messages: list, suggest: bool = False) -> list[Finding]:
    """messages: (catalog, entry, english, translation) of one language."""
    if not messages:
        return []
    first = messages[0][0]
    english_dict = find_dictionary("en")
    if english_dict is None:
        # Without it, names (Payoke, Sürya) cannot be told from misspellings: stop, never guess.
        raise RuntimeError(
            "no English hunspell dictionary is installed; the spelling check needs it to recognise "
            "names: install the Debian package hunspell-en-us ('make system-deps' does it).")  # fmt: skip
    dictionary = find_dictionary(only_lang)
    if dictionary is None:
        if first.status == "published":
            return [first.finding(None, "spelling",
                f"no hunspell dictionary for {only_lang!r} is installed: install one "
                f"(Debian: hunspell-{only_lang}) so that spelling can be checked.")]  # fmt: skip
        print(f"note: no hunspell dictionary for {only_lang!r}; its spelling is not checked.", file=sys.stderr)
        return []
    remover, term_patterns = word_lists(first.locale_dir, only_lang)
    lines = [spelling_text(visible_text(tr, cat.interface), remover, term_patterns) for cat, _, _, tr in messages]
    results = hunspell_unknown(dictionary, lines)
    known = Known(remover, not_english_names(english_dict, results), known_parts(dictionary, results))
    reported = []
    for (cat, entry, english, _), misspelled in zip(messages, results, strict=True):
        if "spelling" not in ignored_checks(entry):
            src_words = set(re.findall(r"[\w'-]+", normalize(visible_text(english, cat.interface))))
            reported += [(cat, entry, word) for word in known.unknown_words(misspelled, src_words)]
    suggestions = hunspell_suggestions(dictionary, sorted({w for _, _, w in reported})) if suggest else {}
    out = []
    for cat, entry, word in reported:
        hint = f" (hunspell suggests: {', '.join(suggestions[word])})" if suggestions.get(word) else ""
        out.append(cat.finding(entry, "spelling",
            f"unknown word “{word}”{hint}: correct it, or, if it is right (a name, a "
            f"term) and a reviewer agrees, add it to locale/{cat.lang}/wordlist.txt."))  # fmt: skip
    return out


def word_lists(locale_dir: Path, only_lang: str) -> tuple[re.Pattern | None, list[re.Pattern]]:
    """What is never a spelling mistake: the word lists (one pattern) and the terminology's words."""
    wordlist = load_wordlist(locale_dir / "wordlist.txt", locale_dir / only_lang / "wordlist.txt")
    terms = load_terminology_cached(locale_dir / "terminology.csv")
    # The handbook's terms are right in every language's text (the guide quotes the French
    # term in Dutch).
    term_patterns = [term_pattern(form, lang) for t in terms for lang, forms in t.forms.items()
                     if lang != "en" for form in forms]  # fmt: skip
    # Quoting an English term or a forbidden word ("*teen pimp*: *tienerpooier* in Dutch") is
    # not a spelling mistake; whether the right term is used is the terminology check's job.
    term_patterns += [forbidden_pattern(f) for t in terms for f in t.forms.get("en", [])]
    term_patterns += [forbidden_pattern(f) for t in terms for forms in t.forbidden.values() for f in forms]
    return phrase_remover(wordlist), term_patterns


def not_english_names(english_dict: str, results: list[list[str]]) -> set[str]:
    """Names: the capitalised words hunspell did not know that are not English words either (Payoke, Sürya)."""
    candidates = []
    for misspelled in results:
        for word in misspelled:
            for part in re.split(r"[-+]", word.rstrip(".")):
                if part and part[0].isupper():
                    candidates.append(part)
    if not candidates:
        return set()
    unique = sorted(set(candidates))
    return {word for word, res in zip(unique, hunspell_unknown(english_dict, unique), strict=True) if res}


def known_parts(dictionary: str, results: list[list[str]]) -> set[str]:
    """The parts hunspell knows of the hyphenated words it did not know (PO-bestand, EPUB-formaat)."""
    parts = sorted({p for word in {w.rstrip(".") for res in results for w in res if re.search(r"[-+]", w)}
                    for p in re.split(r"[-+]", word) if p})  # fmt: skip
    return {p for p, res in zip(parts, hunspell_unknown(dictionary, parts), strict=True) if not res}


@dataclass
class Known:
    """What the spelling check accepts of the words hunspell does not know."""

    remover: re.Pattern | None  # the word lists
    names: set[str]  # not_english_names: right where the English has them
    parts: set[str]  # known_parts: a word joined with a hyphen is right when each part is

    def accepted(self, part: str, src_words: set[str]) -> bool:
        if part in self.parts or (self.remover and self.remover.fullmatch(part)):
            return True
        name = part in src_words or any(part in w.split("-") for w in src_words)
        return name and (part in self.names or (part.isupper() and len(part) <= 8))

    def unknown_words(self, misspelled: list[str], src_words: set[str]) -> list[str]:
        """The words of one message to report, once each (src_words: the words of its English)."""
        unknown: list[str] = []
        for word in misspelled:
            word = word.rstrip(".")  # French hunspell keeps the full stop of "etc."
            if re.search(r"\d", word) or word.endswith("-") or not word:
                continue  # 422bis, 417/25; "zorg- en schoolteam"
            if word in unknown or all(self.accepted(part, src_words) for part in re.split(r"[-+]", word) if part):
                continue
            unknown.append(word)
        return unknown
