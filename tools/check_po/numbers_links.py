"""Numbers (phone numbers, dates) and addresses (URLs, tel:, e-mail) are copied exactly."""

from __future__ import annotations

import re

from .catalog import Catalog, Finding
from .text import DOMAIN, EMAIL, NBSP, NNBSP, NUMBER, URL, visible_text


def numbers_in(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group(0)) for m in NUMBER.finditer(text)}


def shown_number(text: str, digits: str) -> str:
    for m in NUMBER.finditer(text):
        if re.sub(r"\D", "", m.group(0)) == digits:
            return m.group(0).replace(NBSP, " ").replace(NNBSP, " ")
    return digits


def links_in(text: str) -> set[str]:
    found = set()
    for pattern in (URL, EMAIL, DOMAIN):
        for m in pattern.finditer(text):
            value = m.group(0).rstrip(".,;:!?)»")
            found.add(value)
    # www.x.be inside https://www.x.be is one address, not two
    return {v for v in found if not any(v != o and v in o for o in found)}


def check_numbers(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    src_text = visible_text(english, cat.interface)
    dst_text = visible_text(translation, cat.interface)
    src, dst = numbers_in(src_text), numbers_in(dst_text)
    out = []
    for digits in sorted(src - dst):
        out.append(cat.finding(entry, "numbers",
            f"the number {shown_number(src_text, digits)} of the English is missing: copy numbers, "
            "phone numbers and dates exactly (only the spaces in them may differ)."))  # fmt: skip
    for digits in sorted(dst - src):
        out.append(cat.finding(entry, "numbers",
            f"the translation has the number {shown_number(dst_text, digits)}, which the English "
            "does not have: check it (write numbers the way the English does, in digits or in words)."))  # fmt: skip
    return out


def check_links(cat: Catalog, entry, english: str, translation: str) -> list[Finding]:
    src, dst = links_in(english), links_in(translation)
    out = []
    accepted: set[str] = set()
    for link in sorted(src):
        options = {link}
        for term in cat.terms:
            for en_form in term.forms.get("en", []):
                if en_form in link:
                    options |= {link.replace(en_form, f) for f in term.forms.get(cat.lang, [])}
        accepted |= options
        if not options & dst:
            local = sorted(options - {link})
            alt = f" (or {', '.join(local)})" if local else ""
            out.append(cat.finding(entry, "links",
                f"the address {link}{alt} of the English is missing or changed: copy web addresses, "
                "phone links and e-mail addresses exactly."))  # fmt: skip
    for link in sorted(dst - accepted):
        out.append(cat.finding(entry, "links",
            f"the translation has the address {link}, which the English does not have: check it "
            "(only addresses listed for your language in locale/terminology.csv may replace the English ones)."))  # fmt: skip
    return out
