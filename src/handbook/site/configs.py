"""The MkDocs configs of the editions, read as plain YAML (no MkDocs import needed):
what `handbook pages` rewrites and where the export finds each language's address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .editions import EDITIONS

CONFIGS = {e.code: e.config for e in EDITIONS}  # edition → its MkDocs config, the main one first


def site_config(root: Path, lang: str) -> dict[str, Any]:
    data = yaml.safe_load((root / CONFIGS[lang]).read_text(encoding="utf-8")) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        base = yaml.safe_load((root / parent).read_text(encoding="utf-8")) or {}
        base.update({k: v for k, v in data.items() if k not in ("theme", "extra")})
        base["theme"] = {**base.get("theme", {}), **data.get("theme", {})}
        base["extra"] = {**base.get("extra", {}), **data.get("extra", {})}
        data = base
    return data
