"""Quick exit, after the GOV.UK "Exit this page" component.

A warning-styled link at the top of every web page, a visually hidden skip
link as the first tab stop, and Shift pressed three times within five
seconds (``handbook.js``) all leave for a neutral site in the reader's
language: ``quick_exit_urls`` in conf.py, one address per language. Without
JavaScript the button is an ordinary link to that site. With it, the page is
blanked at once and the browser goes there with ``location.replace``, so
Back does not come back to this page (the "Browsing safely" page says so,
and that browsing history is not erased).

The texts the script announces to screen readers travel as ``data-``
attributes of the button, in the page's language.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .web_chrome import is_web

# Where the quick-exit button and the "What is this?" link point.
BROWSING_SAFELY_DOC = "browsing-safely"
BROWSING_SAFELY_LABEL = "browsing-safely-quick-exit"


def check_urls(app: Sphinx, config: Config) -> None:
    urls = config.quick_exit_urls
    if config.language not in urls:
        raise ConfigError(
            f"quick_exit_urls in conf.py has no address for {config.language!r}: add one "
            "(a neutral, non-personalised site in that language)."
        )
    for code, url in urls.items():
        if not url.startswith("https://"):
            raise ConfigError(f"quick_exit_urls[{code!r}] must be an https:// address, not {url!r}.")


def add_quick_exit(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    about = ""
    if pagename == BROWSING_SAFELY_DOC:
        about = f"#{BROWSING_SAFELY_LABEL}"
    elif BROWSING_SAFELY_DOC in app.env.all_docs:
        about = f"{context['pathto'](BROWSING_SAFELY_DOC)}#{BROWSING_SAFELY_LABEL}"
    context["handbook_quick_exit"] = {"url": app.config.quick_exit_urls[app.config.language], "about": about}


def setup(app: Sphinx) -> None:
    app.add_config_value("quick_exit_urls", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", check_urls)
    app.connect("html-page-context", add_quick_exit)
