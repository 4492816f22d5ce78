"""The Traditional Chinese edition's text: the Simplified text converted by OpenCC.

The Traditional edition (`zh-hant/`) is generated, never written: every page, SOP, checklist
and the phrasebook are the Simplified ones converted at build time, with the profile and the
override list of `standards/traditional.yml` (the QA manager's, like every standard). OpenCC
converts phrase by phrase, and in this domain it sometimes picks the wrong character (发卡方 is
the card issuer, 發, not 髮 "hair"); an override protects a Simplified term from OpenCC and puts
its right Traditional form in. Overrides apply longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..source.tree import field_node, items, scalar_text

TRADITIONAL_FILE = "standards/traditional.yml"  # optional: the profile and the override list
PROFILES = ("s2hk", "s2twp", "s2tw", "s2t")
DEFAULT_PROFILE = "s2hk"
EDITION = "zh-hant"

_HAN = {"type": "string", "minLength": 1, "pattern": r"^\S+$"}
TRADITIONAL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "profile": {"enum": list(PROFILES)},
        "overrides": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["zh", "zh-hant"],
                "properties": {"zh": _HAN, "zh-hant": _HAN, "why": {"type": "string"}},
            },
        },
    },
}

# Private-use characters hold an override's place while OpenCC runs: it leaves them alone.
_PLACE = 0xF0000
_HELD = re.compile("[\U000f0000-\U000fffff]")


@lru_cache(maxsize=4)
def _opencc(profile: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(f"{profile}.json")


@dataclass(frozen=True, slots=True)
class Override:
    zh: str
    hant: str
    line: int = 1


@dataclass(slots=True)
class Traditional:
    """How the Simplified text becomes the Traditional edition's."""

    profile: str = DEFAULT_PROFILE
    overrides: list[Override] = field(default_factory=list)
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        terms = sorted({o.zh for o in self.overrides}, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, terms))) if terms else None

    def convert(self, text: str) -> str:
        """`text` in the edition's Traditional script (ASCII, markup and URLs unchanged)."""
        if not text:
            return text
        if self._pattern is None or _HELD.search(text):  # (a text using those characters itself)
            return _opencc(self.profile).convert(text)
        targets = {o.zh: o.hant for o in self.overrides}
        held: list[str] = []

        def hold(match: re.Match[str]) -> str:
            held.append(targets[match.group(0)])
            return chr(_PLACE + len(held) - 1)

        converted = _opencc(self.profile).convert(self._pattern.sub(hold, text))
        return _HELD.sub(lambda m: held[ord(m.group(0)) - _PLACE], converted)

    def plain(self, text: str) -> str:
        """What OpenCC alone makes of `text` (to tell whether an override is needed)."""
        return _opencc(self.profile).convert(text)


def build_traditional(tree: Any) -> Traditional:
    """The conversion from the (schema-checked) tree of standards/traditional.yml."""
    profile = scalar_text(field_node(tree, "profile")) or DEFAULT_PROFILE
    overrides = []
    for item in items(field_node(tree, "overrides")):
        zh, hant = scalar_text(field_node(item, "zh")), scalar_text(field_node(item, "zh-hant"))
        if zh and hant:
            overrides.append(Override(zh, hant, getattr(item, "line", 1)))
    return Traditional(profile if profile in PROFILES else DEFAULT_PROFILE, overrides)
