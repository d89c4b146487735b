"""The writer talking about the text rather than about the world, and where a lead-in ends.

Drafting notes say "I'll explain that trust is the lubricant of partnerships", "Introduce
the GPEI as…", "This sets the stage for… Section 1", "Transition: …", "The tone should be
timeless". Each test reads the parse: the subject and mood of the main verb, a verb of
writing, a reference to a part of the text, or a noun that only a text has (its reader, tone,
flow). Imperatives of other verbs ("Apply an open licence.") stay content: guides use them.
"""

from spacy.tokens import Doc, Span, Token

from app.language.leaning import leans_on_previous

# Verbs of writing: what a writer does to a text, and tells themselves to do.
_WRITING_VERBS = frozenset(
    {
        "introduce",
        "explain",
        "describe",
        "discuss",
        "mention",
        "note",
        "highlight",
        "emphasize",
        "emphasise",
        "stress",
        "cover",
        "outline",
        "summarize",
        "summarise",
        "present",
        "elaborate",
        "illustrate",
        "frame",
        "conclude",
        "transition",
        "connect",
        "link",
        "tie",
        "cite",
        "reference",
        "touch",
        "argue",
        "clarify",
        "define",
        "contrast",
        "compare",
        "recap",
        "acknowledge",
        "underline",
        "underscore",
        "expand",
        "detail",
        "list",
        "paint",
        "weave",
        "segue",
        "tackle",
        "foreshadow",
        "reiterate",
        "revisit",
        "state",
        "structure",
        "identify",
        "showcase",
        "flesh",
    }
)
# Verbs that open a writer's instruction to themselves ("Tackle the UN system first.").
_IMPERATIVE_WRITING = _WRITING_VERBS | frozenset(
    {"focus", "showcase", "weave", "tackle", "talk", "pivot"}
)
# Nouns only a text has, naming it or its parts.
_TEXT_NOUNS = frozenset(
    {"reader", "readers", "tone", "analogy", "foreshadowing", "segue", "wordcount"}
)
# What a writer's "My …" is about: their own plan for the text.
_PLAN_NOUNS = _TEXT_NOUNS | frozenset(
    {
        "sentence",
        "conclusion",
        "concluding",
        "opening",
        "plan",
        "goal",
        "aim",
        "focus",
        "approach",
        "argument",
        "next",
        "first",
        "final",
        "closing",
        "introduction",
        "section",
        "structure",
    }
)
# Nouns a still-to-write note hangs its verb on: "a critical point to include", "themes to weave in".
_NOTE_NOUNS = frozenset(
    {"point", "theme", "topic", "idea", "thing", "example", "aspect", "element", "detail"}
)
_PARTS = frozenset(
    {"section", "sections", "chapter", "chapters", "sentence", "sentences", "paragraph"}
)
# What a draft calls itself: "the article", "this essay", "the outline's logic".
_SELF_NAMES = frozenset({"article", "essay", "outline", "paragraph"})
_SELF_POINTERS = frozenset({"the", "this", "my", "our"})
_PART_POINTERS = frozenset(
    {"previous", "next", "last", "earlier", "later", "following", "theoretical", "this", "that"}
)
_LABELS = frozenset(
    {
        "transition",
        "opening",
        "closing",
        "conclusion",
        "hook",
        "tone",
        "structure",
        "framing",
        "note",
        "goal",
        "aim",
        "plan",
        "focus",
        "outline",
        "introduction",
        "intro",
        "idea",
        "approach",
        "style",
        "ending",
        "start",
        "thesis",
        "angle",
        "flow",
    }
)
_PRAISE = frozenset(
    {
        "seamless",
        "perfect",
        "great",
        "good",
        "powerful",
        "nice",
        "strong",
        "concrete",
        "vivid",
        "compelling",
        "fascinating",
        "excellent",
        "ideal",
        "natural",
        "smooth",
        "logical",
        "useful",
        "key",
    }
)
_PRAISED = frozenset(
    {
        "example",
        "anchor",
        "point",
        "illustration",
        "hook",
        "link",
        "transition",
        "way",
        "flow",
        "claim",
        "detail",
    }
)
# Nouns that are praise by themselves ("This is a masterclass in partnership design.").
_PRAISE_NOUNS = frozenset({"masterclass", "gem"})
_PLAN_AUX = frozenset(
    {
        "will",
        "'ll",
        "’ll",
        "shall",
        "can",
        "could",
        "should",
        "might",
        "may",
        "must",
        "would",
        "'d",
        "wo",
        "need",
        "want",
    }
)
_PLAN_VERBS = frozenset({"go", "want", "need", "plan", "intend", "try", "aim", "start", "begin"})


