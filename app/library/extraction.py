"""Read one file's text and print a JSON line: run as a child process, so it can be killed."""

import json
import sys
from pathlib import Path

from app.errors import UnreadableFileError
from app.ingest.readers import read_lines


def main(path: str) -> int:
    """Print {"lines": n} for a readable file or {"error": reason}; return the exit status."""
    try:
        lines = read_lines(Path(path))
    except (UnreadableFileError, OSError) as exc:
        sys.stdout.write(json.dumps({"error": str(exc)}) + "\n")
        return 1
    sys.stdout.write(json.dumps({"lines": sum(1 for line in lines if line.text.strip())}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
