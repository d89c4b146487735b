"""A sentence's role in its text, read from spaCy's parse rather than from patterns.

- `cutoff`: it breaks off: no closing punctuation and it ends on a word that cannot end a
  sentence ("about", "the", ",") or inside an open quote;
- `question`: it ends with a question mark (a trailing parenthesis aside);
- `writer`: the writer talking about the text: a first-person plan ("I'll explain…", "My
  conclusion will…"), an instruction to the writer ("Introduce X as…", "Explain that…"),
  a cross-reference ("…discussed in Section 1"), a label naming a part of the text
  ("Transition: …"), or a remark on the text itself (its tone, flow, reader, examples);
- `transition`: it announces what follows ("Below are…", "Let us turn to…");
- `fragment`: no main clause (a noun phrase, a heading, a list label), or the caption of a
  table or figure ("Table 1: The 46 organisations included in the Index");
- `content`: everything else, which is what ordinary prose is.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.language.facts import Role
from app.language.leaning import leans_on_previous
from app.language.writing import is_writer, lead_in_end, speaks_of_text

_TERMINAL = frozenset(".!?…;:")
_CLOSERS = "\"'”’)]» "
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis", "appos"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_SHORT = 5
_VERBLESS = 12
_CLAUSE_WORDS = 5
_ANNOUNCING = frozenset({"below", "following", "follows"})
# A caption: a table, figure or box named by its number, then a colon or a stop ("Table 1:",
# "Figure IV:", "Box 1.:", "Chart 2. Scores"); not "Figure 4.1 shows…".
_CAPTION = re.compile(
    r"^(?:Table|Figure|Fig\.|Chart|Graph|Map|Exhibit|Box|Diagram|Infographic)\s+"
    r"(?:\d+|[IVXL]+|[A-Z])(?:\.\d+)*[a-z]?(?:\.?\s*[:\u2013\u2014]|\.(?=\s+[A-Z]|$))"
)
_MOVING = frozenset({"turn", "move", "shift", "return"})


@dataclass(frozen=True)
class Reading:
    """What the classifier found in one sentence; `trim` is an offset in the sentence."""

    role: Role
    leans_on_previous: bool
    trim: int | None
    command: bool = False  # content whose main verb is a bare imperative ("Start big.")
    ordinary: Role | None = None  # its role in an ordinary document, if not `role`


def read_sentence(doc: Doc | Span, parse: Callable[[str], Doc] | None = None) -> Reading:
    """Classify one sentence parsed on its own.

    With `parse` (the pipeline), a lead-in is trimmed only when what follows it, parsed on
    its own, reads as a whole sentence (`remainder_reads_whole`); without it, the trim is
    the parse's first guess.
    """
    role = classify_role(doc)
    if role == "content" and opens_mid_sentence(doc.text):
        role = "fragment"  # "three initiatives in particular – …": its start is elsewhere
    # Content may hold a lead-in too ("I'll state explicitly that the goals are indivisible."
    # reads as content to the classifier): the answer quotes it whole or from `trim`.
    trim = lead_in_end(doc) if role in ("writer", "content") else None
    if trim is not None and parse is not None and not remainder_reads_whole(parse(doc.text[trim:])):
        trim = None
    command = role == "content" and _commands(doc)
    ordinary = (
        _role_apart_from_writer(doc) if role == "writer" and not speaks_of_text(doc) else None
    )
    return Reading(role, leans_on_previous(doc), trim, command, ordinary)


# A document in which the writer talks in at least this share of the sentences is written
# as notes to its writer: 56% of the encyclopedia article's, at most 4% of any of the twenty
# real reports, handbooks and pages measured.
_NOTES_SHARE = 0.25


def writes_notes(roles: Iterable[Role]) -> bool:
    """Tell whether a document is written as notes to its writer, from its sentences' roles."""
    roles = list(roles)
    return bool(roles) and sum(r == "writer" for r in roles) >= _NOTES_SHARE * len(roles)


def role_in_document(role: Role, command: bool, ordinary: Role | None, notes: bool) -> Role:
    """A sentence's role read with its document. In notes to a writer, a bare command
    ("Move from high politics to practical cooperation.", "Dive into health.") is one more
    instruction; in a handbook it is advice ("Avoid requiring registration."). In an ordinary
    document the writer talks only where a sentence speaks of the text itself ("This
    section covers…"): "As described in Section 2, 22 indicators are scored…", "Note that
    only IATI data is scored on frequency." and "We reiterate the committee's concern…" are
    statements, and take their `ordinary` role."""
    if notes:
        return "writer" if command and role == "content" else role
    return ordinary or role