def is_writer(doc: Doc | Span) -> bool:
    """Tell whether a sentence is the writer talking about the text."""
    body = _after_label(doc)
    if len(body) != len(doc) and _names_part(doc[: len(doc) - len(body)]):
        return True
    if [t.lower_ for t in doc[:2]] == ["something", "like"]:
        return True  # "Something like: “…”": a sentence the writer is still trying out
    return (
        _first_person_plan(body)
        or _instruction(body)
        or _opens_with_instruction(body)
        or _cross_reference(doc)
        or any(t.lower_ in _TEXT_NOUNS and t.pos_ == "NOUN" for t in doc)
        or any(_names_itself(t) for t in doc)
        or _praise_of_text(body)
        or _comment_on_material(body)
        or _writing_to_do(body)
    )


# What a published text says about itself, as every report and handbook does: "This section
# provides…", "The next chapter covers…", "Section 4 describes…", "See the section below",
# "we will discuss…". The other rules of `is_writer` (a cross-reference inside a statement,
# "Note that…", "we note…", plans and instructions) fit a draft's notes to its writer.
_TEXT_PARTS = frozenset({"section", "sections", "chapter", "chapters"})
_PART_NAMED = frozenset({"this", "these", "next", "following", "previous", "present"})
_WAYFINDING = frozenset({"below", "following", "next"})
_COVERING = frozenset({"discuss", "describe", "cover", "detail", "outline", "present", "review"})


def speaks_of_text(doc: Doc | Span) -> bool:
    """Tell whether a sentence talks about the text it stands in, not about its subject:
    a part of the text pointed at ("this section", "the next chapter") or as a subject
    ("Section 4 provides…"), directions to the reader ("See …", "In the following, we…"),
    or the writers announcing what they will discuss."""
    for place, token in enumerate(doc):
        if token.lower_ in _TEXT_PARTS and (
            any(c.lower_ in _PART_NAMED for c in token.children) or token.dep_ == "nsubj"
        ):
            return True
        if token.lower_ in _WAYFINDING and token.dep_ == "pobj" and place <= 2:
            return True
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return False
    subjects = {c.lower_ for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")}
    if root.lemma_ == "see" and root.tag_ == "VB" and not subjects:
        return True
    future = any(c.lower_ in ("will", "shall", "'ll") for c in root.children)
    return bool(subjects & {"we", "i"}) and future and root.lemma_ in _COVERING


def lead_in_end(doc: Doc | Span) -> int | None:
    """Return where the whole sentence reported by a writer's lead-in starts, in characters
    from the start of `doc` ("I'll explain that |trust matters."), or None.

    The small model often parses a lead-in loosely ("I'll state explicitly that…" with
    "state" as a noun; a second clause after ";" hung on the root), so a candidate is also
    taken after the "that", "how" or "why" that follows a verb of writing; the caller
    confirms that what follows reads as a sentence on its own (`remainder_reads_whole`).
    """
    for token in doc:
        if token.lemma_.lower() not in _WRITING_VERBS or token.pos_ != "VERB":
            continue
        for clause in token.children:
            if clause.dep_ == "ccomp" and _whole_clause(doc, clause):
                opening = _clause_opening(clause)
                rest = doc[opening.i - doc[0].i :]
                return None if leans_on_previous(rest) else _offset(doc, opening)
    for token in doc[:14]:
        if token.lower_ not in _WRITING_VERBS and token.lemma_.lower() not in _WRITING_VERBS:
            continue
        following = doc[token.i - doc[0].i + 1 :]
        words = _from_connector(
            [t for t in following if t.pos_ != "ADV" or t.lower_ in ("how", "why")]
        )
        if len(words) > 4:
            after = doc[words[0].i - doc[0].i + 1]  # the very next word, adverb or not
            if words[0].lower_ == "how" and (after.lower_ in _DEGREE or after.pos_ == "ADV"):
                continue  # "how well-intentioned efforts…", "how far…": a degree
            if not words[1].text[:1].isalnum() or words[1].nbor(-1).whitespace_ == "":
                continue  # start on a word ("M&E", "G7"), never inside one ("well-|intentioned")
            return _offset(doc, words[1])
    if _first_person_plan(doc[:]) or _instruction(doc[:]):
        # "I'll describe its supranational character, where |member states have ceded…":
        # the clause after "where" states something by itself.
        for token in doc[:-1]:
            if token.lower_ == "where" and token.dep_ == "advmod" and token.head.dep_ == "relcl":
                return _offset(doc, doc[token.i + 1 - doc[0].i])
    for colon in (t for t in doc if t.text == ":"):  # a label may come first ("X: I'll…:")
        if not _whole_clause_after(doc, colon):
            continue
        lead, rest = doc[: colon.i - doc[0].i], doc[colon.i - doc[0].i + 1 :]
        body = _after_label(lead) if len(_after_label(lead)) else lead
        leads_in = _first_person_plan(body) or _instruction(body) or _opens_with_instruction(body)
        if leads_in and not is_writer(rest) and not leans_on_previous(rest):
            return _offset(doc, rest[0])
    return None


# Words that may stand between a verb of writing and the "that", "how" or "why" of what it
# reports: an object and its preposition ("I'll add a fascinating detail about how…").
_OBJECT_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "ADP", "PRON", "NUM"})


