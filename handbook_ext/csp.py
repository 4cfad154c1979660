"""A Content-Security-Policy for the web edition that allows only the site itself.

After the build every HTML page gets a ``<meta http-equiv="Content-Security-Policy">``
right after ``<meta charset>``: same origin only, plus the SHA-256 of each
inline script and style (Furo's theme script, its CSS variables) and of each
``style`` attribute (with ``'unsafe-hashes'``, which allows exactly those
attribute values and nothing else). Each page's policy lists its own hashes
(each page has its own critical style sheet); the search page's lists every
page's, as it parses other pages to show excerpts, under its own policy. A
meta policy works from file:// too; on a web server, add the headers of
README.md ("Response headers"): a browser enforces both.

No ``'unsafe-eval'`` either: interface_i18n writes translations.js without
``new Function``. External links get ``rel="noopener noreferrer"``.
Inline event handlers (``onclick=``…) are never allowed: the policy blocks them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from sphinx.application import Sphinx

META_CSP = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
META_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
STYLE_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^<>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""")
EXTERNAL_LINK = re.compile(r"""<a\s(?=[^>]*\bhref="https?://)[^>]*>""", re.I)
# The fixed part of the policy: same origin only, nothing else.
BASE_POLICY = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Furo's icons are data: SVGs in its CSS
    # font-src, connect-src…: default-src's 'self' (every page carries the policy: no more words than needed)
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(page: str) -> tuple[set[str], set[str], set[str]]:
    """The hashes of a page's inline scripts, inline styles and style attributes."""
    scripts = {sha256(m.group(1)) for m in INLINE_SCRIPT.finditer(page)}
    styles = {sha256(m.group(1)) for m in INLINE_STYLE.finditer(page)}
    attributes = {sha256(m.group(1) if m.group(1) is not None else m.group(2)) for m in STYLE_ATTRIBUTE.finditer(page)}
    return scripts, styles, attributes


def policy(scripts: set[str], styles: set[str], attributes: set[str]) -> str:
    directives = dict(BASE_POLICY)
    directives["script-src"] = ["'self'", *sorted(scripts)]
    directives["style-src"] = ["'self'", *sorted(styles)] + (["'unsafe-hashes'", *sorted(attributes)] if attributes else [])
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_rel(tag: str) -> str:
    rel = re.search(r'\brel="([^"]*)"', tag)
    if rel:
        values = rel.group(1).split()
        values += [v for v in ("noopener", "noreferrer") if v not in values]
        return tag[: rel.start()] + f'rel="{" ".join(values)}"' + tag[rel.end():]
    return tag[:2] + ' rel="noopener noreferrer"' + tag[2:]


def without_policy(page: str) -> str:
    """External links marked, any old policy removed."""
    return META_CSP.sub("", EXTERNAL_LINK.sub(lambda m: add_rel(m.group(0)), page))


def with_policy(page: str, content: str) -> str:
    """The page with its policy in a meta element, before any script or style."""
    charset = META_CHARSET.search(page)
    if charset is None:
        head = re.search(r"<head[^>]*>", page, re.I)
        at = head.end() if head else 0
    else:
        at = charset.end()
    return page[:at] + f'\n<meta http-equiv="Content-Security-Policy" content="{content}">' + page[at:]


SEARCH_PAGE = "search.html"


def secure_pages(paths: list[Path]) -> None:
    """Each page's policy allows its own inline script and styles (each page has its own
    critical style sheet, first_view.py); the search page's allows every page's, as it
    parses other pages to show excerpts, under its own policy."""
    pages = {path: without_policy(path.read_text(encoding="utf-8")) for path in paths}
    found = {path: inline_hashes(page) for path, page in pages.items()}
    every = tuple(set().union(*(hashes[i] for hashes in found.values())) for i in range(3))
    for path, page in pages.items():
        content = policy(*(every if path.name == SEARCH_PAGE else found[path]))
        new = with_policy(page, content)
        if new != path.read_text(encoding="utf-8"):
            path.write_text(new, encoding="utf-8")


def secure_file(path: Path) -> None:
    secure_pages([path])


def secure_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    secure_pages(sorted(Path(app.outdir).rglob("*.html")))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", secure_site, priority=900)  # after every other change to the pages
