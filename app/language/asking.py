"""What a question asks for, read from its question word and the noun or verb it governs.

The rules are about English question grammar ("how many", "which year", "who", "why"),
not about any document: a `what`/`which` question takes the kind of its head noun
("which organisation", "what budget"), a `how` question the word after it.
"""

from collections.abc import Sequence
from typing import Literal

from spacy.tokens import Doc, Token

AsksFor = Literal[
    "duration",
    "person",
    "actor",
    "organisation",
    "date",
    "money",
    "number",
    "percent",
    "place",
    "event",
    "definition",
    "reason",
    "process",
    "list",
    "advice",
    "description",
]

# Head nouns of "what/which N" and "the N of" questions, by the kind of answer they want.
_NOUN_KINDS: dict[str, AsksFor] = {
    **dict.fromkeys(
        ("year", "date", "day", "month", "decade", "century", "time", "deadline"),
        "date",
    ),
    **dict.fromkeys(("period", "duration", "timeframe", "length"), "duration"),
    **dict.fromkeys(
        (
            "budget",
            "cost",
            "amount",
            "sum",
            "price",
            "funding",
            "money",
            "pledge",
            "investment",
            "spending",
            "expenditure",
            "contribution",
            "grant",
            "revenue",
            "value",
            "fund",
            "capital",
            "fee",
            "salary",
            "dollar",
        ),
        "money",
    ),
    **dict.fromkeys(
        (
            "percentage",
            "percent",
            "share",
            "proportion",
            "rate",
            "ratio",
            "fraction",
            "return",
            "yield",
        ),
        "percent",
    ),
    **dict.fromkeys(("number", "count", "total", "size", "population"), "number"),
    **dict.fromkeys(
        (
            "person",
            "man",
            "woman",
            "leader",
            "director",
            "chair",
            "president",
            "head",
            "founder",
            "minister",
            "secretary",
            "general",  # "Secretary-General", "Director-General": the hyphen's last word
            "official",
            "chief",
            "ceo",
            "author",
            "expert",
            "economist",
            "researcher",
            "representative",
            "ambassador",
            "envoy",
            "speaker",
            "spokesperson",
            "successor",
            "predecessor",
            "lead",
            "manager",
            "coordinator",
            "administrator",
            "officer",
            "commissioner",
            "governor",
            "chairperson",
            "chairman",
            "chairwoman",
            "treasurer",
            "editor",
            "adviser",
            "advisor",
        ),
        "person",
    ),
    **dict.fromkeys(
        (
            "organisation",
            "organization",
            "agency",
            "institution",
            "company",
            "firm",
            "foundation",
            "bank",
            "body",
            "donor",
            "funder",
            "ngo",
            "government",
            "partner",
            "member",
            "sponsor",
            "corporation",
            "ministry",
            "university",
            "stakeholder",
        ),
        "organisation",
    ),
    **dict.fromkeys(
        ("country", "city", "place", "region", "location", "continent", "nation", "state"),
        "place",
    ),
    **dict.fromkeys(
        ("event", "conference", "summit", "meeting", "forum", "edition", "session"), "event"
    ),
    **dict.fromkeys(("reason", "cause", "motive", "purpose", "rationale"), "reason"),
    **dict.fromkeys(("process", "step", "stage", "procedure", "mechanism", "method"), "process"),
    **dict.fromkeys(
        ("lesson", "recommendation", "advice", "tip", "practice", "way", "strategy"), "advice"
    ),
    **dict.fromkeys(("definition", "meaning"), "definition"),
}
_LIST_CUES = frozenset(
    {
        "examples",
        "types",
        "kinds",
        "challenges",
        "themes",
        "criticisms",
        "elements",
        "factors",
        "components",
        "features",
        "benefits",
        "risks",
        "roles",
        "areas",
        "principles",
    }
)
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # the tags of question words
_ADVICE_MODALS = frozenset({"should", "can", "could", "must", "ought"})
_LIST_VERBS = frozenset({"list", "name", "enumerate", "identify"})
_DEFINE_VERBS = frozenset({"define", "mean", "stand"})


