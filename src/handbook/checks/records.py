"""What the cross-file checks need of one SOP file: a small, picklable record.

Kept apart from the per-file check so that the cross-file rules (references, review dates)
and the result cache can use it without importing the check that produces it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..source.diagnostics import Diagnostic


@dataclass(slots=True)
class SopRecord:
    """One SOP file as the cross-file checks see it: small and picklable."""

    path: str
    stem: str
    readable: bool = False  # parsed into a mapping (an unreadable file still "exists" for links)
    id: str | None = None
    id_pos: tuple[int, int] = (1, 1)
    refs: list[tuple[str, str, int, int]] = field(default_factory=list)  # (field, target, line, col)
    effective: str | None = None
    review_by: str | None = None
    review_pos: tuple[int, int] = (1, 1)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    key: str = ""  # file_key of the bytes checked: the result cache stores the record under it


def file_key(display: str, data: bytes) -> str:
    """What a cached result is valid for: this path with exactly these bytes."""
    return hashlib.blake2b(display.encode() + b"\0" + data, digest_size=16).hexdigest()
