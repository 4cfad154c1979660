"""Help always in sight: a short line at the top of every web page.

Child Focus (116 000, free, day and night) and the emergency number 112 as
``tel:`` links, and a link to the help page; the words come from sphinx.po,
the numbers from /work/shared/facts.md (vetted).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .phone_numbers import keep_together
from .web_chrome import is_web

HELP_DOC = "help"
# (number as dialled, number as shown); both vetted in facts.md. Shown with a
# no-break space, like every phone number (phone_numbers).
CHILD_FOCUS = ("116000", keep_together("116 000"))
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
