"""Uploaded files copied into one folder under safe names before they are ingested.

The name a browser sends is the user's to choose ("../../evil.txt", ".bashrc", "a<b>.txt"): only its
last path part is kept, only [A-Za-z0-9._-] survive, and it never starts with '.', so every copy
lands inside the staging folder and is never hidden. The name matters: it becomes the meeting's id.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from ingest.errors import UsageError

MAX_NAME_CHARS = 120
FALLBACK_NAME = "upload.txt"


def safe_name(name: str) -> str:
    """'../../evil.txt' -> 'evil.txt'; 'C:\\x\\Council minutes (May).txt' -> 'Council_minutes_May_.txt'."""
    last = re.split(r"[/\\]", name)[-1]
    cleaned = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9._-]", "_", last)).lstrip(".")
    if not cleaned.strip("._-"):
        return FALLBACK_NAME
    if len(cleaned) > MAX_NAME_CHARS:
        stem, dot, suffix = cleaned.rpartition(".")
        keep = suffix[:10] if dot else ""
        cleaned = (stem if dot else cleaned)[: MAX_NAME_CHARS - len(keep) - 1] + (f".{keep}" if keep else "")
    return cleaned


def _free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name-2, name-3 ... when two uploads share a name."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def stage_uploads(files: Sequence[Path], folder: Path, names: Sequence[str] | None = None) -> list[Path]:
    """Copy each file into `folder` under the safe form of its name (`names[i]`, else its own name)."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[Path] = []
    for n, source in enumerate(files):
        target = _free_path(folder, safe_name(names[n] if names else Path(source).name))
        if target.resolve().parent != folder:  # cannot happen after safe_name; checked because it matters
            raise UsageError(f"upload name {target.name!r} escapes the upload folder")
        shutil.copyfile(source, target)
        staged.append(target)
    return staged
