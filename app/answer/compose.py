"""Compose an answer a person can read from scored sentences.

The rules, in the order they apply:
- only content sentences are quoted (the scorer drops the others); a writer's lead-in is
  left out only where what remains starts a whole sentence, and the piece is marked `cut`
  so the answer shows an ellipsis;
- a sentence that leans on the one before it ("This explains why…") brings that sentence
  along when it is quotable content, else it is not used;
- the answer is a coherent run of consecutive sentences from the best passage, with that
  passage's other sentences nearly as good as its seed as further pieces, then a short run
  from at most two more passages; a run that opens a list (a sentence ending in ":") keeps
  the list's items;
- a run starts from a sentence that shares a telling word with the question (`seed_overlap`
  of its IDF-weighted words), so a sentence close only in general meaning is not quoted;
- every piece must be about the question's subject (see `Candidate.on_subject`);
- a labelled remark ("Stakeholder Mapping: This is a key tool.") never opens an answer
  on its own, but may lead into the sentences that follow it.
"""

import re
from dataclasses import dataclass

import numpy as np

from app.answer.extract import Candidate
from app.language.sentence_roles import ends_stopped
from app.passages import Passage


@dataclass(frozen=True)
class Piece:
    """One quoted piece: a span of a passage, and whether words before it were left out."""

    passage: Passage
    start: int
    end: int
    cut: bool

    @property
    def text(self) -> str:
        """The verbatim text of the piece."""
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Shape:
    """How long runs may be and how much weaker than the best a sentence may be."""

    run: int = 4  # most sentences from the best passage
    extra_run: int = 3  # most sentences from each further passage
    extra_passages: int = 2
    list_items: int = 8  # most items kept after a sentence that opens a list
    run_ratio: float = 0.5  # a neighbour joins a run when this close to the run's best
    keep_ratio: float = 0.8  # a further passage's best must score this close to the best
    redundancy: float = 0.8  # cosine above which two sentences say the same thing
    seed_overlap: float = 0.2  # least IDF-weighted share of the question's words in a seed


def compose(candidates: list[Candidate], shape: Shape = Shape()) -> list[list[Candidate]]:
    """Return the runs to quote, best passage first, each run in reading order."""
    usable = [c for c in candidates if c.on_subject and not c.remark and not c.repeated]
    # A line that ends without a stop ("Both authors approved the final version", an
    # address block run into one line) reads as cut off on its own: it is quoted only as an
    # item of a list its opener announces, or as a table's row.
    usable = [c for c in usable if _stands_alone(c)]
    # A seed shares a telling word with the question: a sentence close only in general
    # meaning ("On June 4, 2012, … invited partnership builders…") is filler.
    # A sentence about the subject that names what a typed question asks for ("WHO provides
    # technical leadership, UNICEF procures vaccines…" for "Which organisations…") may seed
    # without repeating the question's words.
    seeds = [c for c in usable if c.overlap >= shape.seed_overlap or c.typed] or usable
    # For a typed question, a sentence holding what is asked leads ("On June 4, 2012, …" for
    # "On what date…?") when it is nearly as good as a stronger one that shares only a word.
    if seeds:
        close = seeds[0].score * shape.keep_ratio
        seeds.sort(key=lambda c: not (c.typed and c.score >= close))
    # Any quotable sentence may be a seed's neighbour or referent; only those about the
    # subject may seed a run.
    by_slot = {(c.passage.id, c.sentence_index): c for c in candidates}
    runs: list[list[Candidate]] = []
    used: set[str] = set()
    for seed in seeds:  # best first
        if seed.passage.id in used:
            continue
        if runs and (
            len(runs) > shape.extra_passages
            # a further table row, only when it names what the question names: not the
            # Italian Committee's row after the Korean Committee's that was asked about
            or _unnamed_row(seed)
            # a typed answer adds further passages only for what it asks for; a table row is
            # judged by what it names instead, as its figures' column may not say their type
            # ("2024 budget: 14 971.4")
            or (any(c.typed for c in runs[0]) and not seed.typed and seed.passage.kind != "table")
            or seed.score < seeds[0].score * shape.keep_ratio
            or seed.relevance < seeds[0].relevance * shape.run_ratio
            or _repeats(seed, runs, shape.redundancy)
        ):
            continue
        limit = shape.run if not runs else shape.extra_run
        run = _run(seed, by_slot, limit, shape)
        run = _with_more_of_passage(run, seed, usable, by_slot, limit, shape)
        run = _without_open_ends(run, seed)
        if run:
            runs.append(run)
            used.add(seed.passage.id)
        if len(runs) > shape.extra_passages:
            break
    return runs


