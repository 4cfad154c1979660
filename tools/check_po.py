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
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

INTERFACE_CATALOG = "sphinx.po"
NBSP, NNBSP = "\u00a0", "\u202f"

PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
}
# Languages that glue nouns together: a term may start a longer word
# (jeugdhulp -> jeugdhulpvoorziening).
COMPOUNDING = {"nl", "de"}
# Hunspell dictionaries, best first; the first one installed is used.
DICTIONARY_DIRS = [Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell")]

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
ALL_CHECKS = (
    "msgfmt", "header", "untranslated", "fuzzy", "markup", "lint", "numbers", "links",
    "terminology", "forbidden", "spelling", "typography", "brackets", *POFILTER_CHECKS,
)  # fmt: skip
NOT_IGNORABLE = {"msgfmt", "header", "untranslated", "fuzzy"}
IGNORE_COMMENT = re.compile(r"check-po:\s*ignore\s+([\w ,-]+)")

ADVICE = {
    "untranslated": "translate this entry (published languages must be complete).",
    "fuzzy": "the English changed (or this is a suggestion): compare with the old English on the "
    "#| lines, fix the translation, then remove the fuzzy mark (in Poedit: untick “Needs work”).",
}


# -- findings --------------------------------------------------------------------------


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


# -- text helpers ----------------------------------------------------------------------

XREF_ROLES = {"term", "ref", "doc", "numref", "any", "download", "keyword", "token", "option",
              "envvar", "confval", "external"}  # fmt: skip
ROLE = re.compile(r"(?<![\w`\\]):((?:[A-Za-z][\w+.-]*:)?[A-Za-z][\w+.-]*):`((?:[^`\\]|\\.)+)`")
LINK = re.compile(r"(?<![\w`\\])`((?:[^`\\]|\\.)+?)\s*<([^<>`]+)>`__?")
NAMED_REF = re.compile(r"(?<![\w`\\])`((?:[^`\\]|\\.)+?)`__?(?![\w])")
LITERAL = re.compile(r"``(.+?)``")
URL = re.compile(r"(?:https?://|www\.)[^\s<>`\"'«»]+|\b(?:tel|mailto):[^\s<>`\"'«»]+", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
DOMAIN = re.compile(r"(?<![\w@./-])(?:[\w-]+\.)+(?:be|org|com|net|eu|nl|fr|de|info|gov\.uk)(?:/[^\s<>`\"'«»]*)?(?![\w-])", re.I)
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
PLACEHOLDER = re.compile(r"%\([\w]+\)[sd]|%[sd]|\$\{\w+\}|\{\w*\}")
SUBSTITUTION = re.compile(r"\|[^|\s][^|]*\|_{0,2}")
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0\u202f.,]\d{3}(?!\d))*(?:[.,]\d+)?")


def split_title(text: str) -> tuple[str | None, str]:
    match = re.fullmatch(r"(.*?)\s*<(.+)>", text, re.S)
    if match and match.group(1):
        return match.group(1), match.group(2)
    return None, text


def visible_text(message: str, interface: bool = False) -> str:
    """What a reader sees of a message: markup, targets, literals, URLs and e-mails removed.

    A reference whose text Sphinx fills in (:doc:`/help`) becomes the word "X".
    """
    text = message
    if interface:
        text = HTML_TAG.sub(" ", text)
        text = PLACEHOLDER.sub(" ", text)
    text = LITERAL.sub("X", text)

    def role(match: re.Match) -> str:
        name, content = match.group(1), match.group(2)
        title, target = split_title(content)
        short = name.rsplit(":", 1)[-1]
        if short in XREF_ROLES or ":" in name:
            if title is not None:
                return title
            return target.lstrip("~!") if short in ("term", "abbr", "keyword") else "X"
        if short in ("math", "code", "literal", "samp", "file", "kbd", "command", "program"):
            return "X"
        return content

    text = ROLE.sub(role, text)
    text = LINK.sub(lambda m: m.group(1), text)
    text = NAMED_REF.sub(lambda m: m.group(1), text)
    text = URL.sub(" ", text)
    text = EMAIL.sub(" ", text)
    text = DOMAIN.sub(" ", text)
    text = SUBSTITUTION.sub(" ", text)
    text = re.sub(r"\\ ", "", text)  # reST's escaped space (word\ s)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    text = re.sub(r"::\s*$", ":", text)
    return text


