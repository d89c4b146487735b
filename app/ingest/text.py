"""Small text predicates shared by the cleaning steps: titles, bullets, normalisation."""

import re

_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "via",
    ]
)
_TERMINAL = tuple(".,;:!?")
BULLET = re.compile(r"^(\s*)((?:[-*•+]\s+)+)")
OPENING_QUOTES = '“"‘'


_SURROGATE = re.compile("[\ud800-\udfff]")


def mend_surrogates(text: str) -> str:
    """Join the halves of a character left as a UTF-16 surrogate pair ("\\ud83d\\udcb5" is
    "💵") and drop a lone half: text holding one cannot be encoded, nor tokenised."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return re.sub(r"\s+", " ", text).strip()


def is_title(text: str, max_words: int = 12) -> bool:
    """Tell whether a line reads as a title: short, capitalised, no closing punctuation."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > max_words or len(text) > 90:
        return False
    if not text[0].isupper() or text.endswith(_TERMINAL) or BULLET.match(text):
        return False
    content = [w for w in words if w.lower().strip("(),") not in _SMALL_WORDS]
    capitalised = sum(1 for w in content if w.lstrip("(“\"'")[:1].isupper())
    return bool(content) and capitalised / len(content) >= 0.6


def is_all_caps_heading(text: str) -> bool:
    """Tell whether a line is an all-capitals heading such as 'KEY THEMES'."""
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and len(text.split()) <= 8 and all(c.isupper() for c in letters)


def title_case(text: str) -> str:
    """Turn 'THE FUTURE OF PARTNERSHIPS' into 'The Future of Partnerships'."""
    words = text.lower().split()
    return " ".join(
        w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )
