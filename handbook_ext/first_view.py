"""First views that fit one round trip: each page's style, split in two.

A new connection's first flight is some 14 KB. A reader on a phone sees the
page when its HTML and the style sheets in its ``<head>`` have arrived, so
each web page carries, inline in its ``<head>``, only the rules its first paint
needs (the **critical** sheet), and links the rest at the end of its
``<body>``: a browser paints what comes before such a link without waiting
for it (Chromium does: tests/browser/test_first_view.py). No script: it works
with JavaScript off, under the strict Content-Security-Policy, from file://.
Used by ``assets`` after the build.

Both sheets are cut, per page, from the theme's style sheets (Furo, its
extensions, sphinx-design, Pygments, handbook.css, Furo's code colours),
keeping a rule only where the page may use it:

- *may apply*: each compound of the selector (``a.reference.external``,
  ``a[href^="tel:"]``) names a tag, classes, id and attributes that one
  element of the page has together, inside elements that match the compounds
  before it (tags a script creates, classes and attributes a script may set,
  count as present);
- *critical*: it may apply at first paint: not a print rule, not a hover
  or active state, not a class only a script adds (``scrolled``), and
  not only inside what is deferred (``DEFERRED``: the navigation drawers'
  contents, off screen on a phone and, on a wide screen, hidden until the
  second sheet shows them, so they never show unstyled and nothing moves;
  Furo's "back to top"; the veils behind an open drawer);
- everything else that may apply goes to the **rest**, in its original order.

The rest comes later in the cascade than the critical sheet. Where a rule of
the rest and a later critical rule could both style one property of one
element at equal specificity, the critical rule is copied into the rest as
well, so the later rule still wins, as it did in the original order. Custom
properties go where they are used: dark mode's colours for the page's
elements are critical, the navigation's are in the rest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import tinycss2

from . import assets

# What no reader sees at first paint: the navigation drawers' contents (off
# screen on a phone; on a wide screen hidden until the rest arrives, so they
# never show unstyled and nothing moves), Furo's "back to top" (it shows once
# the reader scrolls up) and the veils behind an open drawer. Their rules are
# in the rest; until it arrives, the critical sheet hides them. Class → how the
# critical sheet hides it, how the rest shows it again (inherit: handbook.css
# hides a closed drawer on phones).
DEFERRED = {
    "sidebar-container": ("visibility:hidden", "visibility:inherit"),
    "toc-sticky": ("visibility:hidden", "visibility:inherit"),
    "back-to-top": ("display:none", ""),
    "overlay": ("display:none", "display:initial"),  # the dark veil behind an open drawer
}
# States no page starts in. Not focus: the quick-exit link must show on the
# first Tab, however early. Not :checked: sphinx-design's tabs start checked.
STATE_PSEUDO_CLASSES = frozenset({"hover", "active"})
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)  # fmt: skip
VAR_NAME = re.compile(r"var\(\s*(--[\w-]+)")
# Where a script adds a class (classList.add("scrolled"), className = … + " x",
# class="x" in markup it writes) or looks one up ("span.highlighted"), the
# attributes it sets and the elements it creates (createElement("button")).
CLASS_LIST_CALL = re.compile(r"""classList\.(?:add|remove|toggle|replace|contains)\(([^()]*)\)""")
CLASS_NAME_SET = re.compile(r"""className\s*\+?=\s*([^;]*)""")
CLASS_IN_MARKUP = re.compile(r"""class=\\?["']([\w\s-]+)""")
SELECTOR_STRING = re.compile(r"""["']([\w\s>~+#:\[\]=-]*\.[A-Za-z_-][\w.\s>~+#:\[\]=-]*)["']""")
QUOTED = re.compile(r"""["']([\w\s-]*)["']""")
DOTTED = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
SET_ATTRIBUTE = re.compile(r"""(?:set|toggle|remove)Attribute\(\s*["'`]([\w-]+)""")
PROPERTY_SET = re.compile(r"\.([A-Za-z]\w*)\s*(?:=(?!=)|\+=)")  # link.href = …, toggle.type = …
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
CREATED_ELEMENT = re.compile(r"""createElement(?:NS)?\(\s*(?:[^,()]*,\s*)?["'`]([A-Za-z][\w-]*)["'`]""")


def script_classes(script: str) -> set[str]:
    found: set[str] = set()
    for pattern in (CLASS_LIST_CALL, CLASS_NAME_SET):
        for match in pattern.finditer(script):
            found.update(word for quoted in QUOTED.findall(match.group(1)) for word in quoted.split())
    found.update(word for match in CLASS_IN_MARKUP.finditer(script) for word in match.group(1).split())
    found.update(name for match in SELECTOR_STRING.finditer(script) for name in DOTTED.findall(match.group(1)))
    return found


# --- the page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    tag: str
    classes: frozenset[str]
    id: str | None
    deferred: bool
    ancestors: frozenset[str]  # the tags, .classes and #ids of its ancestors
    attributes: tuple[tuple[str, str], ...] = ()


def features(tag: str, classes, ident: str | None) -> set[str]:
    return {tag, *(f".{c}" for c in classes), *([f"#{ident}"] if ident else [])}


TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>")
ATTRIBUTE = re.compile(r"""\s([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b[^>]*>.*?</\1\s*>", re.S | re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def elements(html: str) -> list[Element]:
    """Every element of the page, with its ancestors (HTML as Sphinx writes it: tags closed)."""
    found: list[Element] = []
    stack: list[tuple[str, bool, frozenset[str]]] = []
    text = RAW_TEXT.sub(lambda m: f"<{m.group(1)}></{m.group(1)}>", COMMENT.sub("", html))
    for match in TAG.finditer(text):
        closing, tag, attributes, self_closing = match.groups()
        tag = tag.lower()
        if closing:
            for i in range(len(stack) - 1, -1, -1):  # close what the tag closes, forgiving
                if stack[i][0] == tag:
                    del stack[i:]
                    break
            continue
        values = {}
        for name, double, single, bare in ATTRIBUTE.findall(attributes):
            values[name.lower()] = double or single or bare  # unquoted or empty: the same here
        classes = frozenset((values.get("class") or "").split())
        ident = values.get("id")
        parent_deferred, ancestors = (stack[-1][1], stack[-1][2]) if stack else (False, frozenset())
        deferred = parent_deferred or bool(classes & DEFERRED.keys())
        found.append(Element(tag, classes, ident, deferred, ancestors, tuple(sorted(values.items()))))
        if tag not in VOID_ELEMENTS and not self_closing:
            stack.append((tag, deferred, ancestors | features(tag, classes, ident)))
    return found


@dataclass
class Page:
    """What a page can style: its elements, and what its scripts may add."""

    elements: list[Element]
    script_classes: frozenset[str]  # classes its scripts may add
    script_tags: frozenset[str]  # elements its scripts create
    script_attributes: frozenset[str] = frozenset()  # attributes its scripts set
    classes: frozenset[str] = frozenset()
    by_class: dict[str, set[int]] = field(default_factory=dict)
    by_tag: dict[str, set[int]] = field(default_factory=dict)
    by_id: dict[str, set[int]] = field(default_factory=dict)
    by_attribute: dict[str, set[int]] = field(default_factory=dict)
    found: dict = field(default_factory=dict)  # compound → matching(compound)
    applies: dict = field(default_factory=dict)  # selector text → may_apply

    def __post_init__(self) -> None:
        for i, element in enumerate(self.elements):
            self.by_tag.setdefault(element.tag, set()).add(i)
            if element.id:
                self.by_id.setdefault(element.id, set()).add(i)
            for name in element.classes:
                self.by_class.setdefault(name, set()).add(i)
            for name, _ in element.attributes:
                self.by_attribute.setdefault(name, set()).add(i)
        self.classes = frozenset(self.by_class)

    def key(self) -> list:
        return [
            sorted({(e.tag, " ".join(sorted(e.classes)), e.id or "", e.deferred,
                     " ".join(sorted(e.ancestors))) for e in self.elements}),
            sorted(self.script_classes),
            sorted(self.script_tags),
            sorted(self.script_attributes),
            sorted({a for e in self.elements for a in e.attributes if a[0] not in ("href", "id", "class")}),
        ]  # fmt: skip

    def wildcard(self, name: str) -> bool:
        """A class on no element of the page, that a script may add anywhere."""
        return name not in self.by_class and name in self.script_classes

    def matching(self, compound: Compound) -> set[int] | None:
        """The elements that the compound may match; None: any element (nothing to check)."""
        if compound not in self.found:
            self.found[compound] = self._matching(compound)
        return self.found[compound]

    def _matching(self, compound: Compound) -> set[int] | None:
        sets = []
        if compound.tag and compound.tag not in self.script_tags:
            sets.append(self.by_tag.get(compound.tag, set()))
        if compound.id:
            sets.append(self.by_id.get(compound.id, set()))
        sets += [self.by_class.get(c, set()) for c in compound.classes if not self.wildcard(c)]
        conditions = [a for a in compound.attributes if not self.script_attribute(a[0])]
        if not sets and not conditions:
            return None
        # An element has the attribute (its value is looked at below); class: a script's may do.
        sets += [self.by_attribute.get(a[0], set()) for a in conditions if a[0] != "class"]
        found = set.intersection(*sorted(sets, key=len)) if sets else set(range(len(self.elements)))
        if conditions:
            found = {i for i in found if all(self.has_attribute(self.elements[i], *a) for a in conditions)}
        return found

    def script_attribute(self, name: str) -> bool:
        """An attribute a script may set (data-theme, aria-expanded, type…): not checked."""
        if name in ("class", "id"):
            return False  # their values are known: the page's, and the classes scripts add
        return name.startswith(("data-", "aria-")) or name in self.script_attributes

    def has_attribute(self, element: Element, name: str, operator: str, value: str, ignore_case: bool) -> bool:
        if name == "class" and operator and any(
            attribute_matches(c, operator, value, ignore_case) for c in self.script_classes
        ):  # fmt: skip
            return True
        found = dict(element.attributes).get(name)
        return attribute_matches(found, operator, value, ignore_case)

    def deferred_only(self, found: set[int] | None) -> bool:
        return found is not None and bool(found) and all(self.elements[i].deferred for i in found)

    def in_context(self, element: Element, selector: Selector) -> bool:
        """Whether the element's ancestors may match the selector's ancestor compounds."""
        for compound in selector.compounds[len(selector.compounds) - selector.chain : -1]:
            wanted = features(compound.tag or "", [c for c in compound.classes if not self.wildcard(c)], compound.id)
            wanted.discard("")
            if compound.tag in self.script_tags:
                wanted.discard(compound.tag)
            if not wanted <= element.ancestors:
                return False
        return True


def scan_page(html: str, scripts: list[str]) -> Page:
    classes = set().union(*(script_classes(text) for text in scripts)) if scripts else set()
    tags = {m.group(1).lower() for text in scripts for m in CREATED_ELEMENT.finditer(text)}
    # Attributes the page's scripts, inline ones too, may set.
    texts = [*scripts, *(m.group(1) for m in INLINE_SCRIPT.finditer(html))]
    attributes = {m.group(1).lower() for text in texts for m in SET_ATTRIBUTE.finditer(text)}
    attributes |= {m.group(1).lower() for text in texts for m in PROPERTY_SET.finditer(text)}
    return Page(elements(html), frozenset(classes), frozenset(tags), frozenset(attributes))


# --- the style sheets, analysed once per build ------------------------------------------------


@dataclass(frozen=True)
class Compound:
    tag: str | None
    classes: frozenset[str]
    id: str | None
    attributes: tuple[tuple[str, str, str, bool], ...] = ()  # (name, operator, value, ignore case)


@dataclass
class Selector:
    text: str
    tokens: list  # for assets.may_match
    compounds: list[Compound]  # left to right
    chain: int  # how many compounds, from the right, are the subject and its ancestors
    specificity: tuple[int, int, int]
    pseudo_element: str
    state: bool  # a :hover, :active, :checked or :focus-within outside any :not()/:is()
    all_classes: frozenset[str]  # to tell those only a script adds


@dataclass
class Declaration:
    text: str
    name: str
    value: list  # tokens
    family: str
    important: bool
    uses: frozenset[str]  # custom properties in its value
    animations: frozenset[str]


@dataclass
class Rule:
    index: int
    context: tuple[str, ...]  # the @media/@supports around it, outermost first
    print_only: bool
    selectors: list[Selector] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    statement: str = ""  # an at-rule that is not a group (@keyframes, @font-face…)
    keyframes: str | None = None


def specificity(tokens: list) -> tuple[int, int, int]:
    a = b = c = 0
    previous = None
    for i, token in enumerate(tokens):
        if token.type == "hash":
            a += 1
        elif token.type == "[] block":
            b += 1
        elif token.type == "literal" and token.value == "." and i + 1 < len(tokens):
            b += 1
        elif token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ":":
            before = tokens[i - 2] if i >= 2 else None
            if (before is not None and before.type == "literal" and before.value == ":") or token.lower_value in (
                "before", "after", "first-line", "first-letter"
            ):  # fmt: skip
                c += 1  # a pseudo-element
            else:
                b += 1
        elif token.type == "ident" and (previous is None or previous.type in ("whitespace",) or (
            previous.type == "literal" and previous.value in (">", "+", "~")
        )):  # fmt: skip
            c += 1  # a type selector
        elif token.type == "function":
            name = token.lower_name
            if name == "where":
                pass
            elif name in ("is", "not", "has", "matches", "-webkit-any", "-moz-any"):
                inner = [specificity(s) for s in assets.split_selectors(token.arguments)]
                if inner:
                    x = max(inner)
                    a, b, c = a + x[0], b + x[1], c + x[2]
            else:  # :nth-child(), :lang(), ::part()…
                b += 1
        previous = token
    return a, b, c


def attribute_condition(tokens: list) -> tuple[str, str, str, bool] | None:
    """[name], [name=value], [name^="value" i]… as (name, operator, value, ignore case)."""
    parts = [t for t in tokens if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return None
    name = parts[0].lower_value
    if len(parts) == 1:
        return (name, "", "", False)
    operator = ""
    i = 1
    while i < len(parts) and parts[i].type == "literal" and parts[i].value in ("~", "|", "^", "$", "*", "=", "~=",
                                                                             "|=", "^=", "$=", "*="):  # fmt: skip
        operator += parts[i].value
        i += 1
    if operator not in ("=", "~=", "|=", "^=", "$=", "*=") or i >= len(parts) or parts[i].type not in ("ident", "string"):
        return None
    flag = i + 1 < len(parts) and parts[i + 1].type == "ident" and parts[i + 1].lower_value == "i"
    return (name, operator, parts[i].value, flag)


def attribute_matches(value: str | None, operator: str, wanted: str, ignore_case: bool) -> bool:
    if value is None:
        return False
    if ignore_case:
        value, wanted = value.lower(), wanted.lower()
    return {
        "": lambda: True,
        "=": lambda: value == wanted,
        "~=": lambda: wanted in value.split(),
        "|=": lambda: value == wanted or value.startswith(wanted + "-"),
        "^=": lambda: bool(wanted) and value.startswith(wanted),
        "$=": lambda: bool(wanted) and value.endswith(wanted),
        "*=": lambda: bool(wanted) and wanted in value,
    }[operator]()


def analyse_selector(tokens: list) -> Selector:
    compounds: list[Compound] = []
    combinators: list[str] = []
    tag, classes, ident = None, set(), None
    state = False
    pseudo_element = ""
    previous = None
    started = False

    attributes: list = []

    def close() -> None:
        nonlocal tag, classes, ident, started, attributes
        if started:
            compounds.append(Compound(tag, frozenset(classes), ident, tuple(attributes)))
        tag, classes, ident, started, attributes = None, set(), None, False, []

    pending = " "
    for i, token in enumerate(tokens):
        if token.type == "whitespace" or (token.type == "literal" and token.value in (">", "+", "~")):
            if started:
                close()
                combinators.append(" ")
            if token.type == "literal":
                combinators[-1:] = [token.value] if combinators else [token.value]
            previous = token
            continue
        started = True
        if token.type == "ident" and (previous is None or previous.type == "whitespace" or (
            previous.type == "literal" and previous.value in (">", "+", "~")
        )):  # fmt: skip
            tag = token.lower_value
        elif token.type == "literal" and token.value == "*":
            pass
        elif token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            classes.add(token.value)
        elif token.type == "hash":
            ident = token.value
        elif token.type == "[] block" and (condition := attribute_condition(token.content)):
            attributes.append(condition)
        elif token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ":":
            before = tokens[i - 2] if i >= 2 else None
            if before is not None and before.type == "literal" and before.value == ":":
                pseudo_element = token.lower_value
            elif token.lower_value in ("before", "after", "first-line", "first-letter"):
                pseudo_element = token.lower_value
            elif token.lower_value in STATE_PSEUDO_CLASSES:
                state = True
        previous = token
    close()
    del combinators[len(compounds) - 1 :]
    chain = 1
    for combinator in reversed(combinators):
        if combinator not in (" ", ">"):
            break
        chain += 1
    all_classes = frozenset(c for compound in compounds for c in compound.classes)
    return Selector(
        text=tinycss2.serialize(tokens),
        tokens=tokens,
        compounds=compounds,
        chain=chain,
        specificity=specificity(tokens),
        pseudo_element=pseudo_element,
        state=state,
        all_classes=all_classes,
    )


# Shorthands and the longhands they set: two declarations may set the same value only
# within one family (border-left-color and border; not scroll-margin-top and scroll-behavior).
SHORTHANDS = sorted(
    "margin padding border background font flex grid inset outline list-style text-decoration transition "
    "animation overflow columns column-rule scroll-margin scroll-padding mask text-emphasis container offset "
    "place-items place-content place-self border-radius border-image".split(),
    key=len, reverse=True,
)  # fmt: skip
FAMILY_OF = {
    "row-gap": "gap", "column-gap": "gap", "top": "inset", "right": "inset", "bottom": "inset", "left": "inset",
    "align-items": "place-items", "justify-items": "place-items", "align-content": "place-content",
    "justify-content": "place-content", "align-self": "place-self", "justify-self": "place-self",
    "word-wrap": "overflow-wrap", "column-width": "columns", "column-count": "columns",
}  # fmt: skip


def property_family(name: str) -> str:
    """margin-left → margin, -webkit-mask-image → mask: what may set the same value."""
    if name.startswith("--"):
        return name
    name = re.sub(r"^-[a-z]+-", "", name)
    if name in FAMILY_OF:
        return FAMILY_OF[name]
    for shorthand in SHORTHANDS:
        if name == shorthand or name.startswith(shorthand + "-"):
            return "border" if shorthand.startswith("border") else shorthand
    return name


def analyse_declaration(item) -> Declaration:
    value = tinycss2.serialize(item.value).strip()
    text = f"{item.name}:{value}" + ("!important" if item.important else "")
    animations = frozenset()
    if item.name.startswith("--") or item.lower_name in assets.ANIMATION_PROPERTIES:
        animations = frozenset(t.value for t in item.value if t.type in ("ident", "string"))
    return Declaration(
        text=text,
        name=item.name,
        value=item.value,
        family=property_family(item.lower_name if not item.name.startswith("--") else item.name),
        important=item.important,
        uses=frozenset(assets.var_names(item.value)),
        animations=animations,
    )


def is_print(prelude: str) -> bool:
    queries = [q.strip().lower() for q in prelude.split(",")]
    return all(re.match(r"(only\s+)?print\b", q) for q in queries)


@dataclass
class Analysis:
    rules: list[Rule]
    licences: list[str]
    constants: dict[str, str]  # custom properties with one value everywhere: name → value
    inlined: dict = field(default_factory=dict)  # frozenset of names → the rules with them inlined


def analyse_sheets(sheets: list[str]) -> Analysis:
    """Every rule of the sheets, in cascade order, analysed; the sheets' licence comments."""
    rules: list[Rule] = []
    licences: list[str] = []

    def walk(items: list, context: tuple[str, ...], printing: bool) -> None:
        for item in items:
            if item.type == "qualified-rule":
                rule = Rule(len(rules), context, printing)
                rule.selectors = [analyse_selector(s) for s in assets.split_selectors(item.prelude) if s]
                rule.declarations = [analyse_declaration(d) for d in item.content if d.type == "declaration"]
                rules.append(rule)
            elif assets.is_group(item):
                prelude = tinycss2.serialize(item.prelude).strip()
                inner_print = printing or (item.lower_at_keyword == "media" and is_print(prelude))
                walk(item.content, (*context, f"@{item.lower_at_keyword} {prelude}"), inner_print)
            elif item.type == "at-rule":
                rules.append(Rule(len(rules), context, printing, statement=item.serialize(),
                                  keyframes=assets.keyframes_name(item)))  # fmt: skip

    for css in sheets:
        licences += assets.LICENCE_COMMENT.findall(css)
        walk(assets.parse_style_sheet(css), (), False)
    return Analysis(rules, licences, constant_properties(rules))


# --- custom properties that never change: their value where they are used --------------------
#
# Furo names every size and space (--sidebar-item-spacing-horizontal: 1rem), and
# names colours after others (--color-link: var(--color-brand-content)). A
# property that only ``body`` defines, with one value, in light and dark alike,
# is written out where it is used: the definition and each var() go. Not in
# rules for html or :root (a property defined on body does not reach them), not
# for properties a page or script names itself (see ``outside``).


BODY_SELECTORS = frozenset({"body", "body[data-theme=dark]", "body:not([data-theme=light])"})


def constant_properties(rules: list[Rule]) -> dict[str, str]:
    """Custom properties that only ``body`` defines, with one value: name → that value.

    The value may name other properties (``--color-link: var(--color-brand-content)``)
    when those, too, are defined on ``body`` alone (in light or dark): there, and in
    every element below it, ``var(--color-brand-content)`` means the same.
    """
    values: dict[str, set[str]] = {}
    tokens: dict[str, list] = {}
    elsewhere: set[str] = set()  # defined in a media query or for another element
    not_body: set[str] = set()  # defined for an element other than body
    for rule in rules:
        selectors = {s.text for s in rule.selectors}
        for d in rule.declarations:
            if not d.name.startswith("--"):
                continue
            if rule.context or selectors != {"body"}:
                elsewhere.add(d.name)
            if not selectors <= BODY_SELECTORS:
                not_body.add(d.name)
            values.setdefault(d.name, set()).add(tinycss2.serialize(d.value).strip())
            tokens[d.name] = d.value
    candidates = {name for name, found in values.items() if len(found) == 1 and name not in elsewhere}
    resolved: dict[str, str] = {}

    def resolve(name: str, seen: frozenset[str]) -> str | None:
        if name in resolved:
            return resolved[name]
        if name not in candidates or name in seen:
            return None
        parts = {}
        for use in set(assets.var_names(tokens[name])):
            value = resolve(use, seen | {name})
            if value is not None:
                parts[use] = value
            elif use not in values or use in not_body:
                return None  # undefined, or defined on other elements: keep the property
        resolved[name] = with_values(tokens[name], parts).strip()
        return resolved[name]

    for name in sorted(candidates):
        resolve(name, frozenset())
    return resolved


def with_values(tokens: list, values: dict[str, str]) -> str:
    """The tokens, written out, with var(--x) replaced where ``values`` has --x."""
    out = []
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            name = assets.trim_whitespace(token.arguments)[:1]
            if name and name[0].type == "ident" and name[0].value in values:
                out.append(values[name[0].value])
                continue
        if token.type == "function":
            out.append(f"{tinycss2.serialize([tinycss2.ast.IdentToken(0, 0, token.name)])}({with_values(token.arguments, values)})")
        elif token.type in ("() block", "[] block", "{} block"):
            out.append(token.type[0] + with_values(token.content, values) + token.type[1])
        else:
            out.append(token.serialize())
    return "".join(out)


def inline_constants(analysis: Analysis, outside: set[str]) -> list[Rule]:
    values = {name: value for name, value in analysis.constants.items() if name not in outside}
    key = frozenset(values)
    if key in analysis.inlined:
        return analysis.inlined[key]
    rules = []
    for rule in analysis.rules:
        root = any(any(c.tag == "html" for c in s.compounds) or ":root" in s.text for s in rule.selectors)
        if root or not any(d.uses & key for d in rule.declarations):
            rules.append(rule)
            continue
        declarations = []
        for d in rule.declarations:
            if d.uses & key:
                value = with_values(d.value, values).strip()
                uses = (d.uses - key) | {n for used in d.uses & key for n in VAR_NAME.findall(values[used])}
                d = Declaration(
                    text=f"{d.name}:{value}" + ("!important" if d.important else ""), name=d.name, value=d.value,
                    family=d.family, important=d.important, uses=frozenset(uses), animations=d.animations,
                )  # fmt: skip
            declarations.append(d)
        rules.append(Rule(rule.index, rule.context, rule.print_only, rule.selectors, declarations))
    analysis.inlined[key] = rules
    return rules


# --- the split ------------------------------------------------------------------------------------


@dataclass
class Part:
    rule: Rule
    selectors: list[Selector]
    declarations: list[Declaration]


def may_apply(selector: Selector, page: Page, used: set[str]) -> bool:
    if selector.text not in page.applies:
        page.applies[selector.text] = _may_apply(selector, page, used)
    return page.applies[selector.text]


def _may_apply(selector: Selector, page: Page, used: set[str]) -> bool:
    if not assets.may_match(selector.tokens, used):
        return False
    if not selector.compounds:
        return True
    found = [page.matching(c) for c in selector.compounds]
    if set() in found:
        return False
    if selector.chain < 2 or found[-1] is None:
        return True
    return any(page.in_context(page.elements[i], selector) for i in found[-1])


def critical_selector(selector: Selector, rule: Rule, page: Page) -> bool:
    if rule.print_only or selector.state:
        return False
    if any(c in page.script_classes and c not in page.classes for c in selector.all_classes):
        return False  # scrolled, show-back-to-top, highlighted: a script adds them later
    chain = selector.compounds[len(selector.compounds) - selector.chain :]
    return not any(page.deferred_only(page.matching(c)) for c in chain)


def compatible(a: Selector, b: Selector, page: Page) -> bool:
    """Whether one element of the page may be the subject of both selectors."""
    if not a.compounds or not b.compounds:
        return True
    x, y = a.compounds[-1], b.compounds[-1]
    if x.tag and y.tag and x.tag != y.tag and not {x.tag, y.tag} & page.script_tags:
        return False
    if x.id and y.id and x.id != y.id:
        return False
    found = page.matching(Compound(x.tag or y.tag, x.classes | y.classes, x.id or y.id))
    candidates = range(len(page.elements)) if found is None else found
    return any(page.in_context(page.elements[i], a) and page.in_context(page.elements[i], b) for i in candidates)


def split(rules: list[Rule], page: Page) -> tuple[list[Part], list[Part]]:
    """The page's critical rules and its rest, each in cascade order (see the module's docstring)."""
    used = set(page.classes) | set(page.script_classes)
    critical: list[Part] = []
    rest: list[Part] = []
    # The rest's (specificity, pseudo-element, family, important) → its selectors, for conflicts.
    in_rest: dict[tuple, list[Selector]] = {}

    def register(selectors: list[Selector], declarations: list[Declaration]) -> None:
        for s in selectors:
            for d in declarations:
                in_rest.setdefault((s.specificity, s.pseudo_element, d.family, d.important), []).append(s)

    def conflicts(selectors: list[Selector], declarations: list[Declaration]) -> bool:
        return any(
            compatible(s, other, page)
            for s in selectors
            for d in declarations
            for other in in_rest.get((s.specificity, s.pseudo_element, d.family, d.important), ())
        )

    for rule in rules:
        if rule.statement:
            critical.append(Part(rule, [], []))  # kept or dropped below
            rest.append(Part(rule, [], []))
            continue
        kept = [s for s in rule.selectors if may_apply(s, page, used)]
        if not kept:
            continue
        first = [s for s in kept if critical_selector(s, rule, page)]
        later = [s for s in kept if s not in first]
        if first:
            critical.append(Part(rule, first, rule.declarations))
            if in_rest and conflicts(first, rule.declarations):
                rest.append(Part(rule, first, rule.declarations))
                register(first, rule.declarations)
        if later:
            rest.append(Part(rule, later, rule.declarations))
            register(later, rule.declarations)
    return critical, rest


def prune(critical: list[Part], rest: list[Part], outside: set[str]) -> None:
    """Custom properties where they are used; keyframes where they run; statements once."""
    definitions: dict[str, list] = {}
    for part in critical + rest:
        for d in part.declarations:
            if d.name.startswith("--"):
                definitions.setdefault(d.name, []).append(d.uses)

    def needed(parts: list[Part], start: set[str]) -> set[str]:
        queue = set(start)
        for part in parts:
            for d in part.declarations:
                if not d.name.startswith("--"):
                    queue |= d.uses
        found: set[str] = set()
        stack = list(queue)
        while stack:
            name = stack.pop()
            if name in found:
                continue
            found.add(name)
            for uses in definitions.get(name, ()):
                stack.extend(uses)
        return found

    first = needed(critical, outside)
    later = needed(rest, set()) - first
    # Definitions that only the rest needs move to the rest, right where they were.
    moved: list[tuple[int, Part]] = []
    for part in critical:
        if not part.declarations or part.rule.statement:
            continue
        custom = [d for d in part.declarations if d.name.startswith("--")]
        if not custom:
            continue
        for_later = [d for d in custom if d.name in later]
        part.declarations = [d for d in part.declarations if not d.name.startswith("--") or d.name in first]
        if for_later:
            moved.append((part.rule.index, Part(part.rule, part.selectors, for_later)))
    for part in rest:
        if part.declarations and not part.rule.statement:
            part.declarations = [d for d in part.declarations if not d.name.startswith("--") or d.name in later
                                 or d.name in first]  # fmt: skip
    if moved:
        merged = sorted([(p.rule.index, 1, i, p) for i, p in enumerate(rest)] + [(index, 0, i, p) for i, (index, p) in
                        enumerate(moved)], key=lambda x: x[:3])  # fmt: skip
        rest[:] = [p for *_, p in merged]

    def animations(parts: list[Part]) -> set[str]:
        return {a for part in parts for d in part.declarations for a in d.animations}

    for parts, running in ((critical, animations(critical) | outside), (rest, animations(rest) | outside)):
        parts[:] = [
            p for p in parts
            if not p.rule.statement or (p.rule.keyframes is None and parts is critical)
            or (p.rule.keyframes is not None and p.rule.keyframes in running)
        ]  # fmt: skip


def serialize(parts: list[Part]) -> str:
    out: list[str] = []
    open_context: tuple[str, ...] = ()
    for part in parts:
        if not part.rule.statement and not part.declarations:
            continue
        context = part.rule.context
        common = 0
        while common < min(len(open_context), len(context)) and open_context[common] == context[common]:
            common += 1
        out.append("}" * (len(open_context) - common))
        out += [f"{prelude}{{" for prelude in context[common:]]
        open_context = context
        if part.rule.statement:
            out.append(part.rule.statement)
        else:
            selectors = ",".join(s.text for s in part.selectors)
            out.append(f"{selectors}{{{';'.join(d.text for d in part.declarations)}}}")
    out.append("}" * len(open_context))
    return "".join(out)


@dataclass
class Sheets:
    critical: str
    rest: str


def split_for_page(analysis: Analysis, page: Page, outside: set[str]) -> Sheets:
    """``outside``: the custom properties the page and its scripts name (define or use)."""
    import rcssmin

    critical, rest = split(inline_constants(analysis, outside), page)
    prune(critical, rest, outside)
    notice = "".join(f"{c}\n" for c in analysis.licences)
    deferred = [name for name in DEFERRED if name in page.classes]
    first = serialize(critical) + "".join(f".{name}{{{DEFERRED[name][0]}}}" for name in deferred)
    later = serialize(rest) + "".join(f".{name}{{{DEFERRED[name][1]}}}" for name in deferred if DEFERRED[name][1])
    return Sheets(
        critical=rcssmin.cssmin(notice + first, keep_bang_comments=True),
        rest=rcssmin.cssmin(notice + later, keep_bang_comments=True) + "\n",
    )


def rest_name(css: str) -> str:
    return f"handbook-rest-{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
