"""Check the translation catalogs before a build, so that bad input stops it.

    python tools/validate.py [--langs nl fr] [--allow-incomplete]

Sphinx silently skips a PO file it cannot parse or decode (the page then
shows English), and a translated link that lost a backtick builds without a
warning. So tools/build_site.py runs these checks first and publishes nothing
when one fails. Each problem names the file, the line and the entry.

Hard errors, always: a PO syntax error (GNU msgfmt), invalid UTF-8, a
missing or wrong ``Language`` header, a msgstr with broken inline markup, a
msgstr that drops or changes a ``:term:``, ``:ref:`` or ``:doc:`` target or
an external link, a PO file for a page that no longer exists, and a language
in pyproject.toml without catalogs. In a published language a fuzzy or
untranslated entry (or a page without a PO file) is an error too, unless
``allow_incomplete`` is set (local previews only; never used by make).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from handbook_ext import languages  # noqa: E402

INTERFACE_CATALOG = "sphinx.po"  # Sphinx/Furo interface strings, not a page
# Roles whose target must survive translation unchanged (term: or its glossary translation).
XREF_ROLES = {"ref", "doc", "numref", "download", "any", "std:ref", "std:doc"}
TERM_ROLES = {"term", "std:term"}
ROLE = re.compile(r":(?P<role>[A-Za-z][\w+.-]*(?::[A-Za-z][\w+.-]*)?):`(?P<content>[^`]+)`")
EXPLICIT_TARGET = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
VALIDATOR_VERSION = "3"  # bump when a check changes, to drop cached results


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root
    line: int
    message: str
    entry: str = ""  # the msgid, when the problem is in one entry

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.entry:
            msgid = re.sub(r"\s+", " ", self.entry)
            text += f"\n    entry: msgid {shorten(msgid)!r}"
        return text

    def to_json(self) -> list:
        return [self.path, self.line, self.message, self.entry]


def shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# --- reStructuredText inline markup ---------------------------------------


@cache
def _docutils_settings():
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    settings = get_default_settings(Parser)
    settings.report_level = 5  # collect messages in the tree, print nothing
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    return settings


@contextmanager
def _any_role_is_known() -> Iterator[None]:
    """Sphinx's roles (term, ref, doc…) are unknown to plain docutils: accept every role."""
    from docutils import nodes
    from docutils.parsers.rst import roles

    def generic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
        return [nodes.inline(rawtext, text)], []

    original = roles.role
    roles.role = lambda name, language, lineno, reporter: (generic_role, [])
    try:
        yield
    finally:
        roles.role = original


INLINE_MARKUP = ("emphasis", "strong", "literal", "reference", "inline", "footnote_reference",
                 "citation_reference", "substitution_reference", "target", "problematic")  # fmt: skip


def parse_inline(text: str) -> tuple[list[str], Counter, Counter]:
    """Docutils' warnings for one message parsed as reStructuredText, its inline elements and links.

    A link is (written as `text <uri>`_, uri); a bare address is a link too, but
    not "written as" one: that is what a link that lost its opening backtick becomes.
    """
    from docutils import nodes
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    if text.strip().endswith("::"):  # as Sphinx does: a literal block follows
        text += "\n\n   dummy literal"
    document = new_document("<message>", _docutils_settings())
    with _any_role_is_known():
        Parser().parse(text, document)
    messages = [
        re.sub(r"^<message>:\d+: \(\w+/\d\) ", "", message.astext().strip().splitlines()[0])
        for message in document.findall(nodes.system_message)
        if message["level"] >= 2
    ]
    elements = Counter(node.tagname for node in document.findall(nodes.Inline) if node.tagname in INLINE_MARKUP)
    links = Counter((bool(node.get("name")), node["refuri"]) for node in document.findall(nodes.reference)
                    if node.get("refuri"))  # fmt: skip
    return messages, elements, links


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """Broken inline markup and broken or lost external links in a msgstr."""
    if not any(c in msgid + msgstr for c in "*`|_[]:<>"):
        return []  # no inline markup possible: skip the parse
    english_messages, english_elements, english_links = parse_inline(msgid)
    messages, elements, links = parse_inline(msgstr)
    problems = [f"broken inline markup in the msgstr: {m}" for m in Counter(messages) - Counter(english_messages)]
    for (written, uri), count in sorted(english_links.items()):
        if not written or links[(True, uri)] >= count:
            continue
        if links[(False, uri)] or uri in msgstr:
            problems.append(f"the link to {uri} is broken: write it as `text <{uri}>`__ (a backtick is missing)")
        else:
            problems.append(f"the translation drops or changes the link to {uri}")
    # Fewer emphasis, strong or literal than the English: a mark was lost or mistyped
    # (more is fine: a translation may italicise the English word it quotes).
    if not problems and english_elements - elements:
        def describe(counts: Counter) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "none"

        problems.append(
            f"broken inline markup in the msgstr: the English has {describe(english_elements)}, "
            f"the translation {describe(elements)} (check the *, ** and ` marks)"
        )
    return problems


