"""Whether a sentence leans on the one before it: a connective, pronoun or demonstrative
at its opening whose referent is not in the sentence itself ("However, …", "This explains
why…", "It didn't stop…", "these partnerships…", "I'll explain its core idea…")."""

from spacy.tokens import Doc, Span, Token

_CONNECTIVES = frozenset(
    {
        "however",
        "but",
        "yet",
        "also",
        "moreover",
        "furthermore",
        "therefore",
        "thus",
        "hence",
        "consequently",
        "instead",
        "still",
        "nevertheless",
        "nonetheless",
        "meanwhile",
        "similarly",
        "likewise",
        "otherwise",
        "then",
        "indeed",
        "besides",
        "so",
        "and",
        "or",
        "nor",
        "accordingly",
        "additionally",
        "regardless",
        "conversely",
        "finally",
        "further",
        "here",
        "second",
        "secondly",
        "third",
        "thirdly",
        "lastly",
        "again",
        "too",
        "rather",
        "thereby",
        "subsequently",
        "afterwards",
        "later",
    }
)
_CONNECTIVE_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "in addition",
        "as a result",
        "on the other hand",
        "in contrast",
        "by contrast",
        "for example",
        "for instance",
        "at the same time",
        "in turn",
        "even so",
        "after all",
        "in this way",
        "to this end",
        "to that end",
        "as such",
        "in other words",
        "that said",
        "in particular",
        "despite this",
        "because of this",
        "in doing so",
        "in that case",
        "in this case",
        "in short",
        "in sum",
        "on top of that",
        "as well",
        "beyond that",
        "by doing so",
        "in response",
        "as noted",
        "as mentioned",
        "at that time",
    )
)
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such", "latter", "former"})
_THIRD_PERSON = frozenset(
    {"it", "its", "they", "their", "them", "theirs", "he", "his", "him", "she", "her", "hers"}
)
_OPENING_SKIP = frozenset({"PUNCT", "SPACE"})


def leans_on_previous(doc: Doc | Span) -> bool:
    """Tell whether a sentence needs the one before it to be understood."""
    words = [t for t in doc if t.pos_ not in _OPENING_SKIP]
    if not words:
        return False
    lowered = [t.lower_ for t in words]
    if (
        lowered[0] in _CONNECTIVES
        and words[0].pos_ in ("ADV", "CCONJ", "ADJ", "SCONJ")
        and lowered[1:2] not in (["of"], ["than"])  # "Instead of a plan, …" compares
    ):
        return not _degree_word(words)
    if any(tuple(lowered[: len(p)]) == p for p in _CONNECTIVE_PHRASES):
        return True
    for token in words:
        if token.pos_ in ("NOUN", "PROPN", "NUM"):
            return False
        if _points_back(token):
            return True
    return False


def _degree_word(words: list[Token]) -> bool:
    """ "Too often", "So many": the word measures the next one and links to nothing before."""
    first = words[0]
    return (
        first.lower_ in ("too", "so")
        and len(words) > 1
        and first.head.i == words[1].i
        and words[1].pos_ in ("ADV", "ADJ", "DET")
    )


def _points_back(token: Token) -> bool:
    """A demonstrative or third-person pronoun that is not a placeholder ("It is clear that")."""
    word = token.lower_
    if word in _DEMONSTRATIVES:
        return token.dep_ not in ("mark", "relcl") and token.tag_ not in ("WDT", "IN")
    if word in _THIRD_PERSON:
        return token.dep_ != "expl" and not _is_placeholder_it(token)
    return False


def _is_placeholder_it(token: Token) -> bool:
    """`It is important to…`, `It took years for…`: an `it` whose content comes later."""
    if token.lower_ != "it" or token.dep_ != "nsubj":
        return False
    head = token.head
    later_clause = any(
        t.dep_ in ("xcomp", "ccomp", "csubj", "advcl")
        for t in token.doc[head.i + 1 : head.right_edge.i + 1]
    )
    return later_clause and any(c.dep_ in ("acomp", "attr", "dobj") for c in head.children)
