"""Flag the quoted pieces of an answer that a reader stumbles on.

Four faults, each checked independently of how the answer was composed:
- writer: the writer talking, not content ("I'll explain...", "Introduce X as...",
  "This sets the stage for Section 1");
- fragment: no main verb, or a piece that starts in lower case (a trimmed lead-in);
- cutoff: the piece stops without terminal punctuation, where its source broke off (a
  closed quotation signed "—Name, Title" ends properly);
- dangling: it opens with a pronoun, demonstrative or connective whose referent is not
  quoted just before it in the same answer.

The main-verb check uses spaCy's parser when one is given; without it the check is skipped.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

FAULTS = ("writer", "fragment", "cutoff", "dangling")

_WRITER = re.compile(
    r"^(?:(?:Then|Finally|Next|First|Also|Here|Now),?\s+)?"
    r"(?:I['’](?:ll|m going to|d)|I (?:will|need to|can|must|should|want to|plan to)|"
    r"We['’]ll|We will|Let me|Let['’]s|My (?:goal|aim|plan|focus)|This (?:section|essay|paper)|"
    r"The next section|In (?:this|the next) section|"
    r"(?:Introduce|Explain|Describe|Mention|Highlight|Discuss|Emphasi[sz]e|Conclude|Summari[sz]e|"
    r"Illustrate|Point out)\s"
    # Words that also open a statement ("Open data is…", "Use of funds…", "Add-on costs…"):
    # an instruction only where a pronoun, article or particle follows.
    r"|(?:Start|Begin|End|Note|Frame|Present|Contrast|Compare|Outline|Define|Use|Cite|Add|"
    r"Include|Show|Stress|Argue)\s+(?:it|its|them|this|that|these|those|the|a|an|with|by|on|in|"
    r"up|back|out|off|about|how|why|what|here|there|briefly|clearly|simply)\b)",
)
_CROSS_REFERENCE = re.compile(
    r"\b(?:[Ss]ection|[Cc]hapter|[Pp]art)\s+\d|\bsets the stage\b|\bas discussed (?:above|below)\b"
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[:;]$")
# A pull-quote closed by its attribution ("…in a Partnership.” —John Forrer, Associate
# Director"): the quote ends, and the name after the dash is its signature, not a break.
_ATTRIBUTED = re.compile(r"[.!?…][\"”’]\s*[—–]\s*[A-Z](?:[^.!?\"“”]|(?<=\b[A-Z])\.)*[\w)]$")
_DANGLING = re.compile(
    r"^(?:It|Its|This|That|These|Those|They|Their|Them|He|She|His|Her|Such|Both|"
    r"However|But|And|Or|So|Thus|Hence|Therefore|Yet|Still|Also|Moreover|Furthermore|"
    r"Instead(?!\s+of\b)|Similarly|Likewise|Consequently|Otherwise|Then|Meanwhile|In addition|"
    r"As a result|For this reason|In turn|Even so|By contrast|On the other hand)\b"
)

# The label of a list item ("(e) Note the importance…", "iv) ", "3. "): not the sentence's start.
_ITEM_LABEL = re.compile(r"^\s*(?:\(?[a-z]{1,4}\)|\(?\d{1,2}[.)])\s+")

HasMainVerb = Callable[[str], bool]


@dataclass(frozen=True)
class Piece:
    """One quoted piece of an answer and whether it directly follows the previous one
    in the same passage (so that its opening may lean on it)."""

    text: str
    follows_previous: bool = False
    row: bool = False  # a table row ("Donor: X; Amount: 9"): a record, not a sentence


def faults_of(piece: Piece, has_main_verb: HasMainVerb | None = None) -> list[str]:
    """Return the faults of one quoted piece, in the order of `FAULTS`."""
    text = piece.text.strip()
    faults = []
    if _WRITER.match(text) or _CROSS_REFERENCE.search(text):
        faults.append("writer")
    if piece.row:  # a record has no main verb nor full stop to miss
        return faults
    first = _ITEM_LABEL.sub("", text).lstrip("\"'“‘([").strip()[:1]
    if first.islower() or (has_main_verb is not None and not has_main_verb(text)):
        faults.append("fragment")
    if not (_TERMINAL.search(text) or _ATTRIBUTED.search(text)):
        faults.append("cutoff")
    if _DANGLING.match(text) and not piece.follows_previous:
        faults.append("dangling")
    return faults


def spacy_main_verb(nlp: object) -> HasMainVerb:
    """Return a main-verb check backed by a loaded spaCy pipeline: the root of some
    sentence of the text is a verb or auxiliary (or a copula construction)."""

    def has_main_verb(text: str) -> bool:
        doc = nlp(text)  # type: ignore[operator]
        roots = [token for token in doc if token.dep_ == "ROOT"]
        return any(
            root.pos_ in {"VERB", "AUX"}
            or any(child.dep_ in {"cop", "auxpass", "aux", "nsubj"} for child in root.children)
            # "Open Cities Kathmandu partnered with…": a verb in a tense, hung by the parser
            # on the noun right before it, is that noun's verb (a participle is tagged VBN)
            or any(
                child.dep_ == "acl"
                and child.tag_ in {"VBD", "VBZ", "VBP"}
                and child.i == root.i + 1
                for child in root.children
            )
            for root in roots
        )

    return has_main_verb