def _commands(doc: Doc | Span) -> bool:
    """Whether the sentence's main verb is a bare imperative, after any label, or it opens
    with one that a colon closes ("Start with the transition: “The effectiveness of any
    partnership depends…”", which the small model hangs under the quoted clause)."""
    if any(t.dep_ == "ROOT" and is_imperative(t) for t in doc):
        return True
    first = next((t for t in doc if not t.is_punct and not t.is_space), None)
    colon = next((t for t in doc if t.text == ":"), None)
    return (
        first is not None
        and colon is not None
        and is_imperative(first)
        and first.right_edge.i < colon.i
        and all(t.is_punct or t.is_space for t in doc if first.right_edge.i < t.i < colon.i)
    )


def remainder_reads_whole(rest: Doc | Span) -> bool:
    """Whether what follows a writer's lead-in, parsed on its own, is a sentence a reader can
    take as a statement: content with a main clause, leaning on nothing before it."""
    return (
        classify_role(rest) == "content"
        and has_main_clause(rest)
        and opens_a_clause(rest)
        and not leans_on_previous(rest)
        and not is_writer(rest)
    )


def classify_role(doc: Doc | Span) -> Role:
    """Return the role of a sentence (see the module docstring for each role)."""
    text = doc.text.strip()
    if not text:
        return "fragment"
    if is_cut_off(doc):
        return "cutoff"
    if is_question(text):
        return "question"
    if _CAPTION.match(text):
        return "fragment"
    if is_writer(doc):
        return "writer"
    return _role_apart_from_writer(doc)


def _role_apart_from_writer(doc: Doc | Span) -> Role:
    """The role of a sentence that is neither cut off, a question nor the writer's."""
    if not has_main_clause(doc) and (_looks_unfinished(doc) or _nominal_root(doc)):
        return "fragment"
    if _announces(doc):
        return "transition"
    return "content"


# A quotation closed, then signed: "…in a Partnership.” —John Forrer, Associate Director".
_SIGNED = re.compile(r"[.!?…][\"”’]\s*[—–]\s*[A-Z][^\"“”]*$")


def ends_stopped(text: str) -> bool:
    """Whether a text ends as a sentence does: with a stop, a colon or a semicolon (a
    closing quote or bracket aside), or with the signature of a quotation it closed."""
    text = text.rstrip()
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL or _SIGNED.search(text) is not None


def is_cut_off(doc: Doc | Span) -> bool:
    """Tell whether a sentence breaks off mid-way rather than ending."""
    text = doc.text.rstrip()
    if ends_stopped(text):
        return False
    words = [t for t in doc if not t.is_space]
    if not words:
        return False
    last = words[-1]
    if last.text in (",", "-", "–", "—", "(", "“", "‘"):
        return True
    if _open_quote(text):
        return True
    if last.pos_ in _DANGLING_POS and last.lower_ not in ("up", "out", "off", "on", "in"):
        return True
    # A whole clause that stops without a full stop in running prose ("This establishes the
    # topic's immense scale"): a sentence the source broke off, not a heading or list item,
    # which opens with a pointing word or connective (it continues a paragraph).
    return len(words) >= _CLAUSE_WORDS and has_main_clause(doc) and leans_on_previous(doc)


def has_main_clause(doc: Doc | Span) -> bool:
    """Tell whether a sentence has a finite verb heading a clause, or is an imperative."""
    for token in doc:
        if _misread_main_verb(token):
            return True
        if token.dep_ not in _CLAUSE_DEPS:
            continue
        if _is_finite(token) and (token.dep_ == "ROOT" or _has_subject(token)):
            return True
        if any(_is_finite(c) for c in token.children if c.dep_ in ("aux", "auxpass")):
            return True
        if token.dep_ == "ROOT" and is_imperative(token):
            return True
    return False


def _misread_main_verb(token: Token) -> bool:
    """A verb in the past or present tense that the small model hung on the noun before it,
    the sentence's root ("Open Cities Kathmandu partnered with USAID…" parsed as a noun
    phrase): the noun is its subject. A participle there ("the data collected by…") is
    tagged as one and is no main verb."""
    head = token.head
    return (
        token.dep_ == "acl"
        and token.tag_ in ("VBD", "VBZ", "VBP")
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and head.i == token.i - 1
    )


