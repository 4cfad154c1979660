"""Light web pages: each page loads only the CSS and JavaScript it uses.

For readers on a phone with a poor connection (budget: 30 KB gzipped for a
page's first view, everything included). HTML builder only.

- sphinx-design's style sheet only on pages with sphinx-design components,
  its tabs script only on pages with tabs; Pygments' style sheet only on
  pages with highlighted code.
- After the build, the theme's style sheets are purged of rules for classes
  that no page and no script of the site uses, and the ``?v=`` of the links
  to them follows the new content, so browsers never keep a stale copy.
  (Sphinx copies the original files again on every build: purging always
  starts from the original.)
- Scripts and style sheets are minified (rjsmin, rcssmin); source maps, and
  static files that nothing refers to, are not shipped. Sphinx's
  search-term highlighting (four scripts) loads only after a search.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

PURGED = ("styles/furo.css", "styles/furo-extensions.css", "sphinx-design.min.css", "pygments.css")
DESIGN_CSS = "sphinx-design.min.css"
DESIGN_TABS_JS = "design-tabs.js"
PYGMENTS_CSS = "pygments.css"
# Sphinx's search-term highlighting needs these four scripts; a content page
# loads them only after a search (HIGHLIGHT_LOADER), the search page always.
HIGHLIGHT_SCRIPTS = ("documentation_options.js", "doctools.js", "translations.js", "sphinx_highlight.js")
HIGHLIGHT_LOADER = "search-highlight-loader.js"
LOADER_TEMPLATE = """// Sphinx's search-term highlighting, loaded only when the reader comes from a search.
(() => {{
  let terms = null;
  try {{
    terms = localStorage.getItem("sphinx_highlight_terms");
  }} catch (error) {{
    return;
  }}
  if (!terms) return;
  const base = document.currentScript.src.replace(/[^/]*$/, "");
  for (const name of {names}) {{
    const script = document.createElement("script");
    script.src = base + name;
    script.async = false;
    document.head.appendChild(script);
  }}
}})();
"""
SOURCE_MAP_COMMENT = re.compile(rb"\s*/\*# sourceMappingURL=[^*]*\*/\s*$")
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
JS_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
VARIABLE_DEFINITION = re.compile(r"^\s*(--[\w-]+)\s*:(.*)$", re.S)
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*(?:\\.[\w-]*)*)")


def is_web(app: Sphinx) -> bool:
    return app.builder is not None and app.builder.name == "html"


# --- per page: only the files the page uses ------------------------------------------


def uses_classes(doctree: nodes.document | None, prefix: str) -> bool:
    if doctree is None:
        return False
    return any(
        any(c.startswith(prefix) for c in node.get("classes", ())) for node in doctree.findall(nodes.Element)
    )


def filename(asset) -> str:
    """The asset's path under _static/ ("_static/pygments.css" → "pygments.css")."""
    return str(getattr(asset, "filename", asset)).removeprefix("_static/")


