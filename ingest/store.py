"""The meeting store: one JSON record per meeting, written to a temp file and renamed into place.

A reader never sees half a record, a crash mid-write leaves the previous record, and the
record's sha256 makes re-ingesting an unchanged file a no-op.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ingest.errors import NotFoundError, StoreError
from ingest.model import Meeting
from ingest.serialise import meeting_from_dict, meeting_to_dict

DEFAULT_STORE = Path("data") / "store"


def default_store_dir() -> Path:
    """MINUTES_KG_STORE, else data/store under the current folder."""
    env = os.environ.get("MINUTES_KG_STORE")
    return Path(env) if env else DEFAULT_STORE


class MeetingStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.meetings_dir = self.root / "meetings"
        try:
            self.meetings_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create store folder {self.root}: {error.strerror}") from None

    def _path(self, meeting_id: str) -> Path:
        return self.meetings_dir / f"{meeting_id}.json"

    def sha256_of(self, meeting_id: str) -> str | None:
        """The stored source hash; None when the meeting is not stored."""
        path = self._path(meeting_id)
        if not path.exists():
            return None
        try:  # the hash alone: no need to rebuild the whole Meeting, as every ingest asks this of every record
            return str(json.loads(path.read_text(encoding="utf-8"))["sha256"])
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"corrupt record {path}: {error}") from None

    def put(self, meeting: Meeting) -> None:
        """Write atomically: temp file in the same folder, fsync, rename over the old record."""
        data = json.dumps(meeting_to_dict(meeting), ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(prefix=f".{meeting.id}.", suffix=".tmp", dir=self.meetings_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path(meeting.id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, meeting_id: str) -> Meeting:
        path = self._path(meeting_id)
        if not path.exists():
            raise NotFoundError(f"no meeting {meeting_id!r} in store {self.root}")
        try:
            return meeting_from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"corrupt record {path}: {error}") from None

    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.meetings_dir.glob("*.json"))

    def __iter__(self) -> Iterator[Meeting]:
        for meeting_id in self.ids():
            yield self.get(meeting_id)

    def find(self, ref: str) -> Meeting:
        """A meeting by id, IRI, or the name (or path) of the file it came from."""
        from ingest.parser import meeting_id as id_for

        candidates = [ref.rstrip("/").rsplit("/", 1)[-1], id_for(Path(ref).name)]
        for candidate in candidates:
            if self._path(candidate).exists():
                return self.get(candidate)
        raise NotFoundError(f"no meeting for {ref!r} in store {self.root}")
