"""BM25 keyword search over passages with bm25s, English stop words removed and stemmed."""

import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from numpy.typing import NDArray

LEXICAL_DIR = "bm25"
# What decides the tokens an index holds; a new value rebuilds the index.
LEXICAL_VERSION = 3
_STEMMER = Stemmer.Stemmer("english")

# British spellings and their American forms, so that "organise" finds "organize",
# "programme" finds "program" and "labour" finds "labor". Both the index and the question
# are read the same way, so a form that is no English word ("exercize") matches only itself.
_SPELLINGS = (
    (re.compile(r"^(\w{3,}?)([iy])s(e|ed|es|ing|ation|ations|er|ers)$"), r"\1\2z\3"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|able|al|ally|hood|hoods|ful|ite|ites)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"^(\w+gra)mme(s)?$"), r"\1m\2"),
    (re.compile(r"^(licen|defen|offen)ce(s)?$"), r"\1se\2"),
)


# Irregular past forms and their verbs, so that "How long did the forum run?" finds "it ran
# for 18 months" and "Who led it?" finds "leads". Only forms that are no other common word:
# not "found" (to found), "left", "saw", "lay".
_IRREGULAR = {
    **dict.fromkeys(("ran",), "run"),
    **dict.fromkeys(("began", "begun"), "begin"),
    **dict.fromkeys(("led",), "lead"),
    **dict.fromkeys(("grew", "grown"), "grow"),
    **dict.fromkeys(("took", "taken"), "take"),
    **dict.fromkeys(("undertook", "undertaken"), "undertake"),
    **dict.fromkeys(("gave", "given"), "give"),
    **dict.fromkeys(("made",), "make"),
    **dict.fromkeys(("held",), "hold"),
    **dict.fromkeys(("met",), "meet"),
    **dict.fromkeys(("paid",), "pay"),
    **dict.fromkeys(("spent",), "spend"),
    **dict.fromkeys(("won",), "win"),
    **dict.fromkeys(("sought",), "seek"),
    **dict.fromkeys(("brought",), "bring"),
    **dict.fromkeys(("built",), "build"),
    **dict.fromkeys(("bought",), "buy"),
    **dict.fromkeys(("chose", "chosen"), "choose"),
    **dict.fromkeys(("drew", "drawn"), "draw"),
    **dict.fromkeys(("withdrew", "withdrawn"), "withdraw"),
    **dict.fromkeys(("fell", "fallen"), "fall"),
    **dict.fromkeys(("knew", "known"), "know"),
    **dict.fromkeys(("wrote", "written"), "write"),
    **dict.fromkeys(("thought",), "think"),
    **dict.fromkeys(("taught",), "teach"),
    **dict.fromkeys(("told",), "tell"),
    **dict.fromkeys(("sold",), "sell"),
    **dict.fromkeys(("kept",), "keep"),
    **dict.fromkeys(("went", "gone"), "go"),
    **dict.fromkeys(("came",), "come"),
    **dict.fromkeys(("became",), "become"),
    **dict.fromkeys(("overcame",), "overcome"),
    **dict.fromkeys(("broke", "broken"), "break"),
    **dict.fromkeys(("spoke", "spoken"), "speak"),
    **dict.fromkeys(("understood",), "understand"),
    **dict.fromkeys(("stood",), "stand"),
    **dict.fromkeys(("meant",), "mean"),
    **dict.fromkeys(("sent",), "send"),
    **dict.fromkeys(("lent",), "lend"),
    **dict.fromkeys(("fought",), "fight"),
    **dict.fromkeys(("caught",), "catch"),
    **dict.fromkeys(("forgot", "forgotten"), "forget"),
    **dict.fromkeys(("shown",), "show"),
    **dict.fromkeys(("rose", "risen"), "rise"),
}


def _american(word: str) -> str:
    for pattern, replacement in _SPELLINGS:
        word, replaced = pattern.subn(replacement, word)
        if replaced:
            break
    return word


def _stem_words(words: list[str]) -> list[str]:
    return list(_STEMMER.stemWords([_IRREGULAR.get(w) or _american(w) for w in words]))


def tokens_of(texts: list[str]) -> list[list[str]]:
    """Return the BM25 tokens of several texts, in one tokenizer call."""
    tokenized = bm25s.tokenize(
        texts, stopwords="en", stemmer=_stem_words, return_ids=False, show_progress=False
    )
    return [list(tokens) for tokens in tokenized]


def query_tokens(text: str) -> list[str]:
    """Return the BM25 tokens of one text: lower-cased words, stop words out, stemmed."""
    return tokens_of([text])[0]


def build_lexical(texts: list[str]) -> bm25s.BM25:
    """Build a BM25 index over `texts`."""
    retriever = bm25s.BM25()
    retriever.index(tokens_of(texts), show_progress=False)
    return retriever


def save_lexical(retriever: bm25s.BM25, folder: Path) -> None:
    """Write the BM25 index under `folder`."""
    retriever.save(str(folder / LEXICAL_DIR))


def load_lexical(folder: Path) -> bm25s.BM25:
    """Read the BM25 index from under `folder`."""
    return bm25s.BM25.load(str(folder / LEXICAL_DIR))


def score_lexical(
    retriever: bm25s.BM25, query: str, count: int, tokens: Sequence[str] | None = None
) -> NDArray[np.float32]:
    """Return the BM25 score of every passage for `query` (zeros when no word is known).

    `tokens`, when given, are the query's BM25 tokens already made (a question analysis's
    `stems`), so the query is not tokenised again.
    """
    tokens = list(tokens) if tokens is not None else tokens_of([query])[0]
    known = retriever.get_tokens_ids(tokens)
    if not known:
        return np.zeros(count, dtype=np.float32)
    return np.asarray(retriever.get_scores_from_ids(known), dtype=np.float32)


def passages_with_all(retriever: bm25s.BM25, tokens: Sequence[str]) -> list[int]:
    """Return the rows of the passages that hold every one of `tokens` (BM25 tokens)."""
    indptr = np.asarray(retriever.scores["indptr"])
    indices = np.asarray(retriever.scores["indices"])
    rows: set[int] | None = None
    for token in dict.fromkeys(tokens):
        column = retriever.vocab_dict.get(token)
        if column is None or column + 1 >= len(indptr):
            return []
        found = set(indices[indptr[column] : indptr[column + 1]].tolist())
        rows = found if rows is None else rows & found
        if not rows:
            return []
    return sorted(rows or ())


def term_weights(retriever: bm25s.BM25) -> dict[str, float]:
    """Return each indexed token's inverse document frequency: how much finding it in a
    passage says (a word in every passage, such as "partnership" here, says little)."""
    indptr = np.asarray(retriever.scores["indptr"])
    count = max(int(retriever.scores["num_docs"]), 1)
    frequency = np.diff(indptr)
    weights = np.log1p((count - frequency + 0.5) / (frequency + 0.5))
    # bm25s keeps a padding token ("") in the vocabulary past the last column.
    return {
        token: float(weights[i]) for token, i in retriever.vocab_dict.items() if i < len(weights)
    }


def unknown_terms(retriever: bm25s.BM25, terms: list[str]) -> list[str]:
    """Return the words of `terms` that occur nowhere in the indexed passages."""
    unknown = []
    for term in terms:
        for word in term.split():
            tokens = tokens_of([word])[0]
            if tokens and not retriever.get_tokens_ids(tokens):
                unknown.append(word)
    return unknown
