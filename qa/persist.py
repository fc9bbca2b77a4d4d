"""Writing an index folder so that a reader sees the old folder or the new one, never a mix.

Files are written into a temporary sibling folder, which is then renamed into place; the old
folder is renamed aside first and removed after. The only gap is between two renames in the
same directory, and a reader that finds the folder missing finds the aside copy (`recover`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.errors import StoreError


def replace_folder(target: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp_folder), fsync its files, then swap tmp_folder into target."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        write(tmp)
        for path in tmp.rglob("*"):
            if path.is_file():
                with path.open("rb") as handle:
                    os.fsync(handle.fileno())
        aside = None
        if target.exists():
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            aside.rmdir()
            os.replace(target, aside)
        os.replace(tmp, target)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def recover(target: Path) -> Path:
    """The folder to read: target, or the copy set aside by a save that stopped between renames."""
    target = Path(target)
    if target.exists():
        return target
    asides = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if asides:
        os.replace(asides[-1], target)
        return target
    raise StoreError(f"no index at {target}")


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"unreadable index file {path}: {error}") from None