def is_asked_noun(token: Token) -> bool:
    """Tell whether a noun only names the kind of answer ("the budget", "which year", "the
    name of the woman")."""
    return _singular(token) in _NOUN_KINDS or token.lower_ in _LIST_CUES or _is_name_of(token)


def _is_name_of(token: Token) -> bool:
    return _singular(token) == "name" and _named(token) is not token


def _named(noun: Token) -> Token:
    """What "the name of X" asks the name of (X), or the noun itself."""
    if _singular(noun) != "name":
        return noun
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return noun


def asks_for(doc: Doc) -> AsksFor:
    """Return the kind of answer the question wants; `description` when nothing narrower fits."""
    lowered = [t.lower_ for t in doc]
    for i, token in enumerate(doc):
        following = lowered[i + 1] if i + 1 < len(lowered) else ""
        if token.lower_ == "how":
            return _how(doc, i, following)
        if token.lower_ in ("who", "whom", "whose"):
            return _who(_own_clause(doc, i))
        if token.lower_ in ("when", "where") and (i > 2 or _opens_a_clause(doc, i)):
            continue  # a conjunction ("…change shape when it grows?"), not the question word
        if token.lower_ == "when":
            return _when(doc)
        if token.lower_ == "where":
            return "place"
        if token.lower_ == "why":
            return "reason"
        if token.lower_ in ("what", "which"):
            return _what(doc, token)
    return _imperative(doc)


def _how(doc: Doc, i: int, following: str) -> AsksFor:
    if following == "many":
        return "number"
    if following == "much":
        return _how_much(doc, i + 2)
    if following in ("long", "often"):
        return "duration"
    if following in ("old", "large", "big", "high"):
        # "How large was the grant?" asks for money, "how high is the rate?" for a rate.
        kinds = [_NOUN_KINDS.get(_singular(t)) for t in doc[i + 2 :] if t.pos_ == "NOUN"]
        return next((k for k in kinds if k in ("money", "percent")), "number")
    if any(t.lower_ in _ADVICE_MODALS for t in doc[i + 1 :]):
        return "advice"
    return "process"


# Counts of people are told in many nouns ("children", "participants", "women").
_GENERIC_COUNTED = frozenset({"people", "person", "individual"})


def counted(doc: Doc) -> frozenset[str]:
    """What "how many" counts, as its word and lemma ("How many resident coordinator posts…"
    -> {"posts", "post"}; "How many of the stakeholders…" -> the stakeholders); empty for
    other questions and for people, who are counted under many names."""
    for i, token in enumerate(doc[:-1]):
        if token.lower_ == "how" and doc[i + 1].lower_ == "many":
            noun = _next_noun(doc, i + 2)
            if noun is None:
                return frozenset()
            while noun.dep_ == "compound" and noun.head.i > noun.i:
                noun = noun.head
            if _singular(noun) in _GENERIC_COUNTED:
                return frozenset()
            return frozenset({noun.lower_, _singular(noun)})
    return frozenset()


def _how_much(doc: Doc, start: int) -> AsksFor:
    """`how much` asks for money ("How much did X give?", "How much funding…"), a rate
    ("how much of a share"), a time, or, with another noun right after it ("How much
    material did the review draw on?"), a quantity of that; "how much of the money…" asks
    for a part of a whole, told by a sum, a share or a count ("Over 80% of funds…")."""
    noun = _next_noun(doc, start)
    if noun is not None and _NOUN_KINDS.get(_singular(noun)) == "percent":
        return "percent"
    if doc[start : start + 2].text.lower() in ("of the", "of its", "of their", "of this"):
        return "number"
    direct = next((t for t in doc[start:] if t.pos_ != "ADJ"), None)
    if direct is None or direct.pos_ != "NOUN":
        # "How much could transfers cut the share of samples…?" asks by how much a rate moved.
        kinds = (_NOUN_KINDS.get(_singular(t)) for t in doc[start:] if t.pos_ == "NOUN")
        return "percent" if "percent" in kinds else "money"
    while direct.dep_ == "compound" and direct.head.i > direct.i:  # "core funding"
        direct = direct.head
    kind = _NOUN_KINDS.get(_singular(direct))
    if kind == "money":
        return "money"
    return "duration" if kind == "date" else "number"


