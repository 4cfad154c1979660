"""Light web pages: each page loads only the CSS and JavaScript it uses.

For readers on a phone with a poor connection (budget: 30 KB gzipped for a
page's first view, everything included). HTML builder only.

- sphinx-design's style sheet only on pages with sphinx-design components,
  its tabs script only on pages with tabs; Pygments' style sheet only on
  pages with highlighted code.
- After the build, the theme's style sheets (parsed with tinycss2) are purged
  of rules for classes that no page and no script of the site uses, then of
  the custom properties and keyframes nothing uses any more; the ``?v=`` of
  the links to them follows the new content, so browsers never keep a stale
  copy. (Sphinx copies the original files again on every build: purging
  always starts from the original.)
- Scripts and style sheets are minified (rjsmin, rcssmin); source maps, and
  static files that nothing refers to, are not shipped. Sphinx's
  search-term highlighting (four scripts) loads only after a search.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import tinycss2
from docutils import nodes
from sphinx.application import Sphinx

from .web_chrome import is_web

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
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
ANIMATION_DECLARATION = re.compile(r"animation(?:-name)?\s*:([^;}\"']*)")


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


# --- after the build: purge the theme's style sheets ---------------------------------
#
# A selector may match when the site uses every class it names: a page has the class,
# or a script has the word (scripts add classes). Nothing else in a selector is looked
# at: element names, :hover, ::before, [data-theme=dark] and what is inside :not() or
# :is() never rule it out, so state, dark-mode and print rules stay with their classes.
# The sheets are parsed with tinycss2, filtered in place and written back.

# At-rules that hold rules (@media print, @media (prefers-color-scheme: dark), …):
# purged inside, dropped when nothing is left in them.
GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container", "document"})
KEYFRAMES_AT_RULES = frozenset({"keyframes", "-webkit-keyframes"})
ANIMATION_PROPERTIES = frozenset({"animation", "animation-name", "-webkit-animation", "-webkit-animation-name"})
COMMA = tinycss2.ast.LiteralToken(0, 0, ",")


def is_group(rule) -> bool:
    return rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None


def parse_style_sheet(css: str) -> list:
    """The sheet's rules: a style rule's content parsed into declarations, a group's into rules.

    Strings get the shorter of their two quotings (see ``quoted``).
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for token in all_tokens(token for rule in rules if rule.type != "error" for token in rule_tokens(rule)):
        if token.type == "string":
            token.representation = quoted(token.value)
    return [parse_content(rule) for rule in rules if rule.type != "error"]  # a browser drops errors too


def parse_content(rule):
    if rule.type == "qualified-rule":
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        rule.content = [item for item in declarations if item.type != "error"]
    elif is_group(rule):
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        rule.content = [parse_content(item) for item in inner if item.type != "error"]
    return rule


def rule_tokens(rule) -> list:
    return [*rule.prelude, *(rule.content or ())]


def all_tokens(tokens):
    """Every token, those inside functions and blocks included."""
    for token in tokens:
        yield token
        if token.type == "function":
            yield from all_tokens(token.arguments)
        elif token.type.endswith(" block"):
            yield from all_tokens(token.content)


def quoted(value: str) -> str:
    """A CSS string in the quotes it has fewer of, ASCII only.

    tinycss2 writes every string in double quotes, escaping those inside: Furo's SVG
    icons, written in single quotes, would grow. ASCII: no server needs to say the charset.
    """
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + "".join(
        "\\" + char if char in (quote, "\\") else f"\\{ord(char):x} " if not " " <= char <= "~" else char
        for char in value
    ) + quote  # fmt: skip


def trim_whitespace(tokens: list) -> list:
    significant = [i for i, token in enumerate(tokens) if token.type not in ("whitespace", "comment")]
    return tokens[significant[0] : significant[-1] + 1] if significant else []


def split_selectors(prelude: list) -> list[list]:
    """A selector list's tokens, one list per selector, without the whitespace around it."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [trim_whitespace(selector) for selector in selectors]


def may_match(selector: list, used: set[str]) -> bool:
    """Whether the site uses every class the selector names.

    :not(.x), :is(.x) and [class~=x] are function and bracket blocks, one token each:
    the classes inside them are not looked at, as they cannot rule a selector out.
    """
    for dot, name in zip(selector, selector[1:]):
        if dot.type == "literal" and dot.value == "." and name.type == "ident" and name.value not in used:
            return False
    return bool(selector)


def keep_matching_rules(rules: list, used: set[str]) -> list:
    """The rules that may apply somewhere on the site, each with only the selectors that may match."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if may_match(s, used)]
            if not selectors:
                continue
            rule.prelude = [token for i, s in enumerate(selectors) for token in ([COMMA] if i else []) + s]
        elif is_group(rule):
            rule.content = keep_matching_rules(rule.content, used)
            if not rule.content:
                continue
        kept.append(rule)  # @font-face, @keyframes, @page, @import as they are
    return kept


