"""The repository is self-contained: no tracked file refers to a path outside it."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Written in pieces so that this file does not match its own patterns.
SLASH = "/"
OUTSIDE = re.compile(
    "|".join(
        [
            r"(?<![\w.])\.\." + SLASH + r"shared\b",  # a folder beside the clone
            r"(?<![\w.])" + SLASH + r"work" + SLASH,  # the machine this was written on
            r"(?<![\w.~])" + SLASH + r"(?:home|Users)" + SLASH + r"[A-Za-z_][\w.-]*",
            r"(?<![\w.])" + SLASH + r"root" + SLASH,
        ]
    )
)


def tracked_files() -> list[Path]:
    """List the files git tracks in this checkout."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def outside_references(path: Path) -> list[str]:
    """Return the lines of a text file that name a path outside the repository."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        return []  # binary files (PDFs) and files deleted in the work tree
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}"
        for number, line in enumerate(text.splitlines(), 1)
        if OUTSIDE.search(line)
    ]


def test_no_tracked_file_refers_to_a_path_outside_the_repository() -> None:
    found = [hit for path in tracked_files() for hit in outside_references(path)]
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        "questions = ROOT.parent / 'shared' / 'eval'",  # no slash written: not a path
        "python scripts/evaluate.py --questions eval/dev.jsonl",
        "see https://example.org/work/in-progress",
    ],
)
def test_paths_inside_the_repository_pass(line: str) -> None:
    assert not OUTSIDE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "--questions .." + SLASH + "shared/eval/dev.jsonl",
        "PYTHONPATH=" + SLASH + "work" + SLASH + "main python -m pytest",
        "cd " + SLASH + "home" + SLASH + "alice/docqa",
    ],
)
def test_paths_outside_the_repository_are_found(line: str) -> None:
    assert OUTSIDE.search(line)