def _opens_a_clause(doc: Doc, i: int) -> bool:
    """`When schools closed, who partnered…?`: a "when" that opens a clause set off by a
    comma before the question's own wh-word (after any comma: "When it covers health,
    education and climate, which…") or before the verb of a yes-or-no question ("When a
    foundation exports grants, are the names published?")."""
    commas = [t.i for t in doc[i + 1 :] if t.text == ","]  # the clause may hold a list
    return any(
        t.tag_ in WH_TAGS or (t.i == c + 1 and t.pos_ == "AUX")  # "…, are the names kept?"
        for c in commas
        for t in doc[c + 1 : c + 3]
    )


def _when(doc: Doc) -> AsksFor:
    """`when` asks for a date about something that happened ("When did the G20 become…?",
    "When was the fund created?"); in the present tense it asks under what condition
    something holds ("When are service providers paid?")."""
    verbs = [t for t in doc if t.pos_ in ("VERB", "AUX")]
    present = bool(verbs) and all(t.tag_ in ("VBP", "VBZ", "VB", "VBN", "MD") for t in verbs)
    past_or_future = any(t.tag_ == "VBD" or t.lower_ in ("was", "were", "did", "will") for t in doc)
    return "description" if present and not past_or_future else "date"


def _own_clause(doc: Doc, i: int) -> list[Token]:
    """The question's words up to a second question word ("Who chairs it, and how many
    members does it have?" asks first for a person)."""
    after = next((t.i for t in doc[i + 1 :] if t.tag_ in WH_TAGS), len(doc))
    return list(doc[:after])


def _who(doc: Sequence[Token]) -> AsksFor:
    """`who` wants a person when it asks after an individual: what someone said, proposed or
    chaired, or who holds a post ("Who is the Executive Director?"). Otherwise it may stand
    for organisations ("Who are the partners?") or for any actor, a group or a role ("Who
    loses out if…?", "Whose judgement should decide…?"), which no entity type captures."""
    for token in doc:
        if (
            token.dep_ in ("attr", "nsubj", "dobj")
            and token.tag_ == "NNS"
            and _NOUN_KINDS.get(_singular(token)) == "organisation"
        ):
            return "organisation"
    individual = any(
        (
            t.lemma_.lower() in _INDIVIDUAL_ACTS
            and t.pos_ == "VERB"
            and any(c.lower_ in ("who", "whom") for c in t.children)
        )
        # A post asked after ("the Executive Director"), not a word describing a group
        # ("the expert groups").
        or (
            _NOUN_KINDS.get(_singular(t)) == "person"
            and t.dep_ != "compound"
            and t.pos_ != "ADJ"  # "In general, who benefits…?" names no post
        )
        for t in doc
    )
    return "person" if individual else "actor"


# What individuals do that a question may ask "who" of.
_INDIVIDUAL_ACTS = frozenset(
    {
        "say",
        "succeed",
        "tell",
        "speak",
        "summarise",
        "summarize",
        "propose",
        "announce",
        "chair",
        "moderate",
        "found",
        "write",
        "author",
        "present",
        "deliver",
        "keynote",
        "sign",
        "direct",
        "quote",
        "describe",
        "argue",
        "warn",
        "call",
        "appoint",
        "elect",
        "nominate",
        "hire",
        "select",
    }
)


