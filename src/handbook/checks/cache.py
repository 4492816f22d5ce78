"""A cache of per-file SOP check results, so a repeated `handbook check` only re-reads what
changed (the way ruff or mypy cache).

A record is reused only when the file's bytes, its path, the standards' bytes and the checker's
own source are all unchanged, so a hit gives exactly what a fresh check would. Anything that
depends on other files or on the date (references, unique ids, review dates) is never cached:
it is recomputed from the records every time. The cache is JSON (no pickle: nothing from the
cache folder is ever executed) and lives in `.handbook-cache/`, which git ignores.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..source.diagnostics import Diagnostic, Severity
from ..source.files import Unreadable, read_regular
from .records import SopRecord

CACHE_DIR = ".handbook-cache"
CACHE_FILE = "sop-records.json"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the checker's own source: a new version never reuses old results."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]  # the whole handbook package
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def standards_fingerprint(root: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted((root / "standards").glob("*.yml")):
        digest.update(path.name.encode())
        try:
            digest.update(read_regular(path))
        except Unreadable as exc:  # reported by the standards check; never follow a link here
            digest.update(exc.message.encode())
    return digest.hexdigest()


def _to_json(record: SopRecord) -> dict[str, Any]:
    """Field by field (`dataclasses.asdict` deep-copies: 15% of a cold 10,000-SOP check)."""
    out = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "key"}
    out["diagnostics"] = [[d.path, d.line, d.col, d.severity.value, d.rule, d.message] for d in record.diagnostics]
    return out


def _from_json(data: dict[str, Any]) -> SopRecord:
    diags = [Diagnostic(p, line, col, Severity(sev), rule, msg) for p, line, col, sev, rule, msg in data["diagnostics"]]
    return SopRecord(
        path=data["path"], stem=data["stem"], readable=data["readable"], id=data["id"],
        id_pos=tuple(data["id_pos"]), refs=[tuple(r) for r in data["refs"]],  # type: ignore[misc]
        effective=data["effective"], review_by=data["review_by"], review_pos=tuple(data["review_pos"]),
        diagnostics=diags,
    )


class RecordCache:
    def __init__(self, root: Path) -> None:
        self.path = root / CACHE_DIR / CACHE_FILE
        self.version = f"{code_fingerprint()}:{standards_fingerprint(root)}"
        self.entries: dict[str, dict[str, Any]] = {}
        self.fresh: dict[str, dict[str, Any]] = {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(stored, dict) and stored.get("version") == self.version:
                self.entries = stored.get("entries", {})
        except (OSError, ValueError):
            pass  # no cache, or an unreadable one: check everything

    def get(self, key: str) -> SopRecord | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            record = _from_json(entry)
        except (KeyError, TypeError, ValueError):
            return None
        record.key = key
        self.fresh[key] = entry
        return record

    def put(self, key: str, record: SopRecord) -> None:
        self.fresh[key] = _to_json(record)

    def save(self) -> None:
        """Keep only this run's files; write atomically (a crash never leaves half a cache)."""
        try:
            self.path.parent.mkdir(exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": self.version, "entries": self.fresh}, ensure_ascii=False),
                           encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # a read-only checkout simply runs without a cache