def normalize(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace(NBSP, " ").replace(NNBSP, " ")


# -- markup (reST parsed with docutils) ------------------------------------------------


@cache
def _docutils():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser, roles, states
    from docutils.parsers.rst import languages as rst_languages
    from docutils.utils import new_document

    class role_node(nodes.Inline, nodes.TextElement):
        pass

    settings = get_default_settings(Parser)
    settings.report_level = 5
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    return types.SimpleNamespace(nodes=nodes, roles=roles, states=states, new_document=new_document,
                                 language=rst_languages.get_language("en"), settings=settings,
                                 role_node=role_node, registered=set())  # fmt: skip


def _capture_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    du = _docutils()
    node = du.role_node(rawtext, text)
    node["role"] = name
    return [node], []


@dataclass
class Markup:
    xrefs: Counter = field(default_factory=Counter)  # (role, target)
    roles: Counter = field(default_factory=Counter)  # other roles, by name
    links: Counter = field(default_factory=Counter)  # (url, "anonymous" / "named" / "bare")
    refnames: Counter = field(default_factory=Counter)  # `name`_ references to targets
    literals: Counter = field(default_factory=Counter)
    emphasis: int = 0
    strong: int = 0
    title_refs: int = 0
    substitutions: Counter = field(default_factory=Counter)
    footnotes: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def parse_markup(text: str) -> Markup:
    du = _docutils()
    nodes = du.nodes
    for name in set(re.findall(r":((?:[A-Za-z][\w+.-]*:)?[A-Za-z][\w+.-]*):`", text)):
        if name not in du.registered:
            du.roles.register_local_role(name, _capture_role)
            du.registered.add(name)
    document = du.new_document("<po>", du.settings)
    inliner = du.states.Inliner()
    inliner.init_customizations(document.settings)
    memo = types.SimpleNamespace(document=document, reporter=document.reporter, language=du.language,
                                 title_styles=[], section_level=0, section_bubble_up_kludge=False,
                                 inliner=inliner)  # fmt: skip
    parent = nodes.paragraph()
    result, messages = inliner.parse(text, 1, memo, parent)
    parent += result
    found = Markup()
    named_targets = {t["refuri"] for t in parent.findall(nodes.target) if t.get("refuri") and t.get("names")}
    for msg in messages:
        text = msg.children[0].astext() if msg.children else msg.astext()
        found.problems.append(re.sub(r"\s+", " ", text).strip())
    for node in parent.findall():
        if isinstance(node, du.role_node):
            name = node["role"]
            short = name.rsplit(":", 1)[-1]
            if short in XREF_ROLES or ":" in name:
                title, target = split_title(node.astext())
                target = re.sub(r"\s+", " ", target).strip()
                found.xrefs[(short, target.lower() if short == "term" else target)] += 1
            else:
                found.roles[short] += 1
        elif isinstance(node, nodes.reference):
            if "refuri" in node:
                if not node.get("name"):
                    kind = "bare"  # a standalone address
                elif node["refuri"] in named_targets:
                    kind = "named"  # `text <url>`_ (it also defines a target)
                else:
                    kind = "anonymous"  # `text <url>`__
                found.links[(node["refuri"], kind)] += 1
            elif "refname" in node:
                found.refnames[node["refname"]] += 1
        elif isinstance(node, nodes.literal):
            found.literals[node.astext()] += 1
        elif isinstance(node, nodes.strong):
            found.strong += 1
        elif isinstance(node, nodes.emphasis):
            found.emphasis += 1
        elif isinstance(node, nodes.title_reference):
            found.title_refs += 1
        elif isinstance(node, nodes.substitution_reference):
            found.substitutions[node.get("refname", "")] += 1
        elif isinstance(node, nodes.footnote_reference):
            found.footnotes[node.get("refname", node.astext())] += 1
        elif isinstance(node, nodes.problematic) and not messages:
            found.problems.append(f"unparsable markup: {node.astext()!r}")
    return found


def _shortlist(items) -> str:
    return ", ".join(sorted(items))


def check_markup(cat: Catalog, entry: polib.POEntry, english: str, translation: str) -> list[Finding]:
    if cat.interface:
        return []  # sphinx.po holds HTML, not reST
    src, dst = parse_markup(english), parse_markup(translation)
    out: list[Finding] = []

    def add(advice: str) -> None:
        out.append(cat.finding(entry, "markup", advice))

    if dst.problems and not src.problems:
        add(f"broken reST markup ({dst.problems[0]}): every *, ` and | of the English needs its pair, "
            "and markup must start after a space or punctuation.")  # fmt: skip
    for (role, target), n in (src.xrefs - dst.xrefs).items():
        extra = [t for (r, t) in dst.xrefs - src.xrefs if r == role]
        changed = f" (the translation points to {_shortlist(extra)!s})" if extra else ""
        example = f":{role}:`your words <{target}>`"
        add(f"the :{role}: reference to “{target}” is missing or changed{changed}: keep the English "
            f"target after the <, e.g. {example}.")  # fmt: skip
    for (role, target), n in (dst.xrefs - src.xrefs).items():
        if not any(r == role for (r, _) in src.xrefs - dst.xrefs):
            add(f"the translation has a :{role}: reference to “{target}” that the English does not have.")
    for name in (src.roles - dst.roles) | (dst.roles - src.roles):
        add(f"the :{name}: role appears {src.roles[name]}× in the English and {dst.roles[name]}× "
            "in the translation; keep it.")  # fmt: skip
    src_urls = Counter({url: n for (url, kind), n in src.links.items()})
    for (url, kind), n in (src.links - dst.links).items():
        how = {"anonymous": f"`your words <{url}>`__", "named": f"`your words <{url}>`_", "bare": url}[kind]
        if any(u == url for (u, k) in dst.links):
            add(f"the link to {url} lost its markup (a backtick or the underscores): write it as {how}, "
                "or it shows as plain text with the address printed.")  # fmt: skip
        else:
            add(f"the link to {url} is missing or its address changed: write {how} with the same address.")
    for (url, kind), n in (dst.links - src.links).items():
        if url not in src_urls:
            add(f"the translation has a link to {url} that the English does not have.")
    for name in (src.refnames - dst.refnames) | (dst.refnames - src.refnames):
        add(f"the reference `{name}`_ must appear as in the English (same name, with backticks "
            "and underscore).")  # fmt: skip
    for lit in (src.literals - dst.literals):
        add(f"the literal ``{lit}`` must be copied unchanged, with its double backticks.")
    for lit in (dst.literals - src.literals):
        if not (src.literals - dst.literals):
            add(f"the translation has a literal ``{lit}`` that the English does not have.")
    if src.emphasis != dst.emphasis:
        add(f"the English has {src.emphasis} *emphasis*, the translation {dst.emphasis}: "
            "put one single * on each side of the emphasised words.")  # fmt: skip
    if src.strong != dst.strong:
        add(f"the English has {src.strong} **strong** text, the translation {dst.strong}: "
            "put ** on each side of the words.")  # fmt: skip
    if src.title_refs != dst.title_refs:
        add("single backticks (`...`) differ from the English: copy the markup of the English.")
    if src.substitutions != dst.substitutions:
        add(f"substitutions differ: keep {_shortlist(f'|{s}|' for s in src.substitutions)} as in the English.")
    if src.footnotes != dst.footnotes:
        add("footnote references ([#]_ or [1]_) differ from the English: keep them.")
    if english.rstrip().endswith("::") and not translation.rstrip().endswith("::"):
        add("the English ends with :: (a code block follows): end the translation with :: too.")
    return out


# -- numbers, links --------------------------------------------------------------------


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group(0)) for m in NUMBER.finditer(text)}


