"""Help always in sight: a short line at the top of every web page.

Child Focus (116 000, free, day and night) and the emergency number 112 as
``tel:`` links, and a link to the help page; the words come from sphinx.po,
the numbers from /work/shared/facts.md (vetted).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .web_chrome import is_web

HELP_DOC = "help"
# (number as dialled, number as shown); both vetted in facts.md.
CHILD_FOCUS = ("116000", "116\u00a0000")  # a no-break space: the number never splits
EMERGENCY = ("112", "112")


def add_help_line(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    context["handbook_help"] = {
        "child_focus": CHILD_FOCUS,
        "emergency": EMERGENCY,
        "page": context["pathto"](HELP_DOC) if HELP_DOC in app.env.all_docs else "",
        "on_help_page": pagename == HELP_DOC,
    }


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_help_line)
