"""Both languages really present: English that is Chinese, Chinese with no Chinese, and
invisible control characters (zero-width, bidi overrides) that make text lie about itself."""

from __future__ import annotations

from typing import ClassVar

from ...content.model import Sop, Text
from ...source.diagnostics import RuleId, Sink
from ...source.text import CONTROL_RE, HAN_RE, LATIN_RE, han_count, latin_count
from .base import Context

I18N_UNTRANSLATED = RuleId("i18n.untranslated", "English that is Chinese, or Chinese with no Chinese")
TEXT_CONTROL_CHAR = RuleId("text.control-char", "an invisible zero-width or bidirectional control character")


def untranslated(text: Text, en_may_have_han: bool = True) -> str | None:
    """Why this pair is not really translated, or None. (Searches first: counting is only
    needed in the rare case that the English text contains Chinese at all.)"""
    zh, en = text.zh.strip(), text.en.strip()
    if en_may_have_han and HAN_RE.search(en) and han_count(en) >= latin_count(en):
        return "the en text is Chinese; write it in English"
    if not HAN_RE.search(zh) and LATIN_RE.search(zh):
        return "the zh text contains no Chinese; write it in Chinese"
    if zh == en and latin_count(zh) > 3:
        return "the zh and en texts are identical; translate one of them"
    return None


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
