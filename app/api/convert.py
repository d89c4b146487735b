"""Turn domain objects into the API's response models."""

from app.answer.respond import Answer
from app.api.schemas import AskResponse, CitationOut, PassageOut, QuoteSpan, SegmentOut
from app.passages import Passage


def passage_out(passage: Passage, score: float | None = None) -> PassageOut:
    """Return the public view of a passage."""
    return PassageOut(
        passage_id=passage.id,
        document_id=passage.document_id,
        title=passage.title,
        section=passage.section,
        text=passage.text,
        location=passage.location,
        kind=passage.kind,
        score=None if score is None else round(score, 6),
    )


def answer_out(answer: Answer) -> AskResponse:
    """Return the public view of an answer."""
    citations = [
        CitationOut(
            marker=c.marker,
            passage_id=c.passage.id,
            document_id=c.passage.document_id,
            title=c.passage.title,
            section=c.passage.section,
            text=c.passage.text,
            location=c.passage.location,
            kind=c.passage.kind,
            quote=c.passage.text[c.quote_start : c.quote_end],
            quote_start=c.quote_start,
            quote_end=c.quote_end,
            quotes=[QuoteSpan(start=start, end=end) for start, end in c.quotes],
            score=round(c.score, 6),
        )
        for c in answer.citations
    ]
    segments = [
        SegmentOut(
            text=s.piece.text,
            marker=s.marker,
            passage_id=s.piece.passage.id,
            start=s.piece.start,
            end=s.piece.end,
            cut=s.piece.cut,
        )
        for s in answer.segments
    ]
    return AskResponse(
        answer=answer.text,
        abstained=answer.abstained,
        confidence=answer.confidence,
        reason=answer.reason,
        segments=segments,
        citations=citations,
    )
