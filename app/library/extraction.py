"""Read one file's text and print a JSON line: run as a child process, so it can be killed.

    python -m app.library.extraction FILE [PARSE_CACHE_FOLDER]

With a cache folder, the blocks read are kept there, so the ingest of the upload reads none.
"""

import json
import sys
from pathlib import Path

from app.errors import UnreadableFileError
from app.ingest.cache import ParsedCache
from app.ingest.readers import read_document


def main(path: str, cache_folder: str = "") -> int:
    """Print {"blocks": n} for a readable file or {"error": reason}; return the exit status."""
    read = ParsedCache(Path(cache_folder)).read if cache_folder else read_document
    try:
        document = read(Path(path), ())
    except (UnreadableFileError, OSError) as exc:
        sys.stdout.write(json.dumps({"error": str(exc)}) + "\n")
        return 1
    sys.stdout.write(
        json.dumps({"blocks": sum(1 for block in document.blocks if block.text.strip())}) + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
