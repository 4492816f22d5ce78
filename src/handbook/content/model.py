"""The typed view of an SOP that rules and renderers work on, built from the located tree.

Building is tolerant: the schema check has already reported what is malformed, so here a
malformed part simply becomes None or is skipped, and the rules still run on everything that
is well formed — one run reports every problem, as jsonschema's `iter_errors` does.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ..source.tree import Mapping, Node, Scalar, Sequence, field_node, key_node, parse_date, scalar_text, strings_of

LANGS = ("zh", "en")

# What `handbook new` writes where the author still has to write a text.
PLACEHOLDER_MARKERS = ("【待填写", "[TO FILL:")


def is_placeholder(text: str) -> bool:
    return any(marker in text for marker in PLACEHOLDER_MARKERS)


@dataclass(frozen=True, slots=True)
class Text:
    """A bilingual text; `nodes` locate each language's scalar when it came from a file."""

    zh: str
    en: str
    zh_node: Scalar | None = None
    en_node: Scalar | None = None

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def node(self, lang: str) -> Scalar | None:
        return self.zh_node if lang == "zh" else self.en_node

    def pos(self, lang: str, index: int = 0) -> tuple[int, int]:
        """Position of character `index` of one language's text (start of the scalar if unknown)."""
        n = self.node(lang)
        if n is None:
            return (1, 1)
        if n.base_col is not None and index and n.text == self.get(lang):  # (not after a value was put in)
            return (n.line, n.base_col + index)
        return (n.line, n.col)


# A reference to one of the mall's own values (standards/mall.yml), e.g. {{ mall.return_days }}
REFERENCE_RE = re.compile(r"\{\{\s*mall\.([^{}\s]*)\s*\}\}")


def resolve(text: str, lang: str, values: dict[str, Text]) -> str:
    """The text with each known mall value put in; an unknown reference stays as written (the
    checker reports it, located)."""
    if "{{" not in text:
        return text
    return REFERENCE_RE.sub(lambda m: values[m.group(1)].get(lang) if m.group(1) in values else m.group(0), text)


def text_of(node: Node | None, values: dict[str, Text] | None = None) -> Text | None:
    """A Text from a `{zh, en}` mapping, or None when either language is absent or not text.
    With `values`, the mall's values are put in where the text refers to them."""
    if not isinstance(node, Mapping):
        return None
    zh = node.items.get("zh", (None, None))[1]
    en = node.items.get("en", (None, None))[1]
    if not isinstance(zh, Scalar) or not isinstance(en, Scalar):
        return None
    if values is not None and ("{{" in zh.text or "{{" in en.text):
        return Text(resolve(zh.text, "zh", values), resolve(en.text, "en", values), zh, en)
    return Text(zh.text, en.text, zh, en)


def texts_of(node: Node | None, values: dict[str, Text] | None = None) -> list[Text]:
    if not isinstance(node, Sequence):
        return []
    return [t for t in (text_of(n, values) for n in node.items) if t is not None]


@dataclass(slots=True)
class Step:
    id: str | None
    kind: str | None
    title: Text | None
    do: list[Text]
    say: list[Text]
    check: list[Text]
    within: str | None
    escalate_to: str | None
    node: Mapping

    def at(self, key: str) -> tuple[int, int]:
        n = field_node(self.node, key) or key_node(self.node, key) or self.node
        return (n.line, n.col)


@dataclass(slots=True)
class Sop:
    path: str  # as displayed in diagnostics, relative to the project root
    stem: str
    root: Mapping
    id: str | None
    category: str | None
    version: str | None
    effective: _dt.date | None
    review_by: _dt.date | None
    owner: Text | None
    roles: list[str]
    title: Text | None
    purpose: Text | None
    steps: list[Step]
    related: list[str]
    nodes: dict[str, Node] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the source, for checks YAML events cannot see
    _texts: list[tuple[str, Text]] | None = None
    _all_text: str | None = None
    _placeholders: bool | None = None

    def at(self, key: str) -> tuple[int, int]:
        """Position of a top-level value (or the file start if absent)."""
        n = self.nodes.get(key) or self.root
        return (n.line, n.col)

    def all_text(self) -> str:
        """Every text of the SOP in one string (NUL-separated), for fast "is X anywhere" tests."""
        if self._all_text is None:
            self._all_text = "\0".join(t.zh + "\0" + t.en for _, t in self.texts())
        return self._all_text

    def has_placeholders(self) -> bool:
        """Whether a placeholder of `handbook new` is still unfilled anywhere (computed once:
        several rules wait for the skeleton to be filled in before they judge completeness)."""
        if self._placeholders is None:
            self._placeholders = is_placeholder(self.all_text())
        return self._placeholders

    def texts(self) -> list[tuple[str, Text]]:
        """Every bilingual text with a short label saying where it is (computed once)."""
        if self._texts is not None:
            return self._texts
        out: list[tuple[str, Text]] = []
        for label, t in (("owner", self.owner), ("title", self.title), ("purpose", self.purpose)):
            if t is not None:
                out.append((label, t))
        for i, s in enumerate(self.steps, 1):
            if s.title is not None:
                out.append((f"step {i} title", s.title))
            for part in ("do", "say", "check"):
                out.extend((f"step {i} {part}", t) for t in getattr(s, part))
        self._texts = out
        return out


def build_sop(path: str, stem: str, root: Mapping, lines: list[str] | None = None,
              values: dict[str, Text] | None = None) -> Sop:
    """The model of one SOP; `values` (the mall's own values) are put into its texts."""
    nodes = {k: v for k, (_, v) in root.items.items()}

    def date(key: str) -> _dt.date | None:
        t = scalar_text(nodes.get(key))
        return parse_date(t) if t else None

    steps = []
    steps_node = nodes.get("steps")
    for item in steps_node.items if isinstance(steps_node, Sequence) else []:
        if not isinstance(item, Mapping):
            continue
        steps.append(Step(
            id=scalar_text(field_node(item, "id")),
            kind=scalar_text(field_node(item, "kind")),
            title=text_of(field_node(item, "title"), values),
            do=texts_of(field_node(item, "do"), values),
            say=texts_of(field_node(item, "say"), values),
            check=texts_of(field_node(item, "check"), values),
            within=scalar_text(field_node(item, "within")),
            escalate_to=scalar_text(field_node(item, "escalate_to")),
            node=item,
        ))
    return Sop(
        path=path,
        stem=stem,
        root=root,
        id=scalar_text(nodes.get("id")),
        category=scalar_text(nodes.get("category")),
        version=scalar_text(nodes.get("version")),
        effective=date("effective"),
        review_by=date("review_by"),
        owner=text_of(nodes.get("owner"), values),
        roles=[s for s, _ in strings_of(nodes.get("roles"))],
        title=text_of(nodes.get("title"), values),
        purpose=text_of(nodes.get("purpose"), values),
        steps=steps,
        related=[s for s, _ in strings_of(nodes.get("related"))],
        nodes=nodes,
        lines=lines or [],
    )
