"""What is known about a text after analysis: its named entities and, per sentence, its role.

Plain frozen dataclasses with no spaCy in them, so the index can store and load them cheaply.
"""

from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["content", "writer", "transition", "question", "fragment", "cutoff"]
ROLES: tuple[Role, ...] = ("content", "writer", "transition", "question", "fragment", "cutoff")


@dataclass(frozen=True)
class Entity:
    """A named entity, date, number or amount: its text, spaCy label and character offsets.

    `label` is spaCy's: PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART, LAW,
    LANGUAGE, DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL or CARDINAL. The offsets are in
    the text that was analysed: the question, or the passage for a sentence's entities.
    """

    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class SentenceFacts:
    """What ingest learned about one sentence of a passage; offsets are in the passage text.

    - `role`: `content`; `writer` (notes, plans, instructions, cross-references: the writer
      talking about the text); `transition`; `question`; `fragment` (no main clause); or
      `cutoff` (breaks off mid-sentence).
    - `leans_on_previous`: it opens with a pronoun, demonstrative or connective whose referent
      is in the sentence before ("This explains why…", "However, …").
    - `trim`: for a writer's lead-in ("I'll explain that X…"), where the whole content
      sentence X starts; None otherwise.
    - `command`: read on its own it is content whose main verb is a bare imperative; in a
      document written as notes to its writer its role is `writer` (see
      `sentence_roles.role_in_document`).
    - `ordinary`: read on its own it is the writer's only by the rules fitted to a draft's
      notes ("As described in Section 2, …", "Note that …"); in an ordinary document its
      role is `ordinary`.
    """

    start: int
    end: int
    role: Role
    leans_on_previous: bool
    trim: int | None
    entities: tuple[Entity, ...]
    command: bool = False
    ordinary: Role | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the facts as a compact JSON-ready dict."""
        return {
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "leans": self.leans_on_previous,
            "trim": self.trim,
            "entities": [[e.text, e.label, e.start, e.end] for e in self.entities],
            **({"command": True} if self.command else {}),
            **({"ordinary": self.ordinary} if self.ordinary else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SentenceFacts":
        """Rebuild facts written by `to_json`."""
        role, ordinary = data["role"], data.get("ordinary")
        for found in (role, ordinary or role):
            if found not in ROLES:
                raise ValueError(f"unknown sentence role {found!r}")
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            role=role,
            leans_on_previous=bool(data["leans"]),
            trim=None if data["trim"] is None else int(data["trim"]),
            entities=tuple(
                Entity(str(t), str(lb), int(s), int(e)) for t, lb, s, e in data["entities"]
            ),
            command=bool(data.get("command", False)),
            ordinary=ordinary,
        )
