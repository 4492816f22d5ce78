"""`handbook fix`: repair what is mechanical and unambiguous, and nothing else.

Three repairs, each proven safe before it is kept:

* a block-style text (`en: Press #1 for help`, `zh: 注意: 请排队`) that YAML would cut at ` #`
  (the rest becomes a comment) or refuse at `: ` gets double quotes around the whole line's
  text — kept only if YAML then reads exactly the text as written;
* a one-line `{zh: 您好,请您慢慢说, en: …}` that YAML splits at the half-width comma gets its
  texts quoted — kept only if YAML then reads exactly the two intended texts;
* Chinese text gets full-width punctuation where a half-width mark touches a Chinese
  character (您好,请 → 您好，请) — done through a round-trip YAML library (ruamel.yaml), so
  comments, quotes and layout stay as they were; kept only if no other line changed.

Anything else (a meaning to guess, a layout that would move) is left for the author.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from dataclasses import dataclass, field

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError

from ..source.text import HAN_RE

_FLOW_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?(?:[A-Za-z_]+:\s+)?)\{(?P<body>.*)\}(?P<tail>\s*(?:#.*)?)$")
_FOLD = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）"}
_SPACED = set("，：；？！")
_CHINESE_MARKS = set("，。？！：；（）【】「」『』、《》“”")


def _chinese(ch: str) -> bool:
    return bool(ch) and (ch in _CHINESE_MARKS or bool(HAN_RE.match(ch)))


@dataclass
class FixResult:
    """The repaired text, and what could not be repaired (each note names its line)."""

    text: str
    skipped: list[str] = field(default_factory=list)

    def diff(self, original: str, path: str) -> str:
        return "".join(difflib.unified_diff(original.splitlines(keepends=True), self.text.splitlines(keepends=True),
                                            fromfile=f"a/{path}", tofile=f"b/{path}"))


def _needs_quotes(value: str) -> bool:
    return bool(value) and value[0] not in "\"'" and any(c in value for c in ",[]{}#")


def _load_line(line: str) -> object:
    """What YAML reads from one repaired line on its own (a list item's dash dropped), or None:
    a repair is kept only when this is exactly the text the author wrote."""
    probe = line.strip()
    probe = probe[2:] if probe.startswith("- ") else probe
    try:
        return yaml.safe_load(probe)
    except yaml.YAMLError:
        return None


def _quote_split_texts(line: str) -> str | None:
    """The line with its split {zh, en} texts quoted, or None when that is not certain."""
    m = _FLOW_LINE.match(line)
    if not m:
        return None
    body = m["body"]
    first = re.match(r"\s*(zh|en):\s+", body)
    if not first:
        return None
    other = "en" if first.group(1) == "zh" else "zh"
    parts = body[first.end():].rsplit(f", {other}:", 1)
    if len(parts) != 2:
        return None
    values = {first.group(1): parts[0].strip(), other: parts[1].strip()}
    if not any(_needs_quotes(v) for v in values.values()):
        return None
    quoted = {k: json.dumps(v, ensure_ascii=False) if _needs_quotes(v) else v for k, v in values.items()}
    new = f"{m['lead']}{{{first.group(1)}: {quoted[first.group(1)]}, {other}: {quoted[other]}}}{m['tail']}"
    loaded = _load_line(new)
    if isinstance(loaded, dict) and len(loaded) == 1 and isinstance(next(iter(loaded.values())), dict):
        loaded = next(iter(loaded.values()))
    wanted = {k: v if _needs_quotes(v) else yaml.safe_load(v) for k, v in values.items()}
    return new if loaded == wanted else None


_BLOCK_TEXT = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>zh|en):[ \t]+(?P<value>[^\s\"'|>{\[!&*#].*?)\s*$")


def _block_text_cut(line: str) -> re.Match[str] | None:
    """A plain zh/en text on one line that YAML cuts at ` #` or refuses at `: `."""
    m = _BLOCK_TEXT.match(line)
    if m is None:
        return None
    value = m["value"]
    return m if (" #" in value or "\t#" in value or ": " in value or value.endswith(":")) else None


def _continues(lines: list[str], i: int, lead: str) -> bool:
    """Whether the plain text on line i goes on below: YAML folds in any following line that
    is indented deeper than the key (a multi-line plain scalar)."""
    for nxt in lines[i + 1:]:
        if nxt.strip() and not nxt.lstrip().startswith("#"):
            return len(nxt) - len(nxt.lstrip(" ")) > len(lead)
    return False


def _quote_block_texts(lines: list[str], result: FixResult) -> None:
    for i, line in enumerate(lines):
        m = _block_text_cut(line)
        if m is None:
            continue
        if _continues(lines, i, m["lead"]):
            result.skipped.append(f"line {i + 1}: a text over several lines holds ' #' or ': '; "
                                  "put the whole text in double quotes by hand")
            continue
        new = f"{m['lead']}{m['key']}: {json.dumps(m['value'], ensure_ascii=False)}"
        if _load_line(new) == {m["key"]: m["value"]}:
            lines[i] = new
        else:
            result.skipped.append(f"line {i + 1}: could not quote the text safely; quote it by hand")


def fold_punctuation(text: str) -> str:
    """Half-width punctuation touching a Chinese character becomes full-width."""
    if "://" in text:
        return text  # a URL: leave every character alone
    out = []
    for i, ch in enumerate(text):
        prev = out[-1] if out else ""  # already folded: "(新款)." → "（新款）。"
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == " " and prev in _SPACED and prev and _chinese(text[i + 1:i + 2]):
            continue  # "注意: 请" → "注意：请": a full-width mark carries its own space
        if ch in _FOLD and (_chinese(prev) or _chinese(nxt)) and not (prev.isdigit() and nxt.isdigit()):
            out.append(_FOLD[ch])
        elif ch == "." and _chinese(prev) and (not nxt or nxt.isspace() or _chinese(nxt)):
            out.append("。")
        else:
            out.append(ch)
    return "".join(out)


def _round_trip() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 100_000
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _fold_zh(text: str, result: FixResult) -> str:
    y = _round_trip()
    try:
        data = y.load(text)
    except RuamelError:
        return text
    changed_values: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in list(node):
                value = node[key]
                if key == "zh" and isinstance(value, str):
                    folded = fold_punctuation(str(value))
                    if folded != value:
                        node[key] = type(value)(folded)  # keeps a quoted scalar quoted
                        changed_values.append(folded)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    if not changed_values:
        return text
    out = io.StringIO()
    y.dump(data, out)
    new = out.getvalue()
    before, after = text.splitlines(), new.splitlines()
    moved = len(before) != len(after) or any(
        a != b and not any(v in b for v in changed_values) for a, b in zip(before, after, strict=False))
    if moved:
        result.skipped.append("full-width punctuation: the file's layout would change; fix it by hand")
        return text
    return new


def fix_text(text: str) -> FixResult:
    result = FixResult(text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        new = _quote_split_texts(line)
        if new is not None:
            lines[i] = new
    _quote_block_texts(lines, result)
    result.text = _fold_zh("\n".join(lines), result)
    return result
