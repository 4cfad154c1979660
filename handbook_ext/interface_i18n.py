"""Interface strings in the reader's language.

Sphinx's Dutch catalog leaves many strings untranslated and Furo ships none,
so ``locale/<lang>/LC_MESSAGES/sphinx.po`` (ours) comes first; Sphinx compiles
it itself. The search page's strings come from the same PO file: the HTML
builder's ``_static/translations.js`` is written here, once, right after the
builder has copied its static files (before any page links it, so its ``?v=``
is right), and nothing but Sphinx's ``.mo`` files goes into ``locale/``.

That script sets the strings without ``new Function`` (no ``'unsafe-eval'`` in
the Content-Security-Policy) and keeps only the messages some script of the
site uses. The plural expression is wrapped in ``Number()``: Sphinx's own nl
catalog returns a boolean there, which makes the search summary throw.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from . import languages
from .web_chrome import is_web

PLURAL_EXPRESSION = re.compile(r"^[\sn0-9()!=<>&|?:%+*/-]*$")
TRANSLATIONS_JS = "translations.js"
TRANSLATIONS_TEMPLATE = """// The interface strings for search, set without eval (no 'unsafe-eval' in the policy).
Object.assign(Documentation.TRANSLATIONS, {messages});
Documentation.PLURAL_EXPR = (n) => ({plural});
Documentation.LOCALE = {locale};
"""


def interface_catalog(srcdir: str | Path, config: Config) -> Path | None:
    """Our sphinx.po for the build's language; None for English (Sphinx's own strings)."""
    lang = languages.get(config.language)
    if not lang.translated:
        return None
    for locale_dir in config.locale_dirs:
        po_path = Path(srcdir, locale_dir, lang.code, "LC_MESSAGES", "sphinx.po")
        if po_path.is_file():
            return po_path
    raise ConfigError(
        f"No interface catalog for {lang.code!r}: create locale/{lang.code}/LC_MESSAGES/sphinx.po "
        "(copy another language's sphinx.po and translate its msgstr lines)."
    )


def check_catalog(app: Sphinx, config: Config) -> None:
    interface_catalog(app.srcdir, config)


def plural_expression(po: polib.POFile) -> str:
    match = re.search(r"plural=(.+?);?\s*$", po.metadata.get("Plural-Forms", ""))
    if not match:
        raise ConfigError(f"{po.fpath}: the header has no Plural-Forms line with plural=…")
    expression = match.group(1).rstrip(";")
    if not PLURAL_EXPRESSION.match(expression):  # it becomes JavaScript: arithmetic on n only
        raise ConfigError(f"{po.fpath}: unexpected plural expression {expression!r}")
    return f"Number({expression})"


def translations_js(po: polib.POFile, language: str, scripts: str) -> str:
    """The script, with the messages found in ``scripts`` (the catalog also holds every template string)."""
    messages: dict[str, str | list[str]] = {}
    for entry in po.translated_entries():
        if json.dumps(entry.msgid)[1:-1] in scripts or entry.msgid in scripts:
            if entry.msgid_plural:
                messages[entry.msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            else:
                messages[entry.msgid] = entry.msgstr
    return TRANSLATIONS_TEMPLATE.format(
        messages=json.dumps(messages, ensure_ascii=False, sort_keys=True, indent=1),
        plural=plural_expression(po),
        locale=json.dumps(language),
    )


def write_translations_js(app: Sphinx, po_path: Path) -> None:
    static = Path(app.outdir, "_static")
    path = static / TRANSLATIONS_JS
    scripts = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in static.rglob("*.js") if p != path
    )
    text = translations_js(polib.pofile(str(po_path)), languages.get(app.config.language).code, scripts)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def link_translations_js(app: Sphinx) -> None:
    """Every page of a translated web edition loads our translations.js, written after the static files."""
    po_path = interface_catalog(app.srcdir, app.config)
    if po_path is None or not is_web(app):
        return
    # Sphinx links translations.js only when it finds a sphinx.js to copy; the same
    # entry (priority 500) if it does, so the page's script order is unchanged.
    app.add_js_file(TRANSLATIONS_JS)
    builder = app.builder
    copy_static_files = builder.copy_static_files

    def copy_static_files_then_translations() -> None:
        copy_static_files()  # may copy a sphinx.js Sphinx ships: replaced just below
        write_translations_js(app, po_path)

    builder.copy_static_files = copy_static_files_then_translations


def setup(app: Sphinx) -> None:
    app.connect("config-inited", check_catalog, priority=200)
    app.connect("builder-inited", link_translations_js, priority=900)  # after the theme's scripts
