"""The EPUB cover: a PNG with the handbook's title in the book's language.

Drawn by the build with Pillow, so no language needs a hand-made image and a
new language gets its cover from its title in pyproject.toml. A raster
cover, because e-readers show PNG covers everywhere and SVG covers only in
some. The font is a bold sans from the system (DejaVu Sans comes with
fontconfig on Debian): the font Pillow carries has no accented letters.
The same font and Pillow version always write the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation

from . import languages

_ = get_translation("sphinx")

COVER_IMAGE = "_static/handbook-cover.png"  # inside the EPUB
COVER_PAGE_TEMPLATE = "epub-cover.html"  # in the EPUB theme

# 1600 × 2560: the 1:1.6 shape and size e-book shops ask for.
WIDTH, HEIGHT = 1600, 2560
MARGIN = 150
BACKGROUND = (18, 72, 90)  # deep teal: calm, and white on it is 9.9:1
ACCENT = (242, 177, 52)
TITLE_COLOUR = (255, 255, 255)
SUBTITLE_COLOUR = (214, 234, 240)

FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
# (bold, regular) sans fonts with every Latin letter, best first.
FONT_FILES = [
    ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
    ("LiberationSans-Bold.ttf", "LiberationSans-Regular.ttf"),
    ("NotoSans-Bold.ttf", "NotoSans-Regular.ttf"),
    ("FreeSansBold.ttf", "FreeSans.ttf"),
]


def font_files() -> tuple[Path, Path]:
    """The first (bold, regular) pair of FONT_FILES found on this machine."""
    for names in FONT_FILES:
        for folder in FONT_DIRS:
            found = [sorted(folder.rglob(name)) if folder.is_dir() else [] for name in names]
            if all(found):
                return found[0][0], found[1][0]
    raise ExtensionError(
        "No font for the EPUB cover: install one of "
        f"{', '.join(bold for bold, _ in FONT_FILES)} (on Debian: apt-get install fonts-dejavu-core)."
    )


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def draw_lines(draw, lines, font, top, colour, spacing) -> int:
    """Draw left-aligned lines from ``top``; return the y below the last one."""
    ascent, descent = font.getmetrics()
    for line in lines:
        draw.text((MARGIN, top), line, font=font, fill=colour)
        top += ascent + descent + spacing
    return top


def cover(title: str, subtitle: str, edition: str) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    bold, regular = map(str, font_files())
    title_font = ImageFont.truetype(bold, size=170)
    subtitle_font = ImageFont.truetype(regular, size=76)
    edition_font = ImageFont.truetype(bold, size=60)

    draw.rectangle((MARGIN, 620, MARGIN + 260, 650), fill=ACCENT)
    y = draw_lines(draw, wrap(title, title_font, text_width), title_font, 720, TITLE_COLOUR, 20)
    draw_lines(draw, wrap(subtitle, subtitle_font, text_width), subtitle_font, y + 90, SUBTITLE_COLOUR, 18)
    draw.rectangle((0, HEIGHT - 330, WIDTH, HEIGHT), fill=(12, 52, 66))
    draw_lines(draw, [edition], edition_font, HEIGHT - 215, SUBTITLE_COLOUR, 0)
    return image


COVER_KEY = "handbook-cover"  # the words drawn, kept in the PNG


def write_cover(app: Sphinx) -> None:
    if app.builder.name != "epub":
        return
    lang = languages.get(app.config.language)
    texts = (
        lang.title.replace("'", "\u2019"),  # the typographic apostrophe
        str(_("For parents, professionals and young people in Belgium")),
        str(_("E-book edition")),
    )
    path = Path(app.outdir, COVER_IMAGE)
    # Drawing and optimising takes a fifth of a second: an incremental build
    # keeps the cover when its words are the same (the drawing code's changes
    # rebuild from scratch: tools/build_state.py).
    key = "\n".join(texts)
    try:
        with Image.open(path) as old:
            if old.text.get(COVER_KEY) == key:
                return
    except (OSError, AttributeError):
        pass
    info = PngInfo()
    info.add_text(COVER_KEY, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    cover(*texts).save(path, format="PNG", optimize=True, pnginfo=info)


def use_cover(app: Sphinx, config) -> None:
    config.epub_cover = (COVER_IMAGE, COVER_PAGE_TEMPLATE)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_cover, priority=150)
    app.connect("builder-inited", write_cover)