def drop_unused_files(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    unused = set()
    if not uses_classes(doctree, "sd-"):
        unused.add(DESIGN_CSS)
    if not uses_classes(doctree, "sd-tab-set"):
        unused.add(DESIGN_TABS_JS)
    if doctree is None or not any(True for _ in doctree.findall(nodes.literal_block)):
        unused.add(PYGMENTS_CSS)
    if pagename != "search":
        unused.update(HIGHLIGHT_SCRIPTS)
    # New lists: the builder shares one list between all pages.
    context["css_files"] = [f for f in context.get("css_files", []) if filename(f) not in unused]
    scripts = [f for f in context.get("script_files", []) if filename(f) not in unused]
    if pagename != "search":
        scripts.insert(0, f"_static/{HIGHLIGHT_LOADER}")
    context["script_files"] = scripts


# --- after the build: purge, drop source maps and unused files -----------------------


def split_top_level(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside brackets and strings."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            if char == quote and text[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def code_characters(css: str, start: int):
    """(index, character) of every character outside strings and comments, from ``start``."""
    i, n, quote = start, len(css), ""
    while i < n:
        char = css[i]
        if quote:
            if char == quote and css[i - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        else:
            yield i, char
        i += 1


def css_blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body None for statements like @import."""
    blocks, i, n = [], 0, len(css)
    while i < n:
        start = i
        stop = next(((j, c) for j, c in code_characters(css, i) if c in "{;"), None)
        if stop is None:  # the prelude runs to the end
            if prelude := css[start:].strip():
                blocks.append((prelude, None))
            break
        i, char = stop
        prelude = css[start:i].strip()
        if char == ";":
            blocks.append((prelude, None))
            i += 1
            continue
        depth, end = 0, n
        for j, c in code_characters(css, i):
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    end = j
                    break
        blocks.append((prelude, css[i + 1 : end]))
        i = end + 1
    return blocks


def strip_comments(prelude: str) -> str:
    return re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()


def selector_may_match(selector: str, used: set[str]) -> bool:
    # What is inside :not(), :is(), [attr=...] cannot rule a selector out: ignore it.
    bare = selector
    while True:
        simpler = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", bare)
        if simpler == bare:
            break
        bare = simpler
    for name in CSS_CLASS.findall(bare):
        if "\\" in name:
            continue  # an escaped class name (.text-align\:left): keep, to be safe
        if name not in used:
            return False
    return True


def purge_css(css: str, used: set[str], variables: set[str] | None = None) -> str:
    """The rules whose selectors may match a used class; with ``variables``, only those custom properties."""
    kept = []
    for prelude, body in css_blocks(css):
        prelude = strip_comments(prelude)
        if body is None:
            if prelude:
                kept.append(prelude + ";")
            continue
        lowered = prelude.lower()
        if lowered.startswith(("@media", "@supports", "@layer", "@container", "@document")):
            inner = purge_css(body, used, variables)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif lowered.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")  # @font-face, @keyframes, @page: keep
        else:
            selectors = [s.strip() for s in split_top_level(prelude, ",")]
            selectors = [s for s in selectors if s and selector_may_match(s, used)]
            if variables is not None:
                declarations = [d for d in split_top_level(body, ";") if d.strip()]
                kept_declarations = [
                    d for d in declarations
                    if not (m := VARIABLE_DEFINITION.match(d)) or m.group(1) in variables
                ]  # fmt: skip
                if len(kept_declarations) != len(declarations):
                    body = ";".join(kept_declarations)
            if selectors and body.strip():
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def custom_properties(css: str) -> tuple[dict[str, list[str]], set[str]]:
    """Custom property definitions (name → values) and the var() uses outside them."""
    definitions: dict[str, list[str]] = {}
    uses: set[str] = set()
    for prelude, body in css_blocks(css):
        if body is None:
            continue
        if prelude.strip().lower().startswith(("@media", "@supports", "@layer", "@container", "@document")):
            inner_definitions, inner_uses = custom_properties(body)
            for name, values in inner_definitions.items():
                definitions.setdefault(name, []).extend(values)
            uses |= inner_uses
            continue
        for declaration in split_top_level(body, ";"):
            match = VARIABLE_DEFINITION.match(declaration)
            if match:
                definitions.setdefault(match.group(1), []).append(match.group(2))
            else:
                uses.update(VARIABLE_USE.findall(declaration))
    return definitions, uses


def needed_variables(definitions: dict[str, list[str]], uses: set[str]) -> set[str]:
    """The custom properties in use, and those their values use, and so on."""
    needed: set[str] = set()
    queue = list(uses)
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        needed.add(name)
        for value in definitions.get(name, ()):
            queue.extend(VARIABLE_USE.findall(value))
    return needed


def used_names(outdir: Path) -> set[str]:
    """Every class in a page, and every word of a script (scripts add classes)."""
    used: set[str] = set()
    for page in outdir.rglob("*.html"):
        for match in CLASS_ATTRIBUTE.finditer(page.read_text(encoding="utf-8")):
            used.update((match.group(1) or match.group(2) or "").split())
    for script in outdir.rglob("*.js"):
        used.update(JS_TOKEN.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


STATIC_VERSION = re.compile(r"_static/([^\"'?#\s]+)\?v=([0-9a-f]+)")
NOT_MINIFIED = {"translations.js"}  # mostly strings, already small: kept readable
PREFORMATTED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)


def trim_indentation(page: str) -> str:
    """Drop the templates' indentation: whitespace at a line's start never shows, outside <pre>."""
    parts = PREFORMATTED.split(page)
    # split() with two groups gives: text, whole match, tag name, text, ...
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:
            out.append(re.sub(r"\n[ \t]+", "\n", re.sub(r"\n\s*\n", "\n", part)))
        elif i % 3 == 1:
            out.append(part)
    return "".join(out)


def variables_used_outside(outdir: Path, static: Path, purged: set[str]) -> set[str]:
    """Custom properties used by the pages (inline styles), scripts and the style sheets not purged."""
    uses: set[str] = set()
    for path in outdir.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".css", ".js"):
            continue
        if path.suffix == ".css" and path.relative_to(static).as_posix() in purged:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        uses.update(VARIABLE_USE.findall(text))
        if path.suffix == ".js":
            uses.update(re.findall(r"--[A-Za-z][\w-]*", text))  # getPropertyValue("--x") and the like
    return uses


def minify_static_files(static: Path) -> None:
    import rcssmin
    import rjsmin

    for path in sorted(static.rglob("*")):
        if path.suffix not in (".js", ".css") or not path.is_file() or path.name in NOT_MINIFIED:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".js":
            smaller = rjsmin.jsmin(text, keep_bang_comments=True)
        else:
            smaller = rcssmin.cssmin(text, keep_bang_comments=True)
        if len(smaller) < len(text):
            path.write_text(smaller + "\n", encoding="utf-8")


def short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


TEXT_SUFFIXES = (".html", ".css", ".js", ".xml", ".txt", ".json", ".svg")


def drop_unreferenced(outdir: Path, static: Path) -> None:
    """Delete static files whose name no page and no kept file mentions (until none is left)."""
    texts = {
        path: path.read_text(encoding="utf-8", errors="replace")
        for path in outdir.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    }
    candidates = {path for path in static.rglob("*") if path.is_file()}
    while True:
        unused = {
            path for path in candidates
            if not any(path.name in text for other, text in texts.items() if other != path)
        }  # fmt: skip
        if not unused:
            return
        for path in unused:
            path.unlink()
            texts.pop(path, None)
        candidates -= unused


def purge_style_sheets(originals: dict[str, str], used: set[str], outside: set[str]) -> dict[str, str]:
    """Each style sheet without rules for unused classes, then without unused custom properties."""
    purged = {name: purge_css(css, used) for name, css in originals.items()}
    # Furo defines some 200 custom properties, in light and dark: keep those in use.
    definitions: dict[str, list[str]] = {}
    uses = set(outside)
    for css in purged.values():
        found, found_uses = custom_properties(css)
        for name, values in found.items():
            definitions.setdefault(name, []).extend(values)
        uses |= found_uses
    variables = needed_variables(definitions, uses)
    return {name: purge_css(css, used, variables) + "\n" for name, css in purged.items()}


def trim_static_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web(app):
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    # Source maps are for theme developers.
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    for path in list(static.rglob("*.css")) + list(static.rglob("*.js")):
        data = path.read_bytes()
        trimmed = SOURCE_MAP_COMMENT.sub(b"\n", data)
        if trimmed != data:
            path.write_bytes(trimmed)
    # The highlighting loader, with each script's version, so no browser keeps a stale one.
    names = [f"{n}?v={short_hash((static / n).read_bytes())}" for n in HIGHLIGHT_SCRIPTS if (static / n).is_file()]
    loader = LOADER_TEMPLATE.format(names=json.dumps(names))
    (static / HIGHLIGHT_LOADER).write_text(loader, encoding="utf-8")
    # Purge the theme's style sheets.
    used = used_names(outdir)
    originals = {name: (static / name).read_text(encoding="utf-8") for name in PURGED if (static / name).is_file()}
    outside = variables_used_outside(outdir, static, set(originals))
    # Purging is pure: the same style sheets, classes and custom properties give the
    # same result, so an incremental build reuses the last one.
    key = hashlib.sha256(json.dumps([originals, sorted(used), sorted(outside)]).encode()).hexdigest()
    cache_path = Path(app.doctreedir) / "handbook-purged-css.json"
    try:
        cached = json.loads(cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = {}
    if cached.get("key") == key:
        results = cached["css"]
    else:
        results = purge_style_sheets(originals, used, outside)
        cache_path.write_text(json.dumps({"key": key, "css": results}), encoding="utf-8")
    for name, css in results.items():
        (static / name).write_text(css, encoding="utf-8")
    # Minify the scripts and style sheets (licence comments, /*! … */, stay).
    minify_static_files(static)
    # Point every page at its files' current content (?v=), drop the templates' indentation.
    versions: dict[str, str] = {}

    def version(match: re.Match) -> str:
        name = match.group(1)
        if name not in versions:
            path = static / name
            versions[name] = short_hash(path.read_bytes()) if path.is_file() else match.group(2)
        return f"_static/{name}?v={versions[name]}"

    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = STATIC_VERSION.sub(version, trim_indentation(text))
        if new != text:
            page.write_text(new, encoding="utf-8")
    # Static files nothing refers to (Sphinx's basic theme images, unused style sheets).
    drop_unreferenced(outdir, static)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", drop_unused_files, priority=900)
    app.connect("build-finished", trim_static_files, priority=800)
