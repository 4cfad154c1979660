"""What a reader sees of a message: reST markup, targets, addresses removed (visible_text).

Most checks compare this text, not the raw message, so that markup never counts as words,
numbers or punctuation.
"""

from __future__ import annotations

import re

NBSP, NNBSP = "\u00a0", "\u202f"
XREF_ROLES = {"term", "ref", "doc", "numref", "any", "download", "keyword", "token", "option",
              "envvar", "confval", "external"}  # fmt: skip
ROLE = re.compile(r"(?<![\w`\\]):((?:[A-Za-z][\w+.-]*:)?[A-Za-z][\w+.-]*):`((?:[^`\\]|\\.)+)`")
LINK = re.compile(r"(?<![\w`\\])`((?:[^`\\]|\\.)+?)\s*<([^<>`]+)>`__?")
NAMED_REF = re.compile(r"(?<![\w`\\])`((?:[^`\\]|\\.)+?)`__?(?![\w])")
LITERAL = re.compile(r"``(.+?)``")
URL = re.compile(r"(?:https?://|www\.)[^\s<>`\"'«»]+|\b(?:tel|mailto):[^\s<>`\"'«»]+", re.I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
DOMAIN = re.compile(r"(?<![\w@./-])(?:[\w-]+\.)+(?:be|org|com|net|eu|nl|fr|de|info|gov\.uk)(?:/[^\s<>`\"'«»]*)?(?![\w-])", re.I)
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
PLACEHOLDER = re.compile(r"%\([\w]+\)[sd]|%[sd]|\$\{\w+\}|\{\w*\}")
SUBSTITUTION = re.compile(r"\|[^|\s][^|]*\|_{0,2}")
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0\u202f.,]\d{3}(?!\d))*(?:[.,]\d+)?")


def split_title(text: str) -> tuple[str | None, str]:
    match = re.fullmatch(r"(.*?)\s*<(.+)>", text, re.S)
    if match and match.group(1):
        return match.group(1), match.group(2)
    return None, text


def visible_text(message: str, interface: bool = False) -> str:
    """What a reader sees of a message: markup, targets, literals, URLs and e-mails removed.

    A reference whose text Sphinx fills in (:doc:`/help`) becomes the word "X".
    """
    text = message
    if interface:
        text = HTML_TAG.sub(" ", text)
        text = PLACEHOLDER.sub(" ", text)
    text = LITERAL.sub("X", text)

    def role(match: re.Match) -> str:
        name, content = match.group(1), match.group(2)
        title, target = split_title(content)
        short = name.rsplit(":", 1)[-1]
        if short in XREF_ROLES or ":" in name:
            if title is not None:
                return title
            return target.lstrip("~!") if short in ("term", "abbr", "keyword") else "X"
        if short in ("math", "code", "literal", "samp", "file", "kbd", "command", "program"):
            return "X"
        return content

    text = ROLE.sub(role, text)
    text = LINK.sub(lambda m: m.group(1), text)
    text = NAMED_REF.sub(lambda m: m.group(1), text)
    text = URL.sub(" ", text)
    text = EMAIL.sub(" ", text)
    text = DOMAIN.sub(" ", text)
    text = SUBSTITUTION.sub(" ", text)
    text = re.sub(r"\\ ", "", text)  # reST's escaped space (word\ s)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"\*\*|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    text = re.sub(r"::\s*$", ":", text)
    return text


def normalize(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace(NBSP, " ").replace(NNBSP, " ")
