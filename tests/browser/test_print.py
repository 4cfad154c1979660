"""Printing the signals page and the help page: the text only, with phone numbers and addresses.

Checked with the print stylesheet (emulate_media) and by printing to PDF.
"""

from __future__ import annotations

import re

import pytest

from conftest import LANGS

PAGES = ["understanding/signals.html", "help.html"]
# Page chrome that has no place on paper.
NOT_ON_PAPER = [
    ".handbook-exit-button", ".handbook-exit-skip", ".handbook-exit-about", ".handbook-languages",
    ".skip-to-content", ".sidebar-drawer", ".toc-drawer", ".mobile-header", ".content-icon-container",
    ".related-pages", ".back-to-top", ".theme-toggle", "button", "nav", "input", "a.headerlink",
]  # fmt: skip

LINKS_JS = """() => [...document.querySelectorAll("article a[href]")].map(a => {
  const after = getComputedStyle(a, "::after").content;
  const next = a.nextElementSibling;
  const printed = next && next.classList.contains("handbook-print-only") && getComputedStyle(next).display !== "none"
    ? next.textContent : "";
  return {href: a.getAttribute("href"), text: a.textContent, after, printed};
})"""


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_print_shows_only_the_text(reader, lang, path):
    reader.open(f"{lang}/{path}")
    reader.page.emulate_media(media="print")
    page = reader.page
    for selector in NOT_ON_PAPER:
        shown = [i for i in range(page.locator(selector).count()) if page.locator(selector).nth(i).is_visible()]
        assert not shown, f"{selector} is printed"
    assert page.locator("article h1").is_visible()
    help_line = page.locator(".handbook-help")
    # 116 000 with a no-break space: numbers never break across lines (handbook_ext/phone_numbers.py).
    assert help_line.is_visible() and "116\u00a0000" in help_line.inner_text(), "the help line belongs on paper"
    # Every dropdown is printed open; tabs print all their panels.
    for details in page.locator("article details").all():
        for child in details.locator(":scope > :not(summary)").all():
            assert child.is_visible(), "a dropdown's text is not printed"
    for panel in page.locator("article .sd-tab-content").all():
        assert panel.is_visible(), "a tab panel is not printed"
    assert not reader.errors


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_printed_links_carry_their_address_or_number(reader, lang, path):
    reader.open(f"{lang}/{path}")
    reader.page.emulate_media(media="print")
    missing = []
    for link in reader.page.evaluate(LINKS_JS):
        href = link["href"]
        if href.startswith("http"):
            if href not in link["after"]:
                missing.append(f"{link['text']!r} → {href}: printed after it: {link['after']}")
        elif href.startswith("tel:"):
            number = digits(href)
            if digits(link["text"]) != number and digits(link["printed"]) != number:
                missing.append(f"{link['text']!r} → {href}: the number is not printed")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", PAGES)
def test_printing_to_pdf(reader, path):
    reader.open(f"nl/{path}")
    pdf = reader.page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 12, f"{pages} pages"
    assert not reader.errors
