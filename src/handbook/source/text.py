"""Text normalisation and phrase matching, the same way for every rule.

Chinese has no word boundaries, so a Chinese phrase matches as a substring; English phrases
match case-insensitively on word boundaries. Both match on the *folded* text (`fold`), which is
what a reader perceives rather than the code points an author (or an attacker) typed:

* NFKC: full- and half-width forms, compatibility and mathematical letters (𝐜𝐚𝐥𝐦 → calm);
* invisible characters dropped: combining marks, variation selectors, zero-width and format
  characters, blank-looking letters (U+3164 …): `不\u0301知道`, `不\ufe00知道` read as 不知道;
* Chinese: every space and line break dropped (a reader does not see `不 知道` or a folded YAML
  line break as a different phrase), Traditional characters read as Simplified (OpenCC's
  character table: `不歸我管` → 不归我管);
* English: Cyrillic and Greek letters that look like Latin ones read as those (`саlm` → calm),
  typographic apostrophes as `'`.

A Vale-style `\\b…\\b` around Chinese would never fire; keeping both strategies here, behind one
`PhraseMatcher`, is what prevents that. Folding keeps a map back to the original text, so a
match is still reported at the column where the author wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z]")
KANA_RE = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u115e\u1161-\u11ff\u3131-\u3163\u3165-\u318e]")

# Letters that display as nothing: they make a text look empty, or hide inside a phrase.
BLANK_LETTERS = "\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0\u034f"

# Invisible characters that change how text displays or compares: zero-width and bidi controls,
# and the blank-looking letters above.
CONTROL_RE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb" + BLANK_LETTERS + "]"
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

# Cyrillic and Greek letters a reader takes for Latin ones (from Unicode's confusables, the
# letters of the two scripts that have a Latin twin), and a few Latin variants.
_LOOKALIKES = str.maketrans(
    "аВсеһіјкмоԛрѕтухԝүӏԁАСЕНІЈКМОРЅТХУҮԜӀ" "αβεικνορτυχγΑΒΕΖΗΙΚΜΝΟΡΤΥΧ" "ıȷɑɡ",
    "aBcehijkmoqpstyxwyldACEHIJKMOPSTXYYWI" "aBeikvoptuxyABEZHIKMNOPTYX" "ijag",
)


def normalise(text: str) -> str:
    """NFKC fold and straight apostrophes (what `fold` starts from; kept for callers that
    compare whole texts)."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> dict[int, str]:
    """OpenCC's Traditional → Simplified mapping of single characters (one character for one,
    so positions stay put); its phrase tables are not needed to read a character as another."""
    import opencc

    chars = "".join(chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r))
    converted = opencc.OpenCC("t2s.json").convert("\n".join(chars)).split("\n")
    return {ord(a): b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc") or ch in BLANK_LETTERS


@lru_cache(maxsize=65536)
def _fold_char(ch: str, lang: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if _invisible(c) and c not in "\n\t":
            continue
        if lang == "zh":
            if c.isspace():
                continue
            c = _traditional_to_simplified().get(ord(c), c)
        else:
            c = c.translate(_LOOKALIKES)
        out.append(c.translate(_APOSTROPHES))
    return "".join(out)


def fold(text: str, lang: str) -> tuple[str, list[int]]:
    """The text as a reader perceives it, for matching, and for each folded character the index
    of the original character it came from."""
    if text.isascii() and (lang != "zh" or not any(c.isspace() for c in text)):
        return text, list(range(len(text)))
    chars, where = [], []
    for i, ch in enumerate(text):
        folded = _fold_char(ch, lang)
        chars.append(folded)
        where.extend([i] * len(folded))
    return "".join(chars), where


@lru_cache(maxsize=65536)
def folded(text: str, lang: str) -> tuple[str, tuple[int, ...]]:
    """`fold`, cached: every rule matches against the same texts, several times each."""
    norm, where = fold(text, lang)
    return norm, tuple(where)


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def latin_count(text: str) -> int:
    return len(LATIN_RE.findall(text))


def cjk_count(text: str) -> int:
    """Chinese, Japanese and Korean characters: what an English text should not consist of."""
    return han_count(text) + len(KANA_RE.findall(text)) + len(HANGUL_RE.findall(text))


def has_words(text: str) -> bool:
    """Whether the text has a letter or digit a reader can see (not only punctuation, spaces
    or blank-looking characters)."""
    return any(unicodedata.category(c)[0] in "LN" and c not in BLANK_LETTERS for c in text)


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str
    start: int  # index into the *original* text
    end: int


class PhraseMatcher:
    """Finds any of a set of phrases in one language's text, both folded the same way."""

    def __init__(self, lang: str, phrases: list[str]) -> None:
        self.lang = lang
        self.phrases = [p for p in phrases if p.strip()]
        parts = []
        ordered = sorted(self.phrases, key=len, reverse=True)
        for p in ordered:
            stem = p.strip()
            wildcard = lang == "en" and stem.endswith("*")  # "greet*": greet, greets, greeted…
            words = fold(stem.rstrip("*"), lang)[0].split()
            # a run of spaces in a phrase is one `\s+`: `\s+\s+…` backtracks exponentially
            norm = r"\s+".join(re.escape(w) for w in words)
            if lang == "en":
                norm = rf"{norm}\w*" if wildcard else rf"{norm}(?!\w)"
            parts.append(f"(?P<p{len(parts)}>{norm})")
        self._by_group = {f"p{i}": p for i, p in enumerate(ordered)}
        flags = re.IGNORECASE if lang == "en" else 0
        # English phrases start at a word start: one look-behind in front of the alternatives
        # (not one per alternative) makes the search ~4× faster on long texts
        pattern = rf"(?<!\w)(?:{'|'.join(parts)})" if lang == "en" else "|".join(parts)
        self._re = re.compile(pattern, flags) if parts else None

    def find_all(self, text: str) -> list[Match]:
        if self._re is None:
            return []
        norm, where = folded(text, self.lang)
        out = []
        for m in self._re.finditer(norm):
            if m.end() == m.start():
                continue
            phrase = self._by_group[m.lastgroup or ""]
            out.append(Match(phrase, where[m.start()], where[m.end() - 1] + 1))
        return out

    def search(self, text: str) -> Match | None:
        if self._re is None:
            return None
        norm, where = folded(text, self.lang)
        for m in self._re.finditer(norm):
            if m.end() > m.start():
                return Match(self._by_group[m.lastgroup or ""], where[m.start()], where[m.end() - 1] + 1)
        return None


def traditional_to_simplified() -> dict[int, str]:
    """The single-character Traditional → Simplified table (for `str.translate`)."""
    return _traditional_to_simplified()
