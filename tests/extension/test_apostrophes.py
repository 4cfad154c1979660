"""handbook_ext.apostrophes: an apostrophe next to inline markup stays an apostrophe."""

from __future__ import annotations

from .conftest import page


def test_apostrophes_next_to_markup_survive_smart_quotes(project, make_app):
    app = make_app("html", srcdir=project("apostrophes"))
    app.build()
    assert not app.warning.getvalue()
    paragraphs = [p.get_text() for p in page(app, "index").select("p")]
    # French l'<term> once came out as « l” aide ».
    assert "Appelle l’aide à la jeunesse maintenant." in paragraphs
    assert "Demande de l’aide à l’école." in paragraphs  # before emphasis, and inside plain text
    # After a term: smart quotes alone get this one right too (as after ``code``, *emphasis*
    # and links); the transform must not spoil it.
    assert "The youth care’s workers listen." in paragraphs
    assert "Tape l'aide tel quel." in paragraphs  # a literal keeps what was typed
    assert "L’aide aux jeunes." in paragraphs
