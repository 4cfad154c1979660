"""Light web pages: each page loads only the CSS and JavaScript it uses, and its
first view fits one round trip. HTML builder only.

Budgets (tools/bench.py, gzipped): the HTML and its render-blocking style
sheets at most 14 KB, what a new connection's first flight carries; the whole
first view at most 20 KB.

- Each page's style is cut, after the build, from the theme's style sheets
  (Furo, its extensions, sphinx-design, Pygments, handbook.css, Furo's code
  colours), parsed with tinycss2, for that page: what its first paint needs
  inline in its ``<head>``, the rest in a file linked at the end of its
  ``<body>`` (first_view.py). The theme's sheets themselves are not shipped.
- sphinx-design's tabs script only on pages with tabs. Furo's script is not
  loaded: handbook.js does what the handbook needs of it; what matters only
  after a scroll comes with handbook-scroll.js, at the first scroll.
- Sphinx's search-term highlighting (four scripts, in one file) loads only
  after a search; the search page has its scripts in one file too.
- Scripts are minified (rjsmin), style sheets too (rcssmin); source maps, and
  static files that nothing refers to, are not shipped. Every ``?v=`` follows
  its file's content, so browsers never keep a stale copy. (Sphinx copies the
  original files again on every build: each build starts from them.)
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

DESIGN_TABS_JS = "design-tabs.js"
# Sphinx's search-term highlighting needs these four scripts: in one file,
# handbook-highlight.js, that handbook.js loads after a search; the search page
# has them in its own file with Sphinx's search, handbook-search.js.
HIGHLIGHT_SCRIPTS = ("documentation_options.js", "doctools.js", "sphinx_highlight.js", "translations.js")
SEARCH_SCRIPTS = (*HIGHLIGHT_SCRIPTS, "searchtools.js", "language_data.js")
HIGHLIGHT_JS = "handbook-highlight.js"
SEARCH_JS = "handbook-search.js"
HANDBOOK_JS = "handbook.js"
# Loaded by handbook.js at the first scroll ("back to top", the contents' current section).
SCROLL_JS = "handbook-scroll.js"
# Furo's script: handbook.js does what the handbook needs of it (theme toggle,
# back to top, the contents' current section) in a tenth of its size.
FURO_JS = "scripts/furo.js"
SOURCE_MAP_COMMENT = re.compile(rb"\s*/\*# sourceMappingURL=[^*]*\*/\s*$")


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
    unused = {*HIGHLIGHT_SCRIPTS, FURO_JS}  # in handbook-highlight.js and handbook-search.js; handbook.js
    if not uses_classes(doctree, "sd-tab-set"):
        unused.add(DESIGN_TABS_JS)
    # A new list: the builder shares one list between all pages. (Each page's style
    # is cut for it after the build, whatever sheets it links now.)
    context["script_files"] = [f for f in context.get("script_files", []) if filename(f) not in unused]


# --- the style sheets, parsed with tinycss2 (first_view.py cuts them per page) ----------------

# At-rules that hold rules (@media print, @media (prefers-color-scheme: dark), …):
# purged inside, dropped when nothing is left in them.
GROUPING_AT_RULES = frozenset({"media", "supports", "layer", "container", "document"})
KEYFRAMES_AT_RULES = frozenset({"keyframes", "-webkit-keyframes"})
ANIMATION_PROPERTIES = frozenset({"animation", "animation-name", "-webkit-animation", "-webkit-animation-name"})


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


def var_names(tokens: list):
    """The custom properties that the var() calls in ``tokens`` refer to, fallbacks included."""
    for token in all_tokens(tokens):
        if token.type == "function" and token.lower_name == "var":
            name = trim_whitespace(token.arguments)[:1]
            if name and name[0].type == "ident" and name[0].value.startswith("--"):
                yield name[0].value


def keyframes_name(rule) -> str | None:
    if rule.type == "at-rule" and rule.lower_at_keyword in KEYFRAMES_AT_RULES:
        return next((token.value for token in trim_whitespace(rule.prelude)), None)
    return None


STATIC_VERSION = re.compile(r"_static/([^\"'?#\s]+)\?v=([0-9a-f]+)")
NOT_MINIFIED = {"translations.js"}  # mostly strings, already small: kept readable
PREFORMATTED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)


GENERATOR_COMMENT = re.compile(r"<!-- Generated with Sphinx [^>]*-->\n?")
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\n?')


def trim_head(page: str) -> str:
    """Without Furo's "Generated with" comment and Sphinx's second viewport tag (Furo's comes first)."""
    page = GENERATOR_COMMENT.sub("", page, count=1)
    viewports = list(VIEWPORT.finditer(page[: page.find("</head>")]))
    for match in reversed(viewports[1:]):
        page = page[: match.start()] + page[match.end() :]
    return page


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


def bundle(static: Path, name: str, parts: tuple[str, ...]) -> None:
    """One script of the given ones, in order (those that exist).

    Not in strict mode: the Snowball stemmers of language_data.js assign globals
    (in strict mode they would stop with "BaseStemmer is not defined").
    """
    texts = [(static / part).read_text(encoding="utf-8").strip() for part in parts if (static / part).is_file()]
    (static / name).write_text("\n;".join(texts) + "\n", encoding="utf-8")


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
        for folder in sorted((p for p in static.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()  # styles/, scripts/: their files are not shipped


LICENCE_COMMENT = re.compile(r"/\*!.*?\*/", re.S)


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
    colours = getattr(app.builder, "handbook_code_colours", None)
    if colours is not None:  # every build writes a page at least (search.html)
        (static / CODE_CSS).write_text(code_colours_css(*colours), encoding="utf-8")
    # Minify the scripts and style sheets (licence comments, /*! … */, stay).
    minify_static_files(static)
    # Scripts that load together, in one file each: gzip does better, one request.
    bundle(static, HIGHLIGHT_JS, HIGHLIGHT_SCRIPTS)
    bundle(static, SEARCH_JS, SEARCH_SCRIPTS)
    # handbook.js asks for the scripts it loads later by the name of their current content.
    script = static / HANDBOOK_JS
    if script.is_file():
        text = script.read_text(encoding="utf-8")
        for name in (SCROLL_JS, HIGHLIGHT_JS):
            if (static / name).is_file():
                text = text.replace(f'"{name}"', f'"{name}?v={short_hash((static / name).read_bytes())}"')
        script.write_text(text, encoding="utf-8")
    # Each page: its critical rules inline, the rest linked at the end (first_view.py).
    split_style_sheets(app, outdir, static, Path(app.doctreedir) / "handbook-first-view.json")
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
        new = STATIC_VERSION.sub(version, trim_indentation(trim_head(text)))
        if new != text:
            page.write_text(new, encoding="utf-8")
    # Static files nothing refers to (Sphinx's basic theme images, unused style sheets).
    drop_unreferenced(outdir, static)


# --- after the build: each page's style, split for its first view (first_view.py) --------------

CRITICAL_STYLE = re.compile(r"<style data-critical>.*?</style>\n?", re.S)
REST_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*_static/handbook-rest-[0-9a-f]+\.css">\n?')
STATIC_PREFIX = re.compile(r'(?:href|src)="([^"]*?)_static/')
SCRIPT_SRC = re.compile(r"""<script\b[^>]*\bsrc="[^"]*?_static/([^"?#]+)""")
TITLE_END = "</title>"
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z][\w-]*")
# Part of the cache key: bump it when the split gives other results.
SPLIT_VERSION = f"tinycss2 {tinycss2.__version__}, 5"


def sheet_names(app: Sphinx, static: Path) -> list[str]:
    """The edition's style sheets in cascade order (each page's are among them)."""
    files = sorted(app.builder.globalcontext.get("css_files", []), key=lambda css: getattr(css, "priority", 500))
    return [name for name in dict.fromkeys(filename(f) for f in files) if (static / name).is_file()]


def sheet_links(names: list[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf'<link rel="stylesheet"[^>]*href="[^"]*_static/(?:{alternatives})(?:\?v=[0-9a-f]+)?"[^>]*>\n?')


def page_scripts(page: str, static: Path) -> list[str]:
    """The text of every script the page may run: its own, and those its loader brings."""
    names = SCRIPT_SRC.findall(page)
    if HANDBOOK_JS in names:  # it brings these later: at the first scroll, after a search
        names += [SCROLL_JS, HIGHLIGHT_JS]
    return [(static / n).read_text(encoding="utf-8", errors="replace") for n in dict.fromkeys(names)
            if (static / n).is_file()]  # fmt: skip


def split_style_sheets(app: Sphinx, outdir: Path, static: Path, cache_path: Path) -> None:
    from . import first_view

    names = sheet_names(app, static)
    if not names:
        return
    sheets = [(static / name).read_text(encoding="utf-8") for name in names]
    links = sheet_links(names)
    analysed: list = []  # the sheets, analysed for the first page that needs it
    try:
        cached = json.loads(cache_path.read_text(encoding="utf-8"))
        cached = cached if cached.get("version") == SPLIT_VERSION else {}
    except (OSError, ValueError):
        cached = {}
    results: dict[str, list[str]] = {}
    sheets_key = hashlib.sha256(json.dumps([SPLIT_VERSION, names, sheets]).encode()).hexdigest()
    # A page Sphinx did not write in this build has last build's split; while no style
    # sheet and no script changed, it is kept as it is (an incremental build stays quick).
    scripts_key = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(static.rglob("*.js")))).hexdigest()
    same = cached.get("sheets") == sheets_key and cached.get("scripts") == scripts_key
    written = {Path(name) for name in getattr(app.builder, "handbook_written", ())}
    done: dict[str, str] = {}
    for path in sorted(outdir.rglob("*.html")):
        if "_static" in path.parts:
            continue
        relative = path.relative_to(outdir).as_posix()
        key = cached.get("done", {}).get(relative)
        if same and path not in written and key in cached.get("pages", {}):
            results[key] = cached["pages"][key]
            done[relative] = key
            continue
        text = path.read_text(encoding="utf-8")
        bare = REST_LINK.sub("", CRITICAL_STYLE.sub("", links.sub("", text)))
        if TITLE_END not in bare or "</body>" not in bare:
            continue
        prefix = STATIC_PREFIX.search(bare)
        scripts = page_scripts(bare, static)
        page = first_view.scan_page(bare, scripts)
        # Custom properties the page (its inline style, its text) and its scripts name.
        outside = {m for text in (bare, *scripts) for m in CUSTOM_PROPERTY.findall(text)}
        key = hashlib.sha256(json.dumps([sheets_key, page.key(), sorted(outside)]).encode()).hexdigest()
        if key in cached.get("pages", {}):
            critical, rest = cached["pages"][key]
        else:
            if not analysed:
                analysed.append(first_view.analyse_sheets(sheets))
            split = first_view.split_for_page(analysed[0], page, outside)
            critical, rest = split.critical, split.rest
        results[key] = [critical, rest]
        done[relative] = key
        rest_name = first_view.rest_name(rest)
        if not (static / rest_name).is_file():
            (static / rest_name).write_text(rest, encoding="utf-8")
        at = bare.index(TITLE_END) + len(TITLE_END)
        href = f"{prefix.group(1) if prefix else ''}_static/{rest_name}"
        new = bare[:at] + f"\n<style data-critical>{critical}</style>" + bare[at:]
        end = new.rindex("</body>")
        new = new[:end] + f'<link rel="stylesheet" href="{href}">\n' + new[end:]
        if new != text:
            path.write_text(new, encoding="utf-8")
    cache = {"version": SPLIT_VERSION, "sheets": sheets_key, "scripts": scripts_key, "pages": results, "done": done}
    cache_path.write_text(json.dumps(cache), encoding="utf-8")


def remember_written(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The pages Sphinx writes in this build (the others keep last build's style)."""
    if is_web(app):
        if not hasattr(app.builder, "handbook_written"):
            app.builder.handbook_written = set()
        app.builder.handbook_written.add(app.builder.get_outfilename(pagename))


# --- Furo's code colours, as a style sheet ---------------------------------------------------

CODE_CSS = "handbook-code.css"


def add_code_colours(app: Sphinx) -> None:
    if is_web(app):
        app.add_css_file(CODE_CSS, priority=950)  # where Furo's inline <style> was: after the others


def remember_code_colours(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Furo's colours for code (from the Pygments styles), and any theme CSS variables."""
    if is_web(app) and "furo_pygments" in context:
        app.builder.handbook_code_colours = (
            context["furo_pygments"],
            context.get("theme_light_css_variables") or {},
            context.get("theme_dark_css_variables") or {},
        )


def code_colours_css(pygments: dict, light: dict, dark: dict) -> str:
    """What Furo's partials/_head_css_variables.html writes, as a style sheet."""

    def declarations(theme: dict, extra: dict) -> str:
        pairs = {"color-code-background": theme["background"], "color-code-foreground": theme["foreground"], **extra}
        return ";".join(f"--{name}:{value}" for name, value in pairs.items())

    dark_declarations = declarations(pygments["dark"], dark)
    return (
        f"body{{{declarations(pygments['light'], light)}}}\n"
        f"@media not print{{body[data-theme=dark]{{{dark_declarations}}}"
        f"@media (prefers-color-scheme:dark){{body:not([data-theme=light]){{{dark_declarations}}}}}}}\n"
    )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_code_colours)
    app.connect("html-page-context", remember_code_colours, priority=600)  # after Furo's
    app.connect("html-page-context", drop_unused_files, priority=900)
    app.connect("html-page-context", remember_written)
    app.connect("build-finished", trim_static_files, priority=800)
