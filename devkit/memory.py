"""Resident memory of a process, read from /proc."""

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Memory:
    """Resident memory now and at its peak, in MiB."""

    rss_mib: float
    peak_rss_mib: float


def read_memory(pid: int) -> Memory:
    """Read VmRSS and VmHWM of process `pid`."""
    status = Path(f"/proc/{pid}/status").read_text()
    values = {}
    for key in ("VmRSS", "VmHWM"):
        found = re.search(rf"{key}:\s*(\d+) kB", status)
        if found is None:
            raise RuntimeError(f"/proc/{pid}/status has no {key}")
        values[key] = int(found.group(1)) / 1024
    return Memory(values["VmRSS"], values["VmHWM"])
