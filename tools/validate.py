"""Check the translation catalogs before a build, so that bad input stops it.

    python tools/validate.py [--langs nl fr] [--allow-incomplete]

Sphinx silently skips a PO file it cannot parse or decode (the page then
shows English), and a translated link that lost a backtick builds without a
warning. So tools/build_site.py runs these checks first and publishes nothing
when one fails. Each problem names the file, the line and the entry.

Each catalog gets the translation gate's hard checks (tools/check_po/, the
same code as ``make check-po``): msgfmt (syntax), header (the Language line,
charset), markup (broken inline markup; :term:, :ref:, :doc: targets and
external links kept, backticks included) and, in a published language,
untranslated and fuzzy, unless ``allow_incomplete`` is set (local previews
only; never used by make or the tests). Before them, invalid UTF-8 (named at
its exact line); around them, what no single catalog shows: a PO file for a
page that no longer exists, and a language in pyproject.toml without
catalogs (or, published, a page without its catalog).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

VALIDATOR_VERSION = "4"  # bump when a check changes, to drop cached results


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


# --- one catalog ----------------------------------------------------------------------

GATE_CHECKS = {"msgfmt", "header", "markup"}  # always; "untranslated" and "fuzzy" when published


def utf8_problem(path: Path, data: bytes) -> Problem | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(relative(path), line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")
    return None


def check_catalog(path: Path, lang: languages.Language, allow_incomplete: bool) -> list[Problem]:
    """The gate's hard checks (tools/check_po/) on one catalog."""
    from tools import check_po

    problem = utf8_problem(path, path.read_bytes())
    if problem:
        return [problem]
    enabled = set(GATE_CHECKS)
    if lang.status == "published" and not allow_incomplete:
        enabled |= {"untranslated", "fuzzy"}
    findings = check_po.check_catalogs([path], {lang.code: lang.status}, enabled)
    return [Problem(relative(Path(f.path)), f.line, f"[{f.check}] {f.advice}", f.msgid) for f in findings]


# --- a whole language ---------------------------------------------------------


def source_docnames(source: Path) -> set[str]:
    return {
        p.relative_to(source).with_suffix("").as_posix()
        for p in source.rglob("*.rst")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(source).parts)
    }


@cache
def gate_version() -> str:
    """A change to the gate's code (the package tools/check_po/) changes every cached result."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "tools" / "check_po").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def catalog_key(path: Path, lang: languages.Language, allow_incomplete: bool) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps([VALIDATOR_VERSION, gate_version(), str(path), lang.status, allow_incomplete]).encode())
    return digest.hexdigest()


def check_language(lang: languages.Language, root: Path = ROOT, allow_incomplete: bool = False,
                   cache: dict | None = None) -> list[Problem]:  # fmt: skip
    """Every problem in one language's catalogs. ``cache`` (key → problems) skips unchanged files."""
    if not lang.translated:
        return []
    lang_dir = root / "locale" / lang.code / "LC_MESSAGES"
    if not (lang_dir / languages.INTERFACE_CATALOG).is_file():
        return [Problem(relative(lang_dir), 0,
                        f"the language {lang.code!r} is in pyproject.toml [tool.handbook.languages] but has no "
                        f"catalogs: create locale/{lang.code}/LC_MESSAGES/sphinx.po (copy another language's and "
                        f"translate it) and the page catalogs with `make update-po`")]  # fmt: skip
    problems: list[Problem] = []
    docnames = source_docnames(root / "source")
    catalogs = sorted(lang_dir.rglob("*.po"))
    for path in catalogs:
        docname = path.relative_to(lang_dir).with_suffix("").as_posix()
        if path.name != languages.INTERFACE_CATALOG and docname not in docnames:
            problems.append(Problem(relative(path), 1,
                                    f"no page source/{docname}.rst for this catalog: delete it, or move it "
                                    f"with its page"))  # fmt: skip
            continue
        key = catalog_key(path, lang, allow_incomplete)
        if cache is not None and key in cache:
            problems += [Problem(*item) for item in cache[key]]
            continue
        found = check_catalog(path, lang, allow_incomplete)
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
