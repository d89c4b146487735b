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


# The writer's voice anywhere in a piece, or an instruction to the writer at its start:
# a quoted piece must not carry either, whatever the role ingest gave its sentence. (A
# cross-reference, "as described in Section 2", is the writer's only in a draft's notes,
# which ingest's roles tell apart from a report's statements.)
_VOICE = re.compile(
    r"\b(?:I['’]ll|I will|I need to|I want to|I['’]m going to|I plan to|Let me|We['’]ll)\b"
)
_INSTRUCTION = re.compile(
    r"^(?:[A-Z][^:.!?]{0,60}:\s+)?(?:(?:Introduce|Explain|Describe|Mention|Highlight|Discuss|"
    r"Emphasi[sz]e|Conclude|Summari[sz]e|Illustrate|Transition|Segue|Weave|Make sure|"
    r"Ensure the)\b"
    # Words that also open a statement ("Open data is…", "Lead agencies…", "Use of funds…",
    # "End users…"): an instruction only where a pronoun, article or particle follows.
    r"|(?:Start|Begin|End|Note|Frame|Present|Contrast|Outline|Define|Cite|Stress|Argue|Lead|"
    r"Open|Close|Touch|Use|Talk|Position|Bring|Keep)\s+(?:it|its|them|this|that|these|those|"
    r"the|a|an|with|by|on|in|up|back|out|off|about|how|why|what|here|there|briefly|"
    r"clearly|simply)\b)"
    # "Don't just say “early diplomacy.”": the writer warning themselves off a wording.
    r"|^(?:Don['’]t|Do not|Avoid|Never)\s+(?:just\s+|simply\s+)?(?:say|write|list|describe|"
    r"explain|mention|call|frame|get bogged|make it)\b"
    # "Mentioning the OECD adds authority…": the writer weighing a move in their text.
    r"|^(?:Mentioning|Citing|Framing|Describing|Highlighting|Explaining|Quoting|Naming|"
    r"Emphasi[sz]ing|Introducing)\b"
)


def speaks_as_writer(piece: str) -> bool:
    """Tell whether a piece is the writer talking: a first-person plan anywhere in it or an
    instruction to the writer at its start."""
    return bool(_VOICE.search(piece) or _INSTRUCTION.match(piece))
