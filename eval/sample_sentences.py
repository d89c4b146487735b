"""Draw the seeded sentence sample that `sentence-roles.jsonl` was labelled from.

Each document is read and cleaned the way ingest reads it (`read_document` then
`section_blocks`), every block is split with `split_sentences`, and a seeded random
sample is drawn over all the sentences of the document. Pull-quote blocks (re-assembled
from a sidebar) are skipped, as are sentences whose normalised text (asterisks of Markdown emphasis
removed) is not found in the document itself. The output has no labels: roles were added by hand afterwards.
The labelled sample was drawn with the line-based readers that came before the block readers, so
a run today may draw a slightly different set of sentences.

    PYTHONPATH=$PWD python eval/sample_sentences.py corpus/uncommon-alliances-2012.txt 100
"""

import json
import random
import sys
from pathlib import Path

from app.evaluation.devset import unmarked
from app.ingest.readers import read_document
from app.ingest.sections import section_blocks
from app.ingest.sentences import split_sentences

SEED = 9


def document_text(path: Path) -> str:
    """The text a span is looked up in: the file itself, or what pypdf / bs4 extract."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    return path.read_text(encoding="utf-8")


def sentences(path: Path) -> list[dict[str, str]]:
    found = unmarked(document_text(path))
    rows = []
    for block in section_blocks(read_document(path)):
        if block.kind == "quote":
            continue
        previous = ""
        for start, end in split_sentences(block.text):
            text = block.text[start:end]
            if unmarked(text) in found:
                rows.append({"document": path.stem, "text": text, "previous": previous})
            previous = text
    return rows


def main() -> None:
    path, count = Path(sys.argv[1]), int(sys.argv[2])
    rows = sentences(path)
    chosen = sorted(random.Random(SEED).sample(range(len(rows)), min(count, len(rows))))
    sys.stderr.write(f"{len(rows)} sentences, {len(chosen)} drawn\n")
    for index in chosen:
        sys.stdout.write(json.dumps({"index": index, **rows[index]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
