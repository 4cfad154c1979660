"""Interface strings in the reader's language.

Sphinx's Dutch catalog leaves many strings untranslated and Furo ships none,
so ``locale/<lang>/LC_MESSAGES/sphinx.po`` (ours) comes first; Sphinx compiles
it itself. The search page's strings live in a separate JavaScript catalog,
``sphinx.js``, which Sphinx copies but does not make: we write it here from
the same PO file. The plural expression is wrapped in ``Number()``: Sphinx's
own nl catalog returns a boolean there, which makes the search summary throw.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import polib
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from . import languages

JS_TEMPLATE = "Documentation.addTranslations({catalog});\n"


def plural_expression(po: polib.POFile) -> str:
    match = re.search(r"plural=(.+?);?\s*$", po.metadata.get("Plural-Forms", ""))
    if not match:
        raise ConfigError(f"{po.fpath}: the header has no Plural-Forms line with plural=…")
    return f"Number({match.group(1).rstrip(';')})"


def js_catalog(po: polib.POFile, language: str) -> str:
    messages: dict[str, str | list[str]] = {}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            messages[entry.msgid] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            messages[entry.msgid] = entry.msgstr
    catalog = {"locale": language, "messages": messages, "plural_expr": plural_expression(po)}
    return JS_TEMPLATE.format(catalog=json.dumps(catalog, ensure_ascii=False, sort_keys=True, indent=1))


def write_js_catalog(app: Sphinx, config: Config) -> None:
    lang = languages.get(config.language)
    if not lang.translated:
        return
    for locale_dir in config.locale_dirs:
        po_path = Path(app.srcdir, locale_dir, lang.code, "LC_MESSAGES", "sphinx.po")
        if po_path.is_file():
            text = js_catalog(polib.pofile(str(po_path)), lang.code)
            js_path = po_path.with_suffix(".js")
            # Only rewrite on change, so incremental builds stay incremental.
            if not js_path.is_file() or js_path.read_text(encoding="utf-8") != text:
                # In one step: the HTML and EPUB builds of a language start together.
                partial = js_path.with_name(f".{js_path.name}.{os.getpid()}")
                partial.write_text(text, encoding="utf-8")
                os.replace(partial, js_path)
            return
    raise ConfigError(
        f"No interface catalog for {lang.code!r}: create locale/{lang.code}/LC_MESSAGES/sphinx.po "
        "(copy another language's sphinx.po and translate its msgstr lines)."
    )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", write_js_catalog, priority=200)
