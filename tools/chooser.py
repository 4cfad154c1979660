"""The site's front door: build/site/index.html, a small language chooser.

Plain relative links, no script, so it works from file:// and offline.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

# The one line each language shows under its link, in its own words.
TAGLINES = {
    "en": "Guidance for parents, professionals and young people in Belgium.",
    "nl": "Informatie voor ouders, professionals en jongeren in België.",
    "fr": "Des repères pour les parents, les professionnels et les jeunes en Belgique.",
}

PAGE = """<!DOCTYPE html>
<html lang="{default}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titles}</title>
<meta name="description" content="{description}">
<link rel="icon" href="en/_static/handbook-icon.svg" type="image/svg+xml">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }}
h1 {{ font-size: 1.5rem; }}
ul {{ list-style: none; padding: 0; }}
li {{ margin: 1rem 0; }}
a {{ color: #0b4f8a; font-size: 1.25rem; font-weight: 600; }}
a:focus-visible {{ outline: 3px solid #1a1a1a; outline-offset: 2px; }}
p {{ margin: 0.25rem 0 0; }}
.help {{ padding: 0.5rem 0.75rem; background: #f3f4f6; border-left: 4px solid #b3261e; }}
.help a {{ font-size: 1rem; }}
</style>
</head>
<body>
<main>
<h1>{titles}</h1>
<p class="help"><span lang="nl">Hulp nodig?</span> · <span lang="fr">Besoin d’aide&nbsp;?</span> · Need help?
Child Focus <a href="tel:116000">116&nbsp;000</a> · <span lang="nl">Noodnummer</span> / <span lang="fr">Urgence</span> /
Emergency <a href="tel:112">112</a></p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""

ITEM = """<li lang="{code}"><a href="{code}/index.html" hreflang="{code}">{name}</a>
<p>{title}. {tagline}</p></li>"""


def write(site: Path, langs: list) -> Path:
    items = "\n".join(
        ITEM.format(code=lang.code, name=escape(lang.name), title=escape(lang.title),
                    tagline=escape(TAGLINES.get(lang.code, "")))  # fmt: skip
        for lang in langs
    )
    titles = " · ".join(escape(lang.title) for lang in langs)
    page = PAGE.format(default="en", titles=titles, items=items,
                       description=escape(TAGLINES["en"]))  # fmt: skip
    path = site / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
