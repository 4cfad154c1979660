"""In a published language, text without a translation is a build error.

tools/validate.py catches fuzzy and empty entries in the PO files before the
build; this catches the rest: English text that has no entry at all (the page
changed after the last ``make update-po``). Which messages have no
translation is found by :mod:`.untranslated`, which keeps them in the
environment, so an incremental build that does not re-read the page still
reports them. ``-D handbook_allow_incomplete=1`` turns the check off for local
previews (``tools/build_site.py --allow-incomplete``); make and the tests never do.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import languages, untranslated

logger = logging.getLogger(__name__)
SHOWN_PER_PAGE = 5  # then "and N more": one forgotten `make update-po` must not flood the log


def report(app: Sphinx, env: BuildEnvironment) -> None:
    code = app.config.language
    if code not in languages.languages() or languages.get(code).status != "published":
        return
    if app.config.handbook_allow_incomplete:
        return
    found = untranslated.found(env)
    for docname in sorted(found):
        if docname not in env.found_docs:
            continue
        missing = found[docname]
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
    app.connect("env-check-consistency", report)
