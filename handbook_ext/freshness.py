"""Incremental builds never ship a stale page.

Sphinx rewrites only the pages it re-read, but every page shows the titles of
the others (the navigation sidebar, previous/next links, :doc: and :ref:
links without an explicit title). When a re-read page's title, headings or
table of contents change (say, a translator retitles it), or a page is added,
every page is rewritten.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def outline(env: BuildEnvironment, docname: str) -> tuple | None:
    if docname not in env.titles:
        return None
    return (
        env.titles[docname].astext(),
        env.tocs[docname].astext() if docname in env.tocs else "",
        tuple(env.toctree_includes.get(docname, ())),
    )


def note_added_or_removed(app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set) -> list:
    env.handbook_pages_changed = bool(added or removed)
    return []


def remember_outlines(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.handbook_outlines_before = {docname: outline(env, docname) for docname in docnames}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = getattr(env, "handbook_outlines_before", {})
    env.handbook_outlines_before = {}
    pages_changed = getattr(env, "handbook_pages_changed", False)
    env.handbook_pages_changed = False
    if pages_changed or any(outline(env, docname) != old for docname, old in before.items()):
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", note_added_or_removed)
    app.connect("env-before-read-docs", remember_outlines)
    app.connect("env-get-updated", pages_to_rewrite)
