"""Pack a document's blocks into passages of whole sentences that fit the model's window."""

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.ingest.sections import Block
from app.ingest.sentences import split_sentences
from app.passages import Document, Passage, embedding_text, passage_id

TokenCounter = Callable[[Sequence[str]], list[int]]
SECTION_SEPARATOR = " > "
# A passage with fewer words than this (of three letters or more) is labels, not text: a
# chart's axis ("2.5; 3.0; 3.5"), a diagram's boxes ("Consider; Legal"), a lone year.
_LEAST_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
# Close a passage at a paragraph break once it is this full, so passages follow the text.
_PARAGRAPH_BREAK_FILL = 0.6


@dataclass(frozen=True)
class _Sentence:
    text: str
    block: int
    tokens: int


def split_document(
    document: Document,
    blocks: Sequence[Block],
    count_tokens: TokenCounter,
    max_tokens: int,
    window: int,
    counts: Counter[str] | None = None,
) -> list[Passage]:
    """Split blocks into passages: one section each, whole sentences, at most `max_tokens`.

    `window` is the model's hard limit; the section header embedded with each passage
    is counted against it, so no passage is silently truncated by the model. A sentence
    longer than the budget (a long table row, a run without punctuation) is cut between
    words into pieces that fit, counted in `counts["oversize"]`. A passage of labels with
    fewer than three words is left out, counted in `counts["label scraps"]`.
    """
    counts = counts if counts is not None else Counter()
    groups: list[list[int]] = []
    for i, block in enumerate(blocks):
        # Body text runs on, and a table's rows; a page's footnotes are read together; a
        # quote stands alone.
        if groups and _runs_on(blocks[groups[-1][0]], block):
            groups[-1].append(i)
        else:
            groups.append([i])
    passages: list[Passage] = []
    seen: set[str] = set()
    for group in groups:
        section = SECTION_SEPARATOR.join(blocks[group[0]].section)
        header = count_tokens([embedding_text(section, "")])[0]
        budget = max(16, min(max_tokens, window - header))
        sentences = _fit(_sentences(blocks, group, count_tokens), budget, count_tokens, counts)
        for chosen in _pack(sentences, budget):
            passage = _passage(document, blocks, section, chosen, len(passages))
            if len(_WORD.findall(passage.text)) < _LEAST_WORDS:
                counts["label scraps"] += 1  # a chart's axis, a diagram's labels: no statement
                continue
            if passage.id not in seen:
                seen.add(passage.id)
                passages.append(passage)
    return passages


def _runs_on(first: Block, block: Block) -> bool:
    """Whether `block` joins the group `first` opened: body text of one section, or the
    notes of one section and page."""
    if first.section != block.section or first.kind != block.kind:
        return False
    return block.kind in ("body", "table") or (block.kind == "note" and first.pages == block.pages)


def _sentences(blocks: Sequence[Block], group: list[int], count: TokenCounter) -> list[_Sentence]:
    pairs = [
        (blocks[i].text[start:end], i)
        for i in group
        for start, end in split_sentences(blocks[i].text)
    ]
    tokens = count([text for text, _ in pairs]) if pairs else []
    return [_Sentence(text, i, n) for (text, i), n in zip(pairs, tokens, strict=True)]


def _fit(
    sentences: list[_Sentence], budget: int, count: TokenCounter, counts: Counter[str]
) -> list[_Sentence]:
    """Cut every sentence over the budget between words into pieces within it."""
    fitted: list[_Sentence] = []
    for sentence in sentences:
        if sentence.tokens <= budget:
            fitted.append(sentence)
            continue
        counts["oversize"] += 1
        words = sentence.text.split(" ")
        sizes = count(words)
        piece: list[str] = []
        size = 0
        for word, tokens in zip(words, sizes, strict=True):
            if piece and size + tokens > budget:
                fitted.append(_piece(piece, sentence.block, count))
                piece, size = [], 0
            piece.append(word)
            size += tokens
        if piece:
            fitted.append(_piece(piece, sentence.block, count))
    return fitted


def _piece(words: list[str], block: int, count: TokenCounter) -> _Sentence:
    text = " ".join(words)
    return _Sentence(text, block, count([text])[0])


def _pack(sentences: list[_Sentence], budget: int) -> list[list[_Sentence]]:
    """Greedy packing; a passage cut inside a paragraph repeats its last sentence next time,
    so a span over two sentences always lies whole in some passage."""
    packed: list[list[_Sentence]] = []
    current: list[_Sentence] = []
    size = 0
    for sentence in sentences:
        new_block = bool(current) and sentence.block != current[-1].block
        # A sentence that announces what follows ("Some of these areas include:") stays with
        # it: no paragraph break closes the passage after it, and a full passage hands it on.
        announces = bool(current) and _announces(current[-1])
        if current and (
            size + sentence.tokens > budget
            or (new_block and not announces and size >= _PARAGRAPH_BREAK_FILL * budget)
        ):
            packed.append(current)
            last = current[-1]
            keep = (
                (announces or not new_block)
                and last.tokens + sentence.tokens <= budget
                and len(current) > 1
            )
            current, size = ([last], last.tokens) if keep else ([], 0)
        current.append(sentence)
        size += sentence.tokens
    if current:
        packed.append(current)
    return packed


def _announces(sentence: _Sentence) -> bool:
    return sentence.text.rstrip().endswith(":")


def _passage(
    document: Document, blocks: Sequence[Block], section: str, chosen: list[_Sentence], order: int
) -> Passage:
    text = ""
    spans: list[tuple[int, int]] = []
    for i, sentence in enumerate(chosen):
        if i:
            text += " " if sentence.block == chosen[i - 1].block else "\n\n"
        spans.append((len(text), len(text) + len(sentence.text)))
        text += sentence.text
    used = [blocks[s.block] for s in chosen]
    pages = [p for b in used if b.pages for p in b.pages]
    if pages:
        lo, hi = min(pages), max(pages)
        location = f"page {lo}" if lo == hi else f"pages {lo}-{hi}"
    else:
        first, last = used[0].first_line, max(b.last_line for b in used)
        location = f"{used[0].unit} {first}-{last}" if last > first else f"{used[0].unit} {first}"
        if used[0].unit == "paragraphs" and last == first:
            location = f"paragraph {first}"
    return Passage(
        id=passage_id(document.id, text),
        document_id=document.id,
        title=document.title,
        section=section,
        text=text,
        sentences=tuple(spans),
        location=location,
        order=order,
        kind=used[0].kind,
    )
