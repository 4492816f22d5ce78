"""Both languages really present: English that is Chinese, Chinese with no Chinese, and
invisible control characters (zero-width, bidi overrides) that make text lie about itself."""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from ...content.model import Sop, Text
from ...source.diagnostics import RuleId, Sink
from ...source.text import (
    CONTROL_RE,
    HAN_RE,
    HANGUL_RE,
    KANA_RE,
    LATIN_RE,
    cjk_count,
    han_count,
    has_words,
    latin_count,
)
from .base import Context

I18N_UNTRANSLATED = RuleId("i18n.untranslated", "English that is Chinese, or Chinese with no Chinese")
TEXT_CONTROL_CHAR = RuleId("text.control-char", "an invisible zero-width or bidirectional control character")


def untranslated(text: Text, en_may_have_han: bool = True) -> str | None:
    """Why this pair is not really translated, or None. (Searches first: counting is only
    needed in the rare case that the English text contains Chinese at all.)"""
    zh, en = text.zh.strip(), text.en.strip()
    if en_may_have_han and HAN_RE.search(en) and han_count(en) >= latin_count(en):
        return "the en text is Chinese; write it in English"
    if (KANA_RE.search(en) or HANGUL_RE.search(en)) and cjk_count(en) >= latin_count(en):
        return "the en text is Japanese or Korean; write it in English"
    if not HAN_RE.search(zh) and LATIN_RE.search(zh):
        return "the zh text contains no Chinese; write it in Chinese"
    for lang, value in (("zh", zh), ("en", en)):
        if value and not has_words(value):
            return f"the {lang} text has no words, only punctuation or blank-looking characters; write the text"
    if is_pinyin(en):
        return "the en text is Pinyin (Chinese in Latin letters); write it in English"
    if zh == en and latin_count(zh) > 3:
        return "the zh and en texts are identical; translate one of them"
    return None


# Pinyin: tone marks English never uses (macron and caron vowels, ü with a tone), or a text
# whose every word is a run of Pinyin syllables and none is a common English word.
_TONED = re.compile("[āēīōūǖǎěǐǒǔǚǘǜ]")
_SYLLABLE = (r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
             r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ao|an|ei|en|er|ia|ie|in|iu"
             r"|ou|ua|ui|un|uo|ue|a|e|i|o|u|ü)")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE})+", re.IGNORECASE)
_ENGLISH = frozenset({"a", "an", "and", "are", "be", "can", "do", "for", "go", "he", "i", "in", "is", "it",
                      "me", "my", "no", "of", "on", "or", "our", "so", "the", "to", "we", "you", "your",
                      "see", "she", "her", "his", "him", "how", "now", "new", "one", "two", "yes"})


def is_pinyin(text: str) -> bool:
    """Whether an English text is Chinese written in Latin letters: every word a run of Pinyin
    syllables, and either tone marks only Pinyin uses (ā, ǎ), tone marks on three words or
    more (nín hǎo…, not café résumé), or, without tone marks, three words none of which is a
    common English word."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    words = re.findall(r"[A-Za-z']+", plain)
    if not words or re.search(r"[^\sA-Za-z',.!?;:\-]", plain):
        return False
    if not all(_PINYIN_WORD.fullmatch(w.replace("'", "")) for w in words):
        return False
    toned = sum(1 for w in re.findall(r"\S+", text) if unicodedata.normalize("NFD", w) != w)
    if _TONED.search(text) or toned >= 3:
        return True
    return len(words) >= 3 and not any(w.lower() in _ENGLISH for w in words)


class Translation:
    ids: ClassVar[tuple[RuleId, ...]] = (I18N_UNTRANSLATED,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        # one scan of all English text first: usually none of it has a Chinese character
        en_han = HAN_RE.search("\0".join(t.en for _, t in sop.texts())) is not None
        for label, text in sop.texts():
            why = untranslated(text, en_han)
            if why:
                lang = "zh" if "zh text" in why else "en"
                sink.at(text.pos(lang), I18N_UNTRANSLATED, f"{label}: {why}")


class ControlCharacters:
    ids: ClassVar[tuple[RuleId, ...]] = (TEXT_CONTROL_CHAR,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        if not CONTROL_RE.search(sop.all_text().replace("\0", "")):
            return  # the usual case, decided in one scan
        for label, text in sop.texts():
            for lang in ("zh", "en"):
                m = CONTROL_RE.search(text.get(lang))
                if m:
                    sink.at(text.pos(lang, m.start()), TEXT_CONTROL_CHAR,
                            f"{label}: {lang} text contains the invisible character "
                            f"U+{ord(m.group()):04X}; delete it")
