"""Count the words the PDF reader splits or joins, per PDF of a corpus folder.

Reads every PDF with the project's reader and counts, in its blocks' text:
- split words: two neighbouring tokens whose concatenation is a word the same document
  uses elsewhere while one of the pieces occurs nowhere else ("Unit ed", "in novation");
- split compounds: a letter, a space, then a hyphen or dash joined to a word ("long -term");
- split numbers: a point inside a number followed by a space ("40. 0", "Outcome 2. 4");
- joined sentences: a full stop or bracket glued to a capitalised word ("2023).United").
Each count is followed by a few examples, to be read.

    PYTHONPATH=$PWD python scripts/pdf_word_splits.py --corpus eval/realdocs
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.ingest.pdf import read_pdf

_TOKEN = re.compile(r"[^\W\d_]+")
_PATTERNS = {
    "split compounds": re.compile(r"[^\W\d_] [-–][^\W\d_]"),
    "split numbers": re.compile(r"\d\. \d"),
    "joined sentences": re.compile(r"[a-z\d][.)]{1,2}[A-Z][a-z]{2,}"),
}


def count(texts: list[str]) -> dict[str, list[str]]:
    """Return each kind of defect with the places it was found."""
    tokens = [t.lower() for text in texts for t in _TOKEN.findall(text)]
    words = Counter(tokens)
    found: dict[str, list[str]] = {"split words": []}
    for text in texts:
        for match in re.finditer(r"([^\W\d_]+) ([^\W\d_]+)", text):
            a, b = match.group(1).lower(), match.group(2).lower()
            if words[a + b] and min(words[a], words[b]) <= 1:
                found["split words"].append(match.group(0))
        for name, pattern in _PATTERNS.items():
            found.setdefault(name, []).extend(
                text[max(0, m.start() - 8) : m.end() + 4] for m in pattern.finditer(text)
            )
    return found


def main() -> None:
    """Print the counts per PDF and in all."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("eval/realdocs"))
    args = parser.parse_args()
    total: Counter[str] = Counter()
    for path in sorted(args.corpus.rglob("*.pdf")):
        document = read_pdf(path.read_bytes())
        found = count([b.text for b in document.blocks])
        print(path.name)
        for name, places in found.items():
            total[name] += len(places)
            print(f"  {name}: {len(places)}  {places[:6]}")
    print("all PDFs:", dict(total))


if __name__ == "__main__":
    main()