def var_names(tokens: list):
    """The custom properties that the var() calls in ``tokens`` refer to, fallbacks included."""
    for token in all_tokens(tokens):
        if token.type == "function" and token.lower_name == "var":
            name = trim_whitespace(token.arguments)[:1]
            if name and name[0].type == "ident" and name[0].value.startswith("--"):
                yield name[0].value


def is_custom_property(item) -> bool:
    return item.type == "declaration" and item.name.startswith("--")


def flatten(rules: list):
    """Every rule, those inside @media and the like included."""
    for rule in rules:
        if is_group(rule):
            yield from flatten(rule.content)
        else:
            yield rule


def references(rules: list) -> tuple[dict[str, list], set[str], set[str]]:
    """Custom property definitions (name → values), the var() uses outside them, the animation names."""
    definitions: dict[str, list] = {}
    uses: set[str] = set()
    animations: set[str] = set()
    for rule in flatten(rules):
        if rule.type != "qualified-rule":  # @keyframes, @font-face: var() uses only
            uses.update(var_names(rule_tokens(rule)))
            continue
        for item in rule.content:
            if item.type != "declaration":  # a nested rule
                uses.update(var_names(rule_tokens(item)))
                continue
            if is_custom_property(item):
                definitions.setdefault(item.name, []).append(item.value)
            else:
                uses.update(var_names(item.value))
            # Where an animation is named; a custom property may pass the name on.
            if is_custom_property(item) or item.lower_name in ANIMATION_PROPERTIES:
                animations.update(token.value for token in item.value if token.type in ("ident", "string"))
    return definitions, uses, animations


def needed_variables(definitions: dict[str, list], uses: set[str]) -> set[str]:
    """The custom properties in use, and those their values use, and so on."""
    needed: set[str] = set()
    queue = list(uses)
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        needed.add(name)
        for value in definitions.get(name, ()):
            queue.extend(var_names(value))
    return needed


def keyframes_name(rule) -> str | None:
    if rule.type == "at-rule" and rule.lower_at_keyword in KEYFRAMES_AT_RULES:
        return next((token.value for token in trim_whitespace(rule.prelude)), None)
    return None


def drop_unused(rules: list, variables: set[str], animations: set[str]) -> list:
    """The rules without the custom properties and keyframes not in use; without the rules left empty."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            rule.content = [item for item in rule.content if not is_custom_property(item) or item.name in variables]
        elif is_group(rule):
            rule.content = drop_unused(rule.content, variables, animations)
        elif (name := keyframes_name(rule)) is not None and name not in animations:
            continue  # nothing starts this animation
        if rule.content != []:  # None: a statement, like @import
            kept.append(rule)
    return kept


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


def names_used_outside(outdir: Path, static: Path, purged: set[str]) -> set[str]:
    """Custom properties and animation names that pages (inline styles), scripts and other style sheets use."""
    uses: set[str] = set()
    for path in outdir.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".css", ".js"):
            continue
        if path.suffix == ".css" and path.relative_to(static).as_posix() in purged:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        uses.update(VARIABLE_USE.findall(text))
        for value in ANIMATION_DECLARATION.findall(text):
            uses.update(JS_TOKEN.findall(value))
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
    """Each style sheet with only the rules, custom properties and keyframes the site may use.

    ``outside``: the custom properties and animation names that pages, scripts and the
    other style sheets refer to.
    """
    sheets = {name: keep_matching_rules(parse_style_sheet(css), used) for name, css in originals.items()}
    definitions, uses, animations = references([rule for rules in sheets.values() for rule in rules])
    # Furo and sphinx-design define 232 custom properties, in light and dark; an edition
    # uses some 135. Dropping the others saves every page 3.7–4.2 KB (0.6–0.7 KB gzipped),
    # and a page with sphinx-design 2.3 KB (0.46 KB gzipped) more.
    variables = needed_variables(definitions, uses | outside)
    animations |= outside | used  # a script may start an animation by name
    return {
        name: licence_comments(originals[name]) + tinycss2.serialize(drop_unused(rules, variables, animations)) + "\n"
        for name, rules in sheets.items()
    }


LICENCE_COMMENT = re.compile(r"/\*!.*?\*/", re.S)


def licence_comments(css: str) -> str:
    """The sheet's /*! … */ comments (normalize.css's MIT notice in Furo's): a copy must keep them."""
    return "".join(f"{comment}\n" for comment in LICENCE_COMMENT.findall(css))


# Part of the cache key: bump the number when the purge gives other results, so no build reuses an old one.
PURGE_VERSION = f"tinycss2 {tinycss2.__version__}, 4"


def purge_theme_style_sheets(outdir: Path, static: Path, cache_path: Path) -> None:
    used = used_names(outdir)
    originals = {name: (static / name).read_text(encoding="utf-8") for name in PURGED if (static / name).is_file()}
    outside = names_used_outside(outdir, static, set(originals))
    # Purging is pure: the same style sheets, classes and outside names give the
    # same result, so an incremental build reuses the last one.
    key = hashlib.sha256(json.dumps([PURGE_VERSION, originals, sorted(used), sorted(outside)]).encode()).hexdigest()
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
    purge_theme_style_sheets(outdir, static, Path(app.doctreedir) / "handbook-purged-css.json")
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