# --- cross-references and links --------------------------------------------


def role_targets(text: str) -> list[tuple[str, str]]:
    """(role, target) for every cross-reference role in a message."""
    targets = []
    for match in ROLE.finditer(text):
        role = match["role"]
        if role not in XREF_ROLES | TERM_ROLES:
            continue
        content = " ".join(match["content"].split())
        explicit = EXPLICIT_TARGET.match(content)
        target = (explicit["target"] if explicit else content).lstrip("!~")
        targets.append(("term" if role in TERM_ROLES else role.removeprefix("std:"), target))
    return targets


def reference_problems(msgid: str, msgstr: str, glossary: dict[str, str]) -> list[str]:
    problems = []
    found = Counter((role, target.lower() if role == "term" else target) for role, target in role_targets(msgstr))
    for role, target in role_targets(msgid):
        if role == "term":
            # A term may point at the English term or at its translation in the glossary.
            options = [target.lower()] + ([glossary[target.lower()]] if glossary.get(target.lower()) else [])
            match = next((("term", o) for o in options if found[("term", o)] > 0), None)
            if match is None:
                expected = " or ".join(repr(o) for o in options)
                problems.append(f"the translation drops or changes the :term: target {target!r} (expected {expected})")
            else:
                found[match] -= 1
        elif found[(role, target)] > 0:
            found[(role, target)] -= 1
        else:
            problems.append(f"the translation drops or changes the :{role}: target {target!r}")
    for (role, target), count in sorted(found.items()):
        if count > 0:
            problems.append(f"the translation has a :{role}: target {target!r} that the English has not")
    return problems


# --- one catalog -------------------------------------------------------------


