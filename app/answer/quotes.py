"""Trim a sentence to the verbatim span that states its content.

Drafting notes say "I'll explain that trust is the lubricant of a partnership"; the
answer quotes "trust is the lubricant of a partnership". Labels such as "Realism: "
are dropped too. The result is always a substring of the sentence.
"""

import re

_FIRST_PERSON = (
    r"^(?:(?:Then|Finally|Next|First|Also|Here|Crucially|Now|Instead),?\s+)?"
    r"(?:I['’]ll|I will|I need to|I can|I must|I should|I want to|We['’]ll|Let me)\s+"
)
_LEAD = re.compile(
    _FIRST_PERSON + r"(?:(?:also|then|briefly|directly|explicitly|clearly|simply|first)\s+)?"
    r"(?:explain|argue|describe|note|mention|highlight|state|emphasi[sz]e|frame|present|"
    r"introduce|show|add|recommend|define|contrast|discuss|point out|stress|illustrate|"
    r"talk about|touch on|cover|detail|paint a picture of|use|say|suggest|acknowledge|"
    r"name|cite|list|give|offer|provide|point to|draw on|bring in|weave in)\s+"
    r"(?:(?:explicitly|clearly|simply|briefly|directly|unequivocally)\s+)?"
    r"(?:(?:that|how|why|it as|this as|them as|the fact that)\s+)?",
    re.IGNORECASE,
)
# "I'll define it simply: using public money..." -> the part after the colon.
_LEAD_TO_COLON = re.compile(_FIRST_PERSON + r"[^:.!?]{0,60}:\s+", re.IGNORECASE)
_WRITER = re.compile(_FIRST_PERSON + r"|^(?:My|This section|The next section)\b", re.IGNORECASE)
_LABEL = re.compile(r"^[A-Z][^:.!?\"“]{1,60}:\s+")
_MIN_WORDS = 4


def trim_sentence(sentence: str) -> tuple[int, int]:
    """Return the (start, end) of the content span of `sentence`."""
    start = 0
    for pattern in (_LABEL, _LEAD_TO_COLON, _LEAD):
        match = pattern.match(sentence[start:])
        if match and len(sentence[start + match.end() :].split()) >= _MIN_WORDS:
            if pattern is _LABEL and len(match.group(0).split()) > 8:
                continue
            start += match.end()
    return start, len(sentence)


def is_writing_note(quoted: str) -> bool:
    """Tell whether a (trimmed) sentence still speaks as the writer ("I'll build on Section 4")."""
    return bool(_WRITER.match(quoted))
