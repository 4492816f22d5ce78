"""References to the mall's own values (`{{ mall.key }}`, from standards/mall.yml) resolve.

An SOP says "refunds up to {{ mall.refund_limit_frontline }}" instead of a figure in the
prose, so changing the value in one file changes every page that shows it. A reference to a
value the file does not define would print as written: it is a located error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...content.model import LANGS, REFERENCE_RE, Sop, Text
from ...source.diagnostics import RuleId, Sink
from ...source.schema_report import did_you_mean
from .base import Context
from .refs import REF_UNKNOWN


def unknown_references(text: str, values: dict[str, Text]) -> Iterator[tuple[int, str, str]]:
    """(index, key, message) of each reference to a value that standards/mall.yml lacks."""
    if "{{" not in text:
        return
    for m in REFERENCE_RE.finditer(text):
        key = m.group(1)
        if key not in values:
            known = did_you_mean(key, values) or (f" (known: {', '.join(sorted(values)[:6])}, …)" if values else
                                                  "; standards/mall.yml defines no values")
            yield m.start(), key, f'unknown mall value "{key}" in {{{{ mall.{key} }}}}{known}'


class MallReferences:
    ids: ClassVar[tuple[RuleId, ...]] = (REF_UNKNOWN,)

    def check(self, sop: Sop, ctx: Context, sink: Sink) -> None:
        if "{{" not in sop.all_text():
            return  # the common case, decided in one scan (unknown references stay in the text)
        for label, text in sop.texts():
            for lang in LANGS:
                node = text.node(lang)
                raw = node.text if node is not None else text.get(lang)
                for index, _, msg in unknown_references(raw, ctx.standards.values):
                    pos = (node.line, node.base_col + index) if node is not None and node.base_col else text.pos(lang)
                    sink.at(pos, REF_UNKNOWN, f"{label}: {msg}")