def shown_number(text: str, digits: str) -> str:
    for m in NUMBER.finditer(text):
        if re.sub(r"\D", "", m.group(0)) == digits:
            return m.group(0).replace(NBSP, " ").replace(NNBSP, " ")
    return digits


def links_in(text: str) -> set[str]:
    found = set()
    for pattern in (URL, EMAIL, DOMAIN):
        for m in pattern.finditer(text):
            value = m.group(0).rstrip(".,;:!?)»")
            found.add(value)
    # www.x.be inside https://www.x.be is one address, not two
    return {v for v in found if not any(v != o and v in o for o in found)}


def check_numbers(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    src_text = visible_text(english, cat.interface)
    dst_text = visible_text(translation, cat.interface)
    src, dst = numbers_in(src_text), numbers_in(dst_text)
    out = []
    for digits in sorted(src - dst):
        out.append(cat.finding(entry, "numbers",
            f"the number {shown_number(src_text, digits)} of the English is missing: copy numbers, "
            "phone numbers and dates exactly (only the spaces in them may differ)."))  # fmt: skip
    for digits in sorted(dst - src):
        out.append(cat.finding(entry, "numbers",
            f"the translation has the number {shown_number(dst_text, digits)}, which the English "
            "does not have: check it (write numbers the way the English does, in digits or in words)."))  # fmt: skip
    return out


def check_links(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    src, dst = links_in(english), links_in(translation)
    out = []
    accepted: set[str] = set()
    for link in sorted(src):
        options = {link}
        for term in cat.terms:
            for en_form in term.forms.get("en", []):
                if en_form in link:
                    options |= {link.replace(en_form, f) for f in term.forms.get(cat.lang, [])}
        accepted |= options
        if not options & dst:
            local = sorted(options - {link})
            alt = f" (or {', '.join(local)})" if local else ""
            out.append(cat.finding(entry, "links",
                f"the address {link}{alt} of the English is missing or changed: copy web addresses, "
                "phone links and e-mail addresses exactly."))  # fmt: skip
    for link in sorted(dst - accepted):
        out.append(cat.finding(entry, "links",
            f"the translation has the address {link}, which the English does not have: check it "
            "(only addresses listed for your language in locale/terminology.csv may replace the English ones)."))  # fmt: skip
    return out


# -- terminology -----------------------------------------------------------------------


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


# -- spelling --------------------------------------------------------------------------


def find_dictionary(lang: str) -> str | None:
    for name in (f"{lang}_BE", lang, f"{lang}_{lang.upper()}"):
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


def check_spelling(only_lang: str, work: list, suggest: bool = False) -> list[Finding]:
    """work: (catalog, entry, english, translation) of one language."""
    if not work:
        return []
    cat0 = work[0][0]
    english_dict = find_dictionary("en")
    if english_dict is None:
        # Without it, names (Payoke, Sürya) cannot be told from misspellings: stop, never guess.
        raise RuntimeError(
            "no English hunspell dictionary is installed; the spelling check needs it to recognise "
            "names: install the Debian package hunspell-en-us ('make system-deps' does it).")  # fmt: skip
    dictionary = find_dictionary(only_lang)
    if dictionary is None:
        if cat0.status == "published":
            return [cat0.finding(None, "spelling",
                f"no hunspell dictionary for {only_lang!r} is installed: install one "
                f"(Debian: hunspell-{only_lang}) so that spelling can be checked.")]  # fmt: skip
        print(f"note: no hunspell dictionary for {only_lang!r}; its spelling is not checked.", file=sys.stderr)
        return []
    locale_dir = cat0.locale_dir
    wordlist = load_wordlist(locale_dir / "wordlist.txt", locale_dir / only_lang / "wordlist.txt")
    remover = phrase_remover(wordlist)
    terms = load_terminology_cached(locale_dir / "terminology.csv")
    # The handbook's terms are right in every language's text (the guide quotes the French
    # term in Dutch).
    term_patterns = [term_pattern(form, lang) for t in terms for lang, forms in t.forms.items()
                     if lang != "en" for form in forms]  # fmt: skip
    # Quoting an English term or a forbidden word ("*teen pimp*: *tienerpooier* in Dutch") is
    # not a spelling mistake; whether the right term is used is the terminology check's job.
    term_patterns += [forbidden_pattern(f) for t in terms for f in t.forms.get("en", [])]
    term_patterns += [forbidden_pattern(f) for t in terms for forms in t.forbidden.values() for f in forms]
    lines = [spelling_text(visible_text(tr, cat.interface), remover, term_patterns) for cat, _, _, tr in work]
    results = hunspell_unknown(dictionary, lines)
    # Names: a capitalised word of the English that is not an English word (Payoke, Sürya).
    candidates = []
    for misspelled in results:
        for word in misspelled:
            for part in re.split(r"[-+]", word.rstrip(".")):
                if part and part[0].isupper():
                    candidates.append(part)
    not_english = set()
    if candidates:
        unique = sorted(set(candidates))
        for word, res in zip(unique, hunspell_unknown(english_dict, unique), strict=True):
            if res:
                not_english.add(word)
    # A word joined with a hyphen (PO-bestand, EPUB-formaat) is right when each part is.
    parts = sorted({p for word in {w.rstrip(".") for res in results for w in res if re.search(r"[-+]", w)}
                    for p in re.split(r"[-+]", word) if p})  # fmt: skip
    known_parts = {p for p, res in zip(parts, hunspell_unknown(dictionary, parts), strict=True) if not res}
    out = []
    reported = []
    for (cat, entry, english, _), misspelled in zip(work, results, strict=True):
        if "spelling" in ignored_checks(entry):
            continue
        src_words = set(re.findall(r"[\w'-]+", normalize(visible_text(english, cat.interface))))

        def accepted(part: str) -> bool:
            if part in known_parts or (remover and remover.fullmatch(part)):
                return True
            name = part in src_words or any(part in w.split("-") for w in src_words)
            return name and (part in not_english or (part.isupper() and len(part) <= 8))
        seen = set()
        for word in misspelled:
            word = word.rstrip(".")  # French hunspell keeps the full stop of "etc."
            if re.search(r"\d", word) or word.endswith("-") or not word:
                continue  # 422bis, 417/25; "zorg- en schoolteam"
            if word in seen or all(accepted(part) for part in re.split(r"[-+]", word) if part):
                continue
            seen.add(word)
            reported.append((cat, entry, word))
    suggestions = hunspell_suggestions(dictionary, sorted({w for _, _, w in reported})) if suggest else {}
    for cat, entry, word in reported:
        hint = f" (hunspell suggests: {', '.join(suggestions[word])})" if suggestions.get(word) else ""
        out.append(cat.finding(entry, "spelling",
            f"unknown word “{word.rstrip('.')}”{hint}: correct it, or, if it is right (a name, a "
            f"term) and a reviewer agrees, add it to locale/{cat.lang}/wordlist.txt."))  # fmt: skip
    return out


@cache
def load_terminology_cached(path: Path) -> list[Term]:
    return load_terminology(path)


# -- typography ------------------------------------------------------------------------


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


# -- translate-toolkit's pofilter checks -----------------------------------------------


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


# -- msgfmt, header, sphinx-lint -------------------------------------------------------


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
    return PLURAL_FORMS.get(cat.lang)


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


SPHINX_LINT = re.compile(r"^(?P<path>.*?):(?P<line>\d+): (?P<message>.*?)(?: \((?P<checker>[\w-]+)\))?$")


def _sphinx_lint(paths: list[Path]) -> list[tuple[Path, int, str, str]]:
    exe = shutil.which("sphinx-lint") or str(Path(sys.executable).with_name("sphinx-lint"))
    if not Path(exe).exists() and not shutil.which(exe):
        raise RuntimeError("sphinx-lint is not installed (pip install sphinx-lint)")
    proc = subprocess.run([exe, "-j", "1", *map(str, paths)], capture_output=True, text=True)
    found = []
    for line in (proc.stdout + proc.stderr).splitlines():
        m = SPHINX_LINT.match(line)
        if m:
            found.append((Path(m.group("path")), int(m.group("line")), m.group("message"), m.group("checker") or "lint"))
    return found


def check_lint(catalogs: list[Catalog]) -> list[Finding]:
    """sphinx-lint on the translations, minus what the English itself triggers."""
    cats = [c for c in catalogs if c.po is not None and not c.interface]
    if not cats:
        return []
    with tempfile.TemporaryDirectory(prefix="check-po-") as tmp:
        baseline_paths = {}
        for i, cat in enumerate(cats):
            copy = polib.pofile(str(cat.path))
            for entry in copy:
                if entry.msgid and not entry.obsolete:
                    entry.msgstr = entry.msgid
                    if entry.msgid_plural:
                        entry.msgstr_plural = {k: (entry.msgid if k == 0 else entry.msgid_plural)
                                               for k in entry.msgstr_plural}  # fmt: skip
            path = Path(tmp, f"{i}.po")
            copy.save(str(path))
            # Its own line numbers: polib wraps lines differently from the original.
            twin = Catalog(path=path, lang=cat.lang, status=cat.status, locale_dir=cat.locale_dir,
                           po=polib.pofile(str(path)))  # fmt: skip
            twin.msgid_lines = msgid_lines(path, twin.po)
            baseline_paths[path.resolve()] = (cat, twin)
        real = {c.path.resolve(): (c, c) for c in cats}

        def by_entry(hits):
            keyed = {}
            for path, line, message, checker in hits:
                owner, parsed = real.get(path.resolve()) or baseline_paths.get(path.resolve()) or (None, None)
                if owner is None:
                    continue
                entry = entry_at(parsed, line)
                key = (owner.path, entry.msgid if entry else None, checker)
                keyed.setdefault(key, []).append((line, message, entry))
            return keyed

        actual = by_entry(_sphinx_lint([c.path for c in cats]))
        baseline = by_entry(_sphinx_lint(list(baseline_paths)))
    out = []
    for (path, msgid, checker), hits in actual.items():
        if (path, msgid, checker) in baseline:
            continue  # the English has the same problem: the writers' to fix, not the translators'
        cat = next(c for c in cats if c.path == path)
        for line, message, entry in hits:
            if entry is not None and "lint" in ignored_checks(entry):
                continue
            if entry is not None:
                out.append(cat.finding(entry, "lint", f"sphinx-lint {checker}: {message}"))
            else:
                out.append(Finding(cat.shown, line, "lint", "", f"sphinx-lint {checker}: {message}"))
    return out


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


# -- driver ----------------------------------------------------------------------------


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


def check_untranslated(cat: Catalog, entry: polib.POEntry) -> list[Finding]:
    if cat.status == "published" and not is_translated(entry) and "fuzzy" not in entry.flags:
        return [cat.finding(entry, "untranslated", ADVICE["untranslated"])]
    return []


def check_fuzzy(cat: Catalog, entry: polib.POEntry) -> list[Finding]:
    if cat.status == "published" and "fuzzy" in entry.flags:
        return [cat.finding(entry, "fuzzy", ADVICE["fuzzy"])]
    return []


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
    spelling_work: dict[str, list] = {}
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
            on = enabled - ignored_checks(entry)
            for english, translation in translations_of(entry):
                findings += check_message(cat, entry, english, translation, on)
                if "spelling" in on:
                    spelling_work.setdefault(cat.lang, []).append((cat, entry, english, translation))
    if "lint" in enabled:
        findings += check_lint(catalogs)
    for lang, work in spelling_work.items():
        findings += check_spelling(lang, work, suggest)
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


if __name__ == "__main__":
    sys.exit(main())