def _run(
    seed: Candidate, by_slot: dict[tuple[str, int], Candidate], limit: int, shape: Shape
) -> list[Candidate]:
    """The run of consecutive quotable sentences around `seed`, or [] if it dangles."""
    if seed.passage.kind == "table":
        return _row_of(seed, by_slot)  # the row asked about, not the rows beside it
    pid = seed.passage.id
    run = [seed]
    while run[0].leans:  # bring the referent along, or give the sentence up
        previous = _referent(run[0], by_slot)
        if previous is None:
            return []  # the chain of referents breaks on a sentence that cannot be quoted
        run.insert(0, previous)
    floor = seed.relevance * shape.run_ratio
    while len(run) < limit:
        before = by_slot.get((pid, run[0].sentence_index - 1))
        after = by_slot.get((pid, run[-1].sentence_index + 1))
        if (
            after is not None
            and _adjacent(run[-1], after)
            and _stands_alone(after)
            and (after.relevance >= floor or after.leans)
        ):
            run.append(after)
        elif (
            before is not None
            and _adjacent(before, run[0])
            and _stands_alone(before)
            and before.relevance >= floor
            and not before.leans  # its own referent would be missing
        ):
            run.insert(0, before)
        else:
            break
    if any(_opens_list(c) for c in run):  # a list is kept whole, up to `list_items` items
        run.extend(_list_items(run[-1], by_slot, shape.list_items))
    return run


def _without_open_ends(run: list[Candidate], seed: Candidate) -> list[Candidate]:
    """Leave out a sentence brought in beside the seed that opens a list ("…can be found
    at:") when what it announces is not quoted after it. The seed itself stays: it was
    chosen for what it says ("Seven key themes emerged in the conversations:")."""
    kept = [
        c
        for i, c in enumerate(run)
        if c is seed or not _opens_list(c) or (i + 1 < len(run) and _adjacent(c, run[i + 1]))
    ]
    return kept if len(kept) == len(run) else _whole(kept)


def _whole(run: list[Candidate]) -> list[Candidate]:
    """A run from which a sentence was left out: its leaning sentences must still follow
    their referents, or the run is given up."""
    for i, c in enumerate(run):
        if c.leans and (i == 0 or not _adjacent(run[i - 1], c)):
            return []
    return run


def _row_of(seed: Candidate, by_slot: dict[tuple[str, int], Candidate]) -> list[Candidate]:
    """The sentences of the table row that holds `seed`: a cell may hold several ("…
    requirements. For data projects, this should be…"); rows are parted by line breaks."""
    pid = seed.passage.id
    row = [seed]
    while (before := by_slot.get((pid, row[0].sentence_index - 1))) and _same_row(before, row[0]):
        row.insert(0, before)
    while (after := by_slot.get((pid, row[-1].sentence_index + 1))) and _same_row(row[-1], after):
        row.append(after)
    return row


def _same_row(first: Candidate, second: Candidate) -> bool:
    """Whether two sentences of a table passage are cells of one row: no line break between."""
    return "\n" not in first.passage.text[first.end : second.start]


