"""The reST of the English survives the translation: the markup check (docutils) and lint (sphinx-lint)."""

from __future__ import annotations

import io
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

from .catalog import Catalog, Finding, entry_at, ignored_checks, msgid_lines
from .text import XREF_ROLES, split_title


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


def _parse_inline(text: str):
    """docutils' inline parser on one message: (a paragraph node holding the result, error messages)."""
    du = _docutils()
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
    parent = du.nodes.paragraph()
    result, messages = inliner.parse(text, 1, memo, parent)
    parent += result
    return parent, messages


def parse_markup(text: str) -> Markup:
    du = _docutils()
    nodes = du.nodes
    parent, messages = _parse_inline(text)
    found = Markup()
    named_targets = {t["refuri"] for t in parent.findall(nodes.target) if t.get("refuri") and t.get("names")}
    for msg in messages:
        text = msg.children[0].astext() if msg.children else msg.astext()
        found.problems.append(re.sub(r"\s+", " ", text).strip())
    for node in parent.findall():
        if isinstance(node, du.role_node):
            _add_role(found, node["role"], node.astext())
        elif isinstance(node, nodes.reference):
            _add_reference(found, node, named_targets)
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


def _add_role(found: Markup, name: str, content: str) -> None:
    short = name.rsplit(":", 1)[-1]
    if short in XREF_ROLES or ":" in name:
        title, target = split_title(content)
        target = re.sub(r"\s+", " ", target).strip()
        found.xrefs[(short, target.lower() if short == "term" else target)] += 1
    else:
        found.roles[short] += 1


def _add_reference(found: Markup, node, named_targets: set[str]) -> None:
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


def _shortlist(items) -> str:
    return ", ".join(sorted(items))


def check_markup(cat: Catalog, entry: polib.POEntry, english: str, translation: str) -> list[Finding]:
    if cat.interface:
        return []  # sphinx.po holds HTML, not reST
    src, dst = parse_markup(english), parse_markup(translation)
    advice = []
    if dst.problems and not src.problems:
        advice.append(f"broken reST markup ({dst.problems[0]}): every *, ` and | of the English needs its pair, "
                      "and markup must start after a space or punctuation.")  # fmt: skip
    advice += _role_problems(src, dst) + _link_problems(src, dst) + _inline_problems(src, dst)
    if english.rstrip().endswith("::") and not translation.rstrip().endswith("::"):
        advice.append("the English ends with :: (a code block follows): end the translation with :: too.")
    return [cat.finding(entry, "markup", text) for text in advice]


def _role_problems(src: Markup, dst: Markup) -> list[str]:
    """Cross-references (:term:, :ref:, :doc: ...) keep their targets; other roles are kept."""
    out = []
    for role, target in src.xrefs - dst.xrefs:
        extra = [t for (r, t) in dst.xrefs - src.xrefs if r == role]
        changed = f" (the translation points to {_shortlist(extra)!s})" if extra else ""
        example = f":{role}:`your words <{target}>`"
        out.append(f"the :{role}: reference to “{target}” is missing or changed{changed}: keep the English "
                   f"target after the <, e.g. {example}.")  # fmt: skip
    for role, target in dst.xrefs - src.xrefs:
        if not any(r == role for (r, _) in src.xrefs - dst.xrefs):
            out.append(f"the translation has a :{role}: reference to “{target}” that the English does not have.")
    for name in (src.roles - dst.roles) | (dst.roles - src.roles):
        out.append(f"the :{name}: role appears {src.roles[name]}× in the English and {dst.roles[name]}× "
                   "in the translation; keep it.")  # fmt: skip
    return out


def _link_problems(src: Markup, dst: Markup) -> list[str]:
    """Links keep their addresses and their markup; `name`_ references their names."""
    out = []
    src_urls = Counter({url: n for (url, kind), n in src.links.items()})
    for url, kind in src.links - dst.links:
        how = {"anonymous": f"`your words <{url}>`__", "named": f"`your words <{url}>`_", "bare": url}[kind]
        if any(u == url for (u, k) in dst.links):
            out.append(f"the link to {url} lost its markup (a backtick or the underscores): write it as {how}, "
                       "or it shows as plain text with the address printed.")  # fmt: skip
        else:
            out.append(f"the link to {url} is missing or its address changed: write {how} with the same address.")
    for url, kind in dst.links - src.links:
        if url not in src_urls:
            out.append(f"the translation has a link to {url} that the English does not have.")
    for name in (src.refnames - dst.refnames) | (dst.refnames - src.refnames):
        out.append(f"the reference `{name}`_ must appear as in the English (same name, with backticks "
                   "and underscore).")  # fmt: skip
    return out


def _inline_problems(src: Markup, dst: Markup) -> list[str]:
    """Literals, emphasis, strong text, `title references`, |substitutions| and footnotes."""
    out = []
    for lit in src.literals - dst.literals:
        out.append(f"the literal ``{lit}`` must be copied unchanged, with its double backticks.")
    for lit in dst.literals - src.literals:
        if not (src.literals - dst.literals):
            out.append(f"the translation has a literal ``{lit}`` that the English does not have.")
    if src.emphasis != dst.emphasis:
        out.append(f"the English has {src.emphasis} *emphasis*, the translation {dst.emphasis}: "
                   "put one single * on each side of the emphasised words.")  # fmt: skip
    if src.strong != dst.strong:
        out.append(f"the English has {src.strong} **strong** text, the translation {dst.strong}: "
                   "put ** on each side of the words.")  # fmt: skip
    if src.title_refs != dst.title_refs:
        out.append("single backticks (`...`) differ from the English: copy the markup of the English.")
    if src.substitutions != dst.substitutions:
        out.append(f"substitutions differ: keep {_shortlist(f'|{s}|' for s in src.substitutions)} as in the English.")
    if src.footnotes != dst.footnotes:
        out.append("footnote references ([#]_ or [1]_) differ from the English: keep them.")
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
            twin = english_twin(cat, Path(tmp, f"{i}.po"))
            baseline_paths[twin.path.resolve()] = (cat, twin)
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


def english_twin(cat: Catalog, path: Path) -> Catalog:
    """The catalog with the English as its translations, saved at ``path``: what the English triggers."""
    copy = polib.pofile(str(cat.path))
    for entry in copy:
        if entry.msgid and not entry.obsolete:
            entry.msgstr = entry.msgid
            if entry.msgid_plural:
                entry.msgstr_plural = {k: (entry.msgid if k == 0 else entry.msgid_plural)
                                       for k in entry.msgstr_plural}  # fmt: skip
    copy.save(str(path))
    # Its own line numbers: polib wraps lines differently from the original.
    twin = Catalog(path=path, lang=cat.lang, status=cat.status, locale_dir=cat.locale_dir,
                   po=polib.pofile(str(path)))  # fmt: skip
    twin.msgid_lines = msgid_lines(path, twin.po)
    return twin