def _from_connector(words: list[Token]) -> list[Token]:
    """The words from the "that", "how" or "why" that opens what a verb of writing reports,
    with no punctuation right after it ("how, more than elsewhere, movements…"); [] if none.

    The connector comes first, or after a short object ("a detail about how…", "the fact
    that…"); there a "that" must be the conjunction, not a relative pronoun ("a programme
    that trains nurses" reports nothing)."""
    for j, word in enumerate(words[:7]):
        if word.lower_ in ("that", "how", "why") and (
            j == 0 or word.lower_ != "that" or word.dep_ == "mark"
        ):
            rest = words[j + 1 :]
            while rest and rest[0].is_punct and rest[0].text in (",", "—", "–"):
                rest = rest[1:]
            return [word, *rest]
        if word.pos_ not in _OBJECT_WORDS:
            return []
    return []


def _after_label(doc: Doc | Span) -> Span:
    """The sentence after a leading label ("Opening: …"), or the whole sentence."""
    for token in doc[:8]:
        if token.text == ":":
            before = doc[: token.i - doc[0].i]
            if not any(t.pos_ in ("VERB", "AUX") for t in before):
                return doc[token.i - doc[0].i + 1 :]
            break
    return doc[:]


def _names_part(label: Span) -> bool:
    """A label naming a part of the text ("Transition:") or numbered like one ("1.4 Scope:")."""
    numbered = len(label) > 1 and label[0].like_num and "." in label[0].text.strip(".")
    return numbered or any(t.lower_ in _LABELS for t in label)


def _first_person_plan(body: Span) -> bool:
    """`I'll explain…`, `I can also touch on…`, `Let me…`, `My concluding sentence will…`."""
    for token in body:
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if token.lower_ == "let" and following in ("me", "us", "'s", "’s"):
            return True
        if token.lower_ == "my" and token.head.lower_ in _PLAN_NOUNS:
            return True
        if token.text != "I" and not (token.lower_ == "we" and _writes(token.head)):
            continue
        verb = token.head
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if verb.tag_ == "VBD":  # "I explained to my parents…": a story, not a plan
            continue
        if _writes(verb) or verb.lemma_ in _PLAN_VERBS or verb.lower_ in _PLAN_AUX:
            return True  # "I will:" opens a list of plans
        if any(c.dep_ == "aux" and c.lower_ in _PLAN_AUX for c in verb.children):
            return True
    return False


def _writes(verb: Token) -> bool:
    return verb.lemma_.lower() in _WRITING_VERBS


def _instruction(body: Span) -> bool:
    """An imperative verb of writing: `Introduce X as…`, `Crucially, explain how…`; or an
    imperative whose object is a piece of the text still to write: `Add a fascinating detail
    to make it memorable.`"""
    if any(
        t.dep_ == "ROOT"
        and t.tag_ == "VB"
        and t.i == body[0].i
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _NOTE_NOUNS for c in t.children)
        for t in body
    ):
        return True
    return any(
        t.dep_ == "ROOT"
        and _writes(t)
        and t.tag_ == "VB"
        and (t.i == body[0].i or t.nbor(-1).text == ",")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") and c.i < t.i for c in t.children)
        for t in body
    )


def _opens_with_instruction(body: Span) -> bool:
    """A capitalised verb of writing opening the sentence ("Highlight a flagship example",
    "Crucially, discuss…"), which the small model often tags as a proper noun."""
    words = [t for t in body if not t.is_punct]
    if len(words) < 2:
        return False
    first = words[0]
    if first.pos_ == "ADV" and first.i + 1 < len(first.doc) and first.nbor(1).text == ",":
        words = words[1:]
        first = words[0]
    verb = first.lower_
    return (
        verb in _IMPERATIVE_WRITING
        and first.text[:1].isupper()
        and first.tag_ in ("VB", "VBP", "NN", "NNP")
        and not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < first.i for c in first.children)
        and len(words) > 1
        and words[1].pos_ not in ("VERB", "AUX")
    )


def _cross_reference(doc: Doc | Span) -> bool:
    """`Section 4`, `the previous section`, `Chapter 2`: a pointer to a part of the text."""
    for token in doc:
        if token.lower_ not in _PARTS:
            continue
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and (following.like_num or following.text[:1].isdigit()):
            return True
        if any(c.lower_ in _PART_POINTERS for c in token.children):
            return True
    return False


