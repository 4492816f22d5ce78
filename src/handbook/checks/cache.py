"""A cache of per-file SOP check results, so a repeated `handbook check` only re-reads what
changed (the way ruff or mypy cache).

A record is reused only when the file's bytes, its path, the standards' bytes and the checker's
own source are all unchanged, so a hit gives exactly what a fresh check would. Anything that
depends on other files or on the date (references, unique ids, review dates) is never cached:
it is recomputed from the records every time. The cache is JSON (no pickle: nothing from the
cache folder is ever executed) and lives in `.handbook-cache/`, which git ignores.

A cache must never turn an error into a pass, and a repository can carry a `.handbook-cache/`
(committed with `git add -f`, or left in a shared checkout) whose keys anyone can compute. So
the file is signed with HMAC-SHA256 under a random key that lives outside every repository,
in the user's cache folder (`$XDG_CACHE_HOME/service-handbook/cache-key`, mode 0600): a cache
written anywhere else, or edited by hand, fails the signature and is ignored. Where no such key
can be kept (a read-only home, or a key folder inside the repository), nothing is cached.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..source.diagnostics import Diagnostic, Severity
from ..source.files import Unreadable, read_regular
from .records import SopRecord
from .stale import REVIEWS_FILE

CACHE_DIR = ".handbook-cache"
CACHE_FILE = "sop-records.json"
KEY_DIR_ENV = "HANDBOOK_CACHE_KEY_DIR"  # where the signing key lives (default: the user's cache folder)


def key_file() -> Path:
    folder = os.environ.get(KEY_DIR_ENV)
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "service-handbook")
    return Path(folder) / "cache-key"


def signing_key(root: Path) -> bytes | None:
    """This user's key, created on first use; None where it cannot be kept out of `root`."""
    path = key_file()
    try:
        if located_under(path, root):
            return None  # a key the repository could carry signs nothing
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            key = read_regular(path, 64)
            return key if len(key) >= 32 else None
        with os.fdopen(fd, "wb") as out:
            key = secrets.token_bytes(32)
            out.write(key)
        return key
    except (OSError, Unreadable):
        return None


def located_under(path: Path, root: Path) -> bool:
    try:
        Path(os.path.abspath(path)).resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _sign(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


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
    """The standards the per-file checks read (translation reviews are read after them)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted((root / "standards").glob("*.yml")):
        if path.name == Path(REVIEWS_FILE).name:
            continue
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
        self.key = signing_key(root)
        if self.key is not None:
            self.entries = self._load(self.key)

    def _load(self, key: bytes) -> dict[str, dict[str, Any]]:
        """The entries of a cache this user's key signed for this version; {} for anything else
        (no cache, an unreadable or forged one, an old format): then everything is checked."""
        try:
            signed = json.loads(read_regular(self.path).decode("utf-8"))
            payload, mac = signed["payload"], signed["mac"]
            if not (isinstance(payload, str) and isinstance(mac, str)
                    and hmac.compare_digest(mac, _sign(key, payload))):
                return {}
            stored = json.loads(payload)
        except (Unreadable, ValueError, KeyError, TypeError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

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
        if self.key is None:
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            payload = json.dumps({"version": self.version, "entries": self.fresh}, ensure_ascii=False)
            tmp.write_text(json.dumps({"mac": _sign(self.key, payload), "payload": payload}, ensure_ascii=False),
                           encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # a read-only checkout simply runs without a cache