def glossary_terms(lang_dir: Path) -> dict[str, str]:
    """English term (lower case) → translated term, from the glossary's catalog."""
    path = lang_dir / "glossary.po"
    try:
        po = polib.pofile(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return {
        e.msgid.lower(): e.msgstr.lower()
        for e in po.translated_entries()
        if "\n" not in e.msgid and len(e.msgid) <= 80
    }


def syntax_problems(path: Path, shown: str) -> list[Problem]:
    """GNU msgfmt is strict where polib and Babel (Sphinx) silently guess."""
    proc = subprocess.run(
        ["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    if proc.returncode == 0:
        return []
    problems = []
    for line in proc.stderr.splitlines():
        match = re.match(rf"^{re.escape(str(path))}:(\d+):(?:\d+:)?\s*(.*)$", line)
        if match:
            problems.append(Problem(shown, int(match[1]), f"PO syntax error: {match[2]}"))
    return problems or [Problem(shown, 1, f"PO syntax error: {proc.stderr.strip()}")]


def check_catalog(path: Path, lang: languages.Language, glossary: dict[str, str],
                  allow_incomplete: bool) -> list[Problem]:  # fmt: skip
    shown = relative(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [Problem(shown, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
    problems = syntax_problems(path, shown)
    if problems:
        return problems
    po = polib.pofile(text)
    header_line = next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith("msgid")), 1)
    language = po.metadata.get("Language", "").strip()
    if not language:
        problems.append(Problem(shown, header_line, f'the header has no "Language: {lang.code}\\n" line'))
    elif re.split(r"[_-]", language)[0].lower() != lang.code:
        problems.append(
            Problem(shown, header_line, f"the header says Language: {language}, but this is the {lang.code} catalog")
        )
    charset = re.search(r"charset=([\w-]+)", po.metadata.get("Content-Type", ""))
    if charset and charset[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(shown, header_line, f"the header declares charset={charset[1]}; use UTF-8"))
    must_be_complete = lang.status == "published" and not allow_incomplete
    is_page = path.name != INTERFACE_CATALOG
    for entry in po:
        if entry.obsolete:
            continue
        msgstrs = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        translated = all(s.strip() for s in msgstrs)
        if must_be_complete and "fuzzy" in entry.flags:
            problems.append(Problem(shown, entry.linenum, "fuzzy entry in a published language: "
                                    "check the translation and remove the fuzzy flag", entry.msgid))  # fmt: skip
            continue
        if must_be_complete and not translated:
            problems.append(Problem(shown, entry.linenum, "untranslated entry in a published language", entry.msgid))
            continue
        if not translated or not is_page or "fuzzy" in entry.flags:
            continue  # Sphinx shows the English for these
        msgstr = entry.msgstr
        for message in markup_problems(entry.msgid, msgstr):
            problems.append(Problem(shown, entry.linenum, message, entry.msgid))
        for message in reference_problems(entry.msgid, msgstr, glossary):
            problems.append(Problem(shown, entry.linenum, message, entry.msgid))
    return problems


# --- a whole language ---------------------------------------------------------


def source_docnames(source: Path) -> set[str]:
    return {
        p.relative_to(source).with_suffix("").as_posix()
        for p in source.rglob("*.rst")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(source).parts)
    }


def catalog_key(path: Path, glossary: dict[str, str], lang: languages.Language, allow_incomplete: bool) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps([VALIDATOR_VERSION, sorted(glossary.items()), lang.status, allow_incomplete]).encode())
    return digest.hexdigest()


def check_language(lang: languages.Language, root: Path = ROOT, allow_incomplete: bool = False,
                   cache: dict | None = None) -> list[Problem]:  # fmt: skip
    """Every problem in one language's catalogs. ``cache`` (key → problems) skips unchanged files."""
    if not lang.translated:
        return []
    lang_dir = root / "locale" / lang.code / "LC_MESSAGES"
    if not (lang_dir / INTERFACE_CATALOG).is_file():
        return [Problem(relative(lang_dir), 0,
                        f"the language {lang.code!r} is in pyproject.toml [tool.handbook.languages] but has no "
                        f"catalogs: create locale/{lang.code}/LC_MESSAGES/sphinx.po (copy another language's and "
                        f"translate it) and the page catalogs with `make update-po`")]  # fmt: skip
    problems: list[Problem] = []
    docnames = source_docnames(root / "source")
    glossary = glossary_terms(lang_dir)
    catalogs = sorted(lang_dir.rglob("*.po"))
    for path in catalogs:
        docname = path.relative_to(lang_dir).with_suffix("").as_posix()
        if path.name != INTERFACE_CATALOG and docname not in docnames:
            problems.append(Problem(relative(path), 1,
                                    f"no page source/{docname}.rst for this catalog: delete it, or move it "
                                    f"with its page"))  # fmt: skip
            continue
        key = catalog_key(path, glossary, lang, allow_incomplete)
        if cache is not None and key in cache:
            problems += [Problem(*item) for item in cache[key]]
            continue
        found = check_catalog(path, lang, glossary, allow_incomplete)
        if cache is not None:
            cache[key] = [p.to_json() for p in found]
        problems += found
    if lang.status == "published" and not allow_incomplete:
        have = {p.relative_to(lang_dir).with_suffix("").as_posix() for p in catalogs}
        for docname in sorted(docnames - have):
            problems.append(Problem(f"locale/{lang.code}/LC_MESSAGES/{docname}.po", 0,
                                    f"missing: source/{docname}.rst has no {lang.code} catalog "
                                    f"(run `make update-po` and translate it)"))  # fmt: skip
    return problems


def validate(codes: list[str], root: Path = ROOT, allow_incomplete: bool = False,
             cache_file: Path | None = None) -> list[Problem]:  # fmt: skip
    cache: dict = {}
    if cache_file and cache_file.is_file():
        try:
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        except ValueError:
            cache = {}
    used: dict = {}
    problems = []
    for code in codes:
        lang_cache = {k: v for k, v in cache.items()}
        problems += check_language(languages.get(code), root, allow_incomplete, lang_cache)
        used.update(lang_cache)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(used, sort_keys=True), encoding="utf-8")
    return sorted(problems)


def report(problems: list[Problem]) -> str:
    lines = [str(p) for p in problems]
    lines.append(f"{len(problems)} problem(s) in the translation catalogs; nothing was built or published.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", nargs="+", default=[lang.code for lang in languages.translations()])
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept fuzzy and untranslated entries (local previews only)")  # fmt: skip
    args = parser.parse_args(argv)
    problems = validate(args.langs, allow_incomplete=args.allow_incomplete)
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    print(f"Catalogs OK: {', '.join(args.langs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
