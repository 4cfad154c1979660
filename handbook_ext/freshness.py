"""Incremental builds never ship a stale page, whichever builder read it.

One language's builders share one environment (tools/build_site.py runs the
EPUB builder, then the HTML builder, on the same doctrees), so a page re-read
by one builder is not "outdated" any more for the next. Each builder
therefore also writes:

- every page whose saved doctree is newer than this builder's output of it
  (another builder re-read it since);
- every page, when the pages' outline differs from the one this builder last
  wrote with: every page shows the titles of the others (the navigation
  sidebar, previous/next links, :doc: links without an explicit title), so a
  retitled, added or removed page changes them all.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def outline(env: BuildEnvironment, docname: str) -> tuple:
    return (
        env.titles[docname].astext() if docname in env.titles else "",
        env.tocs[docname].astext() if docname in env.tocs else "",
        tuple(env.toctree_includes.get(docname, ())),
    )


def reread_by_another_builder(app: Sphinx, docname: str) -> bool:
    try:
        target = Path(app.builder.get_output_path(docname))
        return Path(app.doctreedir, docname + ".doctree").stat().st_mtime_ns > target.stat().st_mtime_ns
    except OSError:
        return False  # no output yet: the builder writes it anyway


def pages_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if not hasattr(app.builder, "get_output_path"):
        return []  # builders without one output per page (gettext)
    outlines = {docname: outline(env, docname) for docname in sorted(env.found_docs)}
    written = getattr(env, "handbook_outlines_written", {})
    before = written.get(app.builder.name)
    env.handbook_outlines_written = {**written, app.builder.name: outlines}
    if before is not None and before != outlines:
        return sorted(env.found_docs)
    return [docname for docname in sorted(env.found_docs) if reread_by_another_builder(app, docname)]


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_to_write)