def _with_more_of_passage(
    run: list[Candidate],
    seed: Candidate,
    usable: list[Candidate],
    by_slot: dict[tuple[str, int], Candidate],
    limit: int,
    shape: Shape,
) -> list[Candidate]:
    """Add the seed passage's other sentences nearly as good as the seed, each with its own
    referent, as further pieces of the same citation, in reading order."""
    if not run:
        return run
    taken = {c.sentence_index for c in run}
    for other in usable:
        if len(taken) >= limit:
            break
        if (
            other.passage.id != seed.passage.id
            or (seed.typed and not other.typed)  # a typed answer adds only what it asks for
            # another row of a table, only when it too names what the question names: not
            # the Dutch Committee's row beside the Swedish Committee's that was asked about
            or _unnamed_row(other)
            or other.sentence_index in taken
            or other.score < seed.score * shape.keep_ratio
            or other.relevance < seed.relevance * shape.run_ratio
        ):
            continue
        piece = _run(other, by_slot, 1 + int(other.leans), shape)
        if piece and not taken & {c.sentence_index for c in piece}:
            run = [*run, *piece]
            taken |= {c.sentence_index for c in piece}
    return sorted(run, key=lambda c: c.sentence_index)


def _list_items(
    last: Candidate, by_slot: dict[tuple[str, int], Candidate], most: int
) -> list[Candidate]:
    """The quotable sentences that follow `last` without a break, up to `most`."""
    items: list[Candidate] = []
    previous = last
    while len(items) < most:
        item = by_slot.get((last.passage.id, previous.sentence_index + 1))
        if item is None or not _adjacent(previous, item):
            break
        items.append(item)
        previous = item
    return items


def _unnamed_row(candidate: Candidate) -> bool:
    """A table row that does not name everything the question names."""
    return candidate.passage.kind == "table" and not candidate.names_all


def _referent(candidate: Candidate, by_slot: dict[tuple[str, int], Candidate]) -> Candidate | None:
    """The sentence a leaning one needs: the one just before it, or the one before the
    number of the paragraph it opens ("…by the Authority. 2. In this case, we…")."""
    pid, index = candidate.passage.id, candidate.sentence_index
    previous = by_slot.get((pid, index - 1))
    if previous is not None and _adjacent(previous, candidate):
        return previous
    previous = by_slot.get((pid, index - 2))
    if previous is None or candidate.cut:
        return None
    between = candidate.passage.text[previous.end : candidate.start].strip()
    return previous if _PARAGRAPH_NUMBER.fullmatch(between) else None


# A paragraph's number, set as a sentence of its own before the paragraph's first.
_PARAGRAPH_NUMBER = re.compile(r"\d{1,3}[.)]")


def _adjacent(first: Candidate, second: Candidate) -> bool:
    """Whether two sentences read as one stretch: consecutive, nothing left out between."""
    return second.sentence_index == first.sentence_index + 1 and not second.cut


def _stands_alone(candidate: Candidate) -> bool:
    """Whether a sentence may be quoted outside a list: it ends with a stop, or is a cell
    of a table's row."""
    return candidate.passage.kind == "table" or ends_stopped(candidate.text)


def _opens_list(candidate: Candidate) -> bool:
    return candidate.text.rstrip().endswith(":")


def _repeats(seed: Candidate, runs: list[list[Candidate]], redundancy: float) -> bool:
    return any(float(np.dot(seed.vector, c.vector)) > redundancy for run in runs for c in run)


def pieces_of(run: list[Candidate]) -> list[Piece]:
    """Merge a run into pieces: consecutive uncut sentences form one piece (a paragraph's
    number between them too)."""
    pieces: list[Piece] = []
    for candidate in run:
        if pieces and not candidate.cut and pieces[-1].end <= candidate.start:
            gap = candidate.passage.text[pieces[-1].end : candidate.start].strip()
            if not gap or _PARAGRAPH_NUMBER.fullmatch(gap):
                last = pieces[-1]
                pieces[-1] = Piece(last.passage, last.start, candidate.end, last.cut)
                continue
        pieces.append(Piece(candidate.passage, candidate.start, candidate.end, candidate.cut))
    return pieces