def _names_itself(token: Token) -> bool:
    """The text pointing at itself as a whole ("This makes the article more…", "the outline
    lists it"), not at another text ("Article 5", "the article of the treaty")."""
    if token.lower_ not in _SELF_NAMES or token.pos_ != "NOUN" or token.dep_ == "compound":
        return False
    children = [c.lower_ for c in token.children]
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    numbered = following is not None and following.like_num
    return any(c in _SELF_POINTERS for c in children) and "of" not in children and not numbered


def _praise_of_text(body: Span) -> bool:
    """`X is the perfect anchor`, `This is a powerful, concrete example`, `This is a
    masterclass in…`: the writer judging their own material (not "an example of Y", which
    is content)."""
    for token in body:
        if token.lower_ in _PRAISE_NOUNS and token.dep_ == "attr":
            return True
        if token.lower_ not in _PRAISED or token.dep_ not in ("attr", "dobj"):
            continue
        praised = any(c.lower_ in _PRAISE for c in token.children)
        if praised and not any(c.lower_ == "of" for c in token.children):
            return True
    return False


# What a writer's "This adds…" gives the text itself ("a layer of depth", "nuance").
_TEXT_QUALITIES = frozenset({"depth", "nuance"})
_POINTING = frozenset({"this", "that", "it"})


def _comment_on_material(body: Span) -> bool:
    """`This covers the points without just listing them.`, `This adds a crucial layer of
    depth.`: the writer saying what their last sentence does for the text. Only with a bare
    pointing subject, and a verb of writing over the text's points or `add` with a quality
    only a text has; "This covers the costs" and "This adds a layer of bureaucracy" are
    content."""
    if not len(body):
        return False
    root = body.root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].lower_ not in _POINTING:
        return False
    objects = [c for c in root.children if c.dep_ == "dobj"]
    objects += [o for d in objects for p in d.children if p.lower_ == "of" for o in p.children]
    lemmas = {o.lemma_.lower() for o in objects}
    verb = root.lemma_.lower()
    return bool(
        (verb in _WRITING_VERBS and lemmas & _NOTE_NOUNS)
        or (verb == "add" and lemmas & _TEXT_QUALITIES)
    )


def _writing_to_do(body: Span) -> bool:
    """`A critical point to include is…`, `Key themes to weave in:`, `"X" can be expanded
    to "Y"`: writing still to be done."""
    for token in body:
        if token.lower_ not in _IMPERATIVE_WRITING and token.lower_ != "include":
            continue
        after_to = token.i > 0 and token.nbor(-1).lower_ == "to"
        if after_to and token.head.lemma_.lower() in _NOTE_NOUNS:
            return True
    for token in body:
        if token.lemma_.lower() not in ("expand", "rephrase", "reword", "shorten"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.left_edge.text in ('"', "“", "'", "‘"):
            return True
    return False


def _whole_clause(doc: Doc | Span, clause: Token) -> bool:
    """A clause with its own subject and finite verb that runs to the end of the sentence."""
    last_word = max(t.i for t in doc if not t.is_punct)
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
    finite = clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in clause.children
    )
    opening = _clause_opening(clause)
    return (
        has_subject
        and finite
        and clause.right_edge.i >= last_word
        and opening is not None
        and (opening.is_alpha or opening.like_num)
        and opening.lower_ not in ("how", "why", "what", "whether", "if", "where", "when")
        and opening.lower_ not in _DEGREE
    )


# "how many…", "how far…": a "how" that asks for a degree, not a manner; the clause after it
# does not state anything on its own.
_DEGREE = frozenset({"many", "much", "far", "long", "often", "well", "big", "large", "to"})


def _clause_opening(clause: Token) -> Token:
    """The first word of a reported clause, after its "that" (tagged `mark`, or `det` when
    the parser reads "that trust" as a noun phrase), or after the "how" or "why" of a clause
    with its own subject ("I'll explain how |platforms like Kiva are used…": what follows is
    a statement)."""
    tokens = list(clause.subtree)
    first = tokens[0]
    if (first.dep_ == "mark" or first.lower_ == "that") and len(tokens) > 1:
        return tokens[1]
    if first.lower_ in ("how", "why") and first.dep_ == "advmod" and len(tokens) > 1:
        # "how, in practice, |donors pay…": what follows the comma is the statement
        return next((t for t in tokens[1:] if not t.is_punct), tokens[1])
    return first


def _whole_clause_after(doc: Doc | Span, colon: Token) -> bool:
    after = [t for t in doc if t.i > colon.i]
    if len(after) < 4 or not after[0].text[:1].isalnum():
        return False
    # A finite verb after the colon; the small model often hangs the clause's subject on the
    # lead-in ("Frame the problem: climate change… are…"), so the caller re-parses the rest.
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in after)


def _offset(doc: Doc | Span, token: Token) -> int:
    return token.idx - doc[0].idx
