"""In a published language, text without a translation is a build error.

tools/validate.py catches fuzzy and empty entries in the PO files before the
build; this catches the rest: English text that has no entry at all (the page
changed after the last ``make update-po``). Sphinx marks every translatable
node ``translated`` True or False; untranslated ones are kept in the
environment, so an incremental build that does not re-read the page still
reports them. ``-D handbook_allow_incomplete=1`` turns the check off for local
previews (``tools/build_site.py --allow-incomplete``); make and the tests never do.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages, get_node_line

from . import languages

logger = logging.getLogger(__name__)
SHOWN_PER_PAGE = 5  # then "and N more": one forgotten `make update-po` must not flood the log


def _store(env: BuildEnvironment) -> dict[str, list[tuple[int, str]]]:
    if not hasattr(env, "handbook_untranslated"):
        env.handbook_untranslated = {}
    return env.handbook_untranslated


def translations(textdomain: str) -> dict[str, str]:
    """msgid → msgstr of one page's compiled catalog, as the Locale transform loaded it."""
    catalog = locale.translators.get(("general", textdomain))
    merged: dict[str, str] = {}
    while catalog is not None:
        merged = {**getattr(catalog, "_catalog", {}), **merged}
        catalog = getattr(catalog, "_fallback", None)
    return merged


class FindUntranslated(SphinxTransform):
    default_priority = 26  # right after Locale (20) and Sphinx's progress count (25)

    def apply(self, **kwargs) -> None:
        code = self.config.language
        if code not in languages.languages() or not languages.get(code).translated:
            return
        if self.env._builder_cls.name == "gettext":
            return
        docname = self.env.current_document.docname
        merged = translations(docname_to_domain(docname, self.config.gettext_compact))
        missing = []
        for node, message in extract_messages(self.document):
            # Sphinx leaves a translated toctree caption marked False: ask the catalog.
            if node.get("translated") is not True and not merged.get(message, "").strip():
                try:
                    line = get_node_line(node)
                except ValueError:
                    line = 0
                missing.append((line, message))
        _store(self.env)[docname] = missing


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _store(other):
            _store(env)[docname] = _store(other)[docname]


def report(app: Sphinx, env: BuildEnvironment) -> None:
    code = app.config.language
    if code not in languages.languages() or languages.get(code).status != "published":
        return
    if app.config.handbook_allow_incomplete:
        return
    for docname in sorted(_store(env)):
        if docname not in env.found_docs:
            continue
        missing = _store(env)[docname]
        catalog = Path("locale", code, "LC_MESSAGES", docname + ".po")
        for line, message in missing[:SHOWN_PER_PAGE]:
            text = re.sub(r"\s+", " ", message)
            text = text if len(text) <= 80 else text[:79] + "…"
            logger.warning(
                "untranslated in the published language %r: %r has no translation in %s "
                "(run `make update-po`, then translate it)",
                code, text, catalog, location=(docname, line),
                type="handbook", subtype="untranslated",
            )  # fmt: skip
        if len(missing) > SHOWN_PER_PAGE:
            logger.warning(
                "… and %d more untranslated messages in %s",
                len(missing) - SHOWN_PER_PAGE, catalog, location=docname,
                type="handbook", subtype="untranslated",
            )  # fmt: skip


def setup(app: Sphinx) -> None:
    # Read at report time only, so changing it never forces a re-read.
    app.add_config_value("handbook_allow_incomplete", False, "", types=frozenset({bool, int, str}))
    app.add_transform(FindUntranslated)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-check-consistency", report)
