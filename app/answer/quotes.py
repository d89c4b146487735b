"""Trim a sentence to the verbatim span that states its content.

Drafting notes say "I'll explain that trust is the lubricant of a partnership"; the
answer quotes "trust is the lubricant of a partnership". Labels such as "Realism: "
are dropped too. The result is always a substring of the sentence.
"""

import re

_LEAD = re.compile(
    r"^(?:(?:Then|Finally|Next|First|Also|Here|Crucially|Now|Instead),?\s+)?"
    r"(?:I['’]ll|I will|I need to|I can|I must|I should|I want to|We['’]ll|Let me)\s+"
    r"(?:(?:also|then|briefly|directly|explicitly|clearly|simply|first)\s+)?"
    r"(?:explain|argue|describe|note|mention|highlight|state|emphasi[sz]e|frame|present|"
    r"introduce|show|add|recommend|define|contrast|discuss|point out|stress|illustrate|"
    r"talk about|touch on|cover|detail|paint a picture of|use|say|suggest|acknowledge)\s+"
    r"(?:(?:explicitly|clearly|simply|briefly|directly|unequivocally)\s+)?"
    r"(?:(?:that|how|why|it as|this as|them as|the fact that)\s+)?",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[A-Z][^:.!?\"“]{1,60}:\s+")
_MIN_WORDS = 4


def trim_sentence(sentence: str) -> tuple[int, int]:
    """Return the (start, end) of the content span of `sentence`."""
    start = 0
    for pattern in (_LABEL, _LEAD):
        match = pattern.match(sentence[start:])
        if match and len(sentence[start + match.end() :].split()) >= _MIN_WORDS:
            if pattern is _LABEL and len(match.group(0).split()) > 8:
                continue
            start += match.end()
    return start, len(sentence)
