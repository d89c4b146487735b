"""The numbers Word sets before its numbered paragraphs ("1.", "2.1", "a)", "iv."), which
are not in the paragraphs' text: Word counts them as it lays the document out, from
`word/numbering.xml` and each paragraph's numbering, its own or its style's.

A paragraph's numbering names a list (w:numId) and a level in it (w:ilvl). The list points
at a definition (w:abstractNum) whose levels say where counting starts (w:start), how a
number is written (w:numFmt) and the label's pattern (w:lvlText: "%1.%2." stands for the
counters of levels 1 and 2, each written in its own level's format; a level not reached
yet shows its start, as Word does: a "3.1" under a "3." typed by hand). Lists that share a
definition share its counters, so one list continues another unless it restarts a level
(w:lvlOverride/w:startOverride, at its first paragraph). Advancing a level restarts the
levels below it, unless a level's w:lvlRestart names a shallower level that alone restarts
it (0: never). Bullets, levels numbered "none" and numId 0 ("no numbering") show no label.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from docx.oxml.ns import qn

_LEVELS = 9
_VAL = qn("w:val")
_ILVL = qn("w:ilvl")
_NUM_ID = qn("w:numId")
_NUMBERING = f"{qn('w:pPr')}/{qn('w:numPr')}"
_STYLE_ID = qn("w:styleId")
TEXT_BOX = qn("w:txbxContent")
# Paragraphs outside the body's flow: the copy of a drawing kept for old readers, and the
# inside of text boxes.
OUTSIDE_FLOW = frozenset(
    {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback", TEXT_BOX}
)
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class _Level:
    """One level of a numbering definition (a w:lvl)."""

    start: int = 1
    format: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: only levels above this one (1-based) restart it
    legal: bool = False  # w:isLgl: every number in the label written in decimal
    style: str | None = None  # the paragraph style numbered at this level


@dataclass
class _List:
    """A w:num: the definition whose counters it shares, its levels with its own overrides,
    the levels it restarts at its first paragraph, and whether it has had one."""

    definition: str
    levels: dict[int, _Level]
    restarts: set[int] = field(default_factory=set)
    used: bool = False


def list_labels(document: Any) -> dict[Any, str]:
    """Map each numbered paragraph of a python-docx document's body, those in its tables
    too, by its element (`paragraph._p`), to the label Word shows before it: "3.", "2.1",
    "b)"; "" for a bullet. Paragraphs without numbering are not in the map."""
    numbering = _numbering_part(document)
    if numbering is None:
        return {}
    styles = document.styles.element
    lists = _lists(numbering, styles)
    inherited = _style_numbering(styles)
    default_style = next(
        (
            s.get(_STYLE_ID)
            for s in styles.iterchildren(qn("w:style"))
            if s.get(qn("w:type")) == "paragraph" and _on(s.get(qn("w:default")))
        ),
        None,
    )
    counters: dict[str, list[int | None]] = {}
    labels: dict[Any, str] = {}
    for paragraph in _body_paragraphs(document.element.body):
        style = _value(paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) or default_style
        own = paragraph.find(_NUMBERING)
        from_style = inherited.get(style or "", (None, None))
        number = _value(own.find(_NUM_ID)) if own is not None else None
        level = _value(own.find(_ILVL)) if own is not None else None
        number = number if number is not None else from_style[0]
        level = level if level is not None else from_style[1]
        numbered = lists.get(number or "0")
        if numbered is None:
            continue  # numId 0, or a list numbering.xml does not define
        at = _number(level, -1) if level is not None else _styled_level(numbered, style)
        if at not in numbered.levels or not 0 <= at < _LEVELS:
            continue
        counts = counters.setdefault(numbered.definition, [None] * _LEVELS)
        _advance(numbered, at, counts)
        labels[paragraph] = _label(numbered, at, counts)
    return labels


def _advance(numbered: _List, level: int, counts: list[int | None]) -> None:
    """Count a paragraph at `level`: restart what the list restarts at its first paragraph,
    advance the level, and restart the deeper levels this one restarts."""
    if not numbered.used:
        numbered.used = True
        for at in numbered.restarts:
            if 0 <= at < _LEVELS:
                counts[at] = None
    current = counts[level]
    counts[level] = current + 1 if current is not None else numbered.levels[level].start
    for deeper in range(level + 1, _LEVELS):
        below = numbered.levels.get(deeper)
        if below is None or below.restart is None or level < below.restart:
            counts[deeper] = None


def _label(numbered: _List, level: int, counts: list[int | None]) -> str:
    """The label of a paragraph at `level`, from its pattern and the counters."""
    definition = numbered.levels[level]
    if definition.format in ("bullet", "none"):
        return ""
    text = definition.text
    for at in range(1, _LEVELS + 1):
        placeholder = f"%{at}"
        if placeholder not in text:
            continue
        shown = numbered.levels.get(at - 1, _Level())
        count = counts[at - 1]
        value = count if count is not None else shown.start  # a level not reached yet
        written = "decimal" if definition.legal and shown.format != "none" else shown.format
        text = text.replace(placeholder, _written(value, written))
    return " ".join(text.split())


def _written(value: int, style: str) -> str:
    """`value` written in a w:numFmt; formats not known here are written in decimal."""
    if style in ("none", "bullet"):
        return ""
    if style == "decimalZero":
        return f"{value:02d}"
    if style in ("lowerLetter", "upperLetter") and value > 0:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman") and value > 0:
        roman = ""
        for amount, numeral in _ROMAN:
            count, value = divmod(value, amount)
            roman += numeral * count
        return roman.upper() if style == "upperRoman" else roman
    return str(value)


def _numbering_part(document: Any) -> Any:
    """The document's w:numbering element, or None when it has no numbering part."""
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _body_paragraphs(body: Any) -> list[Any]:
    """The body's paragraph elements in document order, those in tables (and in block
    content controls) included, text boxes and compatibility copies not."""
    return [
        p
        for p in body.iter(qn("w:p"))
        if not any(ancestor.tag in OUTSIDE_FLOW for ancestor in p.iterancestors())
    ]