def _what(doc: Doc, wh: Token) -> AsksFor:
    noun = _head_noun(doc, wh)
    if noun is not None:
        noun = _named(noun)  # "What is the name of the woman who…?" asks for a person
        kind = _NOUN_KINDS.get(_singular(noun))
        if kind is None and wh.dep_ == "det" and wh.head == noun:
            kind = _modifier_kind(noun)
        if kind is not None:
            return kind
        if noun.lower_ in _LIST_CUES:
            return "list"
    # A verb of meaning in a clause of its own ("when partners mean well") defines nothing.
    if any(
        t.lemma_.lower() in _DEFINE_VERBS and t.pos_ == "VERB" and t.dep_ != "advcl" for t in doc
    ):
        return "definition"
    if any(t.lower_ in _ADVICE_MODALS for t in doc) and _subject_is_actor(doc):
        return "advice"
    if _is_definition(wh):
        return "definition"
    if noun is not None and noun.tag_ == "NNS" and wh.head.lemma_ == "be":
        return "list"
    return "description"


_MEASURES: frozenset[AsksFor] = frozenset({"percent", "money", "number", "date", "duration"})


def _modifier_kind(noun: Token) -> AsksFor | None:
    """The measure a noun of no kind takes from the noun before it: "what percentage score"
    asks for a percentage, "what dollar figure" for money ("what multi-year commitments"
    for no date)."""
    kinds = [
        _NOUN_KINDS.get(_singular(c))
        for c in noun.children
        if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "NOUN" and not _hyphenated(c)
    ]
    return next((k for k in kinds if k in _MEASURES), None)


def _head_noun(doc: Doc, wh: Token) -> Token | None:
    """The noun a what/which question is about: "which year", "what was the budget of X"."""
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN") and not _hyphenated(wh.head):
        return wh.head
    # Past adjectives ("which African countries") and words joined by hyphens ("what
    # day-to-day hurdles": no day is asked for).
    for after in [t for t in doc[wh.i + 1 :] if not _hyphenated(t)][:3]:
        if after.pos_ == "NOUN":
            return after
        if after.pos_ not in ("ADJ", "PROPN", "NORP") and after.ent_type_ != "NORP":
            participle = (
                after.i == wh.i + 1
                and after.tag_ in ("VBN", "VBD")
                and after.i + 1 < len(doc)
                and doc[after.i + 1].pos_ == "NOUN"
            )
            if not participle:  # "which named author": a participle used as an adjective
                break
    if wh.head.lemma_ == "be":
        for child in wh.head.children:
            if child.i != wh.i and child.dep_ in ("nsubj", "attr") and child.pos_ == "NOUN":
                return child
    return None


def _hyphenated(token: Token) -> bool:
    """Whether the token is a hyphen set solid between two words, or a word it joins."""
    doc = token.doc

    def solid(i: int) -> bool:
        inside = 0 < i < len(doc) - 1
        return inside and doc[i].text == "-" and not (doc[i - 1].whitespace_ or doc[i].whitespace_)

    return solid(token.i) or solid(token.i - 1) or solid(token.i + 1)


def _is_definition(wh: Token) -> bool:
    """`What is X?` with X a bare noun phrase and nothing more: asks what X is."""
    root = wh.head
    if root.lemma_ != "be" or wh.dep_ not in ("attr", "nsubj"):
        return False
    others = [c for c in root.children if c.i != wh.i and c.dep_ not in ("punct",)]
    return len(others) == 1 and others[0].dep_ in ("nsubj", "attr") and others[0].tag_ != "NNS"


def _subject_is_actor(doc: Doc) -> bool:
    return any(t.dep_ == "nsubj" and t.lower_ not in ("what", "which") for t in doc)


def _imperative(doc: Doc) -> AsksFor:
    """Requests without a question word: "List the partners", "Define blended finance"."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return "description"
    if first.lower_ in _LIST_VERBS:
        return "list"
    if first.lower_ in _DEFINE_VERBS:
        return "definition"
    return "description"


def _next_noun(doc: Doc, start: int) -> Token | None:
    return next((t for t in doc[start:] if t.pos_ in ("NOUN", "PROPN")), None)


def _singular(token: Token) -> str:
    lemma = token.lemma_.lower()
    return lemma if lemma else token.lower_