def _looks_unfinished(doc: Doc | Span) -> bool:
    """Confirm a parse without a main clause, which the small model also returns for some
    whole sentences ("Hard data convinces outsiders…", "convinces" read as a plural noun):
    a fragment opens in lower case, is short (or has no verb and is not long), or has no
    full stop."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    first_letter = next((c for c in doc.text if c.isalpha()), "")
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in doc)
    return (
        first_letter.islower()
        or len(words) <= _SHORT
        or (verbless and len(words) <= _VERBLESS)
        or doc.text.rstrip(_CLOSERS)[-1:] not in _TERMINAL
    )


def _nominal_root(doc: Doc | Span) -> bool:
    """A sentence headed by a noun or adjective, with no clause of its own over it: a quoted
    definition ("“Formal or informal collaborations involving three or more entities.”"), a
    label and a noun phrase ("Failure: The inability to prevent aggression…")."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    # A noun root governing a verb's complement is the small model misreading a verb
    # ("Hard data convinces outsiders to support…", "convinces" read as a plural noun).
    return bool(roots) and all(
        r.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "PRON")
        and not any(c.dep_ in ("xcomp", "ccomp", "dobj", "dative") for c in r.children)
        for r in roots
    )


def is_imperative(root: Token) -> bool:
    """Tell whether a verb is an imperative: base form, no subject, no auxiliary before it."""
    if root.pos_ != "VERB" or root.tag_ != "VB":
        return False
    if _has_subject(root):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.i < root.i for c in root.children)


# What may stand before a clause's subject: "In 2012, donors…", "Crucially, M&E is…".
_FRONTED = frozenset({"prep", "advmod", "advcl", "npadvmod", "punct", "mark", "cc", "intj"})


def opens_a_clause(doc: Doc | Span) -> bool:
    """Whether the text starts a clause: a finite main verb whose subject opens it, after at
    most a fronted adverbial; not a phrase that only leads up to one ("using public money to
    de-risk investments…", "shared geography, which can foster…", "ensuring that…")."""
    # The clause may be the first of two the small model hangs on the second ("M&E is not
    # about reporting; it's a management tool" with "is" under "'s").
    verbs = (t for t in doc if t.dep_ in ("ROOT", "ccomp", "conj", "parataxis"))
    for root in (t for t in verbs if _finite_clause(t)):
        if any(c.dep_ == "mark" for c in root.children):
            continue  # "… than is possible": a subordinate clause read as the main one
        subjects = [
            c for c in root.children if c.dep_ in _SUBJECT_DEPS and c.tag_ not in ("WDT", "WP")
        ]
        if not subjects:
            continue
        opening = min(s.left_edge.i for s in subjects)
        if all(_fronted(t, root) for t in doc if t.i < opening):
            return True
    return False


def _fronted(token: Token, root: Token) -> bool:
    while token.head.i != root.i and token.head.i != token.i:
        token = token.head
    return token.head.i == root.i and token.dep_ in _FRONTED


def _finite_clause(token: Token) -> bool:
    """A verb that is finite itself or through its auxiliary ("is", "has been", "can")."""
    return _is_finite(token) or any(
        _is_finite(c) for c in token.children if c.dep_ in ("aux", "auxpass")
    )


def _is_finite(token: Token) -> bool:
    return token.tag_ in _FINITE_TAGS or "Fin" in token.morph.get("VerbForm", [])


# The first word of a sentence, past opening quotes and brackets.
_FIRST_WORD = re.compile(r"^[\s\"“‘'(\[]*([^\W\d_]+)\b")


def opens_mid_sentence(text: str) -> bool:
    """Whether a sentence opens with a word in lower case: the rest of a sentence begun in
    another column or box, or an item of a list announced before it (`annotate` gives such an
    item back its role in its passage; a trimmed lead-in is judged apart, by
    `remainder_reads_whole`). A name written so ("iPhone") is no opening in lower case."""
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).islower()


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in token.children)


# A question the sentence reports, quoted after a colon: "Civil society can then ask
# critical questions: “Is the money being spent on schools?”" states what people ask.
_REPORTED_QUESTION = re.compile(r"\w[^“”\"?]*:\s*[“\"][^“”\"]*\?[”\"]\s*$")


def is_question(text: str) -> bool:
    """Whether a sentence asks a question: it ends with a question mark (a trailing
    parenthesis aside), unless it quotes the question it reports."""
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith("?"):
        return not _REPORTED_QUESTION.search(text)
    # "What makes each type different? (e.g. …)": a question followed by its gloss.
    mark = text.rfind("?")
    return mark > 0 and text[mark + 1 :].lstrip().startswith("(")


def _open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count("(") > text.count(")")


def _announces(doc: Doc | Span) -> bool:
    """Tell whether a sentence only points at what comes next ("Below are the results…")."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return False
    first = words[0]
    if first.lower_ in _ANNOUNCING and first.i == words[0].i:
        return True
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    if root.lemma_ in _MOVING and any(c.lower_ == "to" for c in root.children):
        return any(
            c.dep_ in ("nsubj",) and c.lower_ in ("we", "us", "i") for c in root.children
        ) or (first.lower_ in ("let", "let's"))
    return False
