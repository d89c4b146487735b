"""Describe the machine a benchmark runs on and the load other processes put on it."""

import os
import platform
import re
from importlib import metadata
from pathlib import Path

from devkit.bench import Results

# Distribution names: their versions are read from metadata, without importing them.
PACKAGES = ("torch", "onnxruntime", "faiss-cpu", "bm25s", "sentence-transformers")


def describe_machine() -> Results:
    """Return cores, CPU model, memory, Python and library versions, and the load average."""
    cpu = re.search(r"model name\s*:\s*(.+)", _read("/proc/cpuinfo"))
    memory = re.search(r"MemTotal:\s*(\d+) kB", _read("/proc/meminfo"))
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory_gib": round(int(memory.group(1)) / 2**20, 1) if memory else None,
        "python": platform.python_version(),
        "versions": {name: _version(name) for name in PACKAGES},
        "loadavg_start": os.getloadavg()[0],
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