def _lists(numbering: Any, styles: Any) -> dict[str, _List]:
    """Each w:num by its id, with its definition's levels and its own overrides."""
    definitions = {
        a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))
    }
    numbers = {n.get(_NUM_ID): n for n in numbering.iterchildren(qn("w:num"))}
    lists = {}
    for number, num in numbers.items():
        if number is None or number == "0":
            continue
        definition = _linked(
            definitions.get(_value(num.find(qn("w:abstractNumId")))), definitions, numbers, styles
        )
        if definition is None:
            continue
        levels = {
            _number(lvl.get(_ILVL), -1): _level(lvl) for lvl in definition.iterchildren(qn("w:lvl"))
        }
        restarts = set()
        for override in num.iterchildren(qn("w:lvlOverride")):
            at = _number(override.get(_ILVL), -1)
            if (replaced := override.find(qn("w:lvl"))) is not None:
                levels[at] = _level(replaced)
            if (start := _value(override.find(qn("w:startOverride")))) is not None:
                levels[at] = replace(levels.get(at, _Level()), start=_number(start, 1))
                restarts.add(at)
        lists[number] = _List(str(definition.get(qn("w:abstractNumId"))), levels, restarts)
    return lists


def _linked(
    definition: Any, definitions: dict[Any, Any], numbers: dict[Any, Any], styles: Any
) -> Any:
    """The definition itself, or, when it only names a numbering style (w:numStyleLink),
    the definition of the list that style numbers with."""
    for _ in range(4):
        link = _value(definition.find(qn("w:numStyleLink"))) if definition is not None else None
        if link is None:
            return definition
        style = next(
            (s for s in styles.iterchildren(qn("w:style")) if s.get(_STYLE_ID) == link), None
        )
        number = _value(style.find(f"{_NUMBERING}/{_NUM_ID}")) if style is not None else None
        num = numbers.get(number)
        definition = (
            definitions.get(_value(num.find(qn("w:abstractNumId")))) if num is not None else None
        )
    return None


def _level(lvl: Any) -> _Level:
    start = _value(lvl.find(qn("w:start")))
    restart = _value(lvl.find(qn("w:lvlRestart")))
    legal = lvl.find(qn("w:isLgl"))
    return _Level(
        start=_number(start, 1),
        format=_value(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_value(lvl.find(qn("w:lvlText"))) or "",
        restart=_number(restart, 0) if restart is not None else None,
        legal=legal is not None and _on(legal.get(_VAL, "1")),
        style=_value(lvl.find(qn("w:pStyle"))),
    )


def _style_numbering(styles: Any) -> dict[str, tuple[str | None, str | None]]:
    """Each paragraph style's list and level, its own or from the styles it is based on."""
    by_id = {s.get(_STYLE_ID): s for s in styles.iterchildren(qn("w:style"))}
    numbered: dict[str, tuple[str | None, str | None]] = {}
    for name in by_id:
        number = level = None
        at, seen = name, set()
        while (style := by_id.get(at)) is not None and at not in seen:
            seen.add(at)
            if (own := style.find(_NUMBERING)) is not None:
                number = number if number is not None else _value(own.find(_NUM_ID))
                level = level if level is not None else _value(own.find(_ILVL))
            at = _value(style.find(qn("w:basedOn")))
        if name is not None and number is not None:
            numbered[name] = (number, level)
    return numbered


def _styled_level(numbered: _List, style: str | None) -> int:
    """The level a list numbers a style's paragraphs at: the one naming the style, else 0."""
    return next((at for at, lvl in numbered.levels.items() if style and lvl.style == style), 0)


def _value(element: Any) -> str | None:
    return None if element is None else element.get(_VAL)


def _number(value: str | None, default: int) -> int:
    """A number written in the XML, or `default` when there is none or it is no number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(flag: str | None) -> bool:
    return flag is not None and flag not in ("0", "false", "off")
