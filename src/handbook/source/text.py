"""Text normalisation and phrase matching, the same way for every rule.

Chinese has no word boundaries, so a Chinese phrase matches as a substring of the NFKC-folded
text (full- and half-width forms equal). English phrases match case-insensitively on word
boundaries, with typographic apostrophes folded, so "I don’t know" is caught like "I don't know".
A Vale-style `\\b…\\b` around Chinese would never fire; keeping both strategies here, behind one
`PhraseMatcher`, is what prevents that.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")

# Invisible characters that change how text displays or compares: zero-width and bidi controls.
CONTROL_RE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """NFKC fold (full-width → half-width, compatibility forms) and straight apostrophes.

    Cached: every rule matches against the same texts, several times each."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def latin_count(text: str) -> int:
    return len(LATIN_RE.findall(text))


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str
    start: int  # index into the *original* text
    end: int


class PhraseMatcher:
    """Finds any of a set of phrases in one language's text."""

    def __init__(self, lang: str, phrases: list[str]) -> None:
        self.lang = lang
        self.phrases = [p for p in phrases if p.strip()]
        parts = []
        for p in sorted(self.phrases, key=len, reverse=True):
            stem = p.strip()
            wildcard = lang == "en" and stem.endswith("*")  # "greet*": greet, greets, greeted…
            norm = re.escape(normalise(stem.rstrip("*")))
            norm = norm.replace(r"\ ", r"\s+")
            if lang == "en":
                norm = rf"{norm}\w*" if wildcard else rf"{norm}(?!\w)"
            parts.append(f"(?P<p{len(parts)}>{norm})")
        ordered = sorted(self.phrases, key=len, reverse=True)
        self._by_group = {f"p{i}": p for i, p in enumerate(ordered)}
        flags = re.IGNORECASE if lang == "en" else 0
        # English phrases start at a word start: one look-behind in front of the alternatives
        # (not one per alternative) makes the search ~4× faster on long texts
        pattern = rf"(?<!\w)(?:{'|'.join(parts)})" if lang == "en" else "|".join(parts)
        self._re = re.compile(pattern, flags) if parts else None

    def find_all(self, text: str) -> list[Match]:
        if self._re is None:
            return []
        norm = normalise(text)
        # NFKC can change lengths (rare: ligatures, some compatibility chars); map back when equal
        same_length = len(norm) == len(text)
        out = []
        for m in self._re.finditer(norm):
            phrase = self._by_group[m.lastgroup or ""]
            start, end = (m.start(), m.end()) if same_length else (0, 0)
            out.append(Match(phrase, start, end))
        return out

    def search(self, text: str) -> Match | None:
        if self._re is None:
            return None
        m = self._re.search(normalise(text))
        return Match(self._by_group[m.lastgroup or ""], m.start(), m.end()) if m else None
