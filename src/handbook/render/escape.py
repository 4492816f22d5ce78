"""Author text → safe output. Nothing an author writes may become markup.

Python-Markdown passes raw HTML through, `attr_list` turns `{: onclick=…}` into attributes,
and extensions give meaning to `:`, `=`, `^`, `~`, `|`. So in Markdown context every ASCII
punctuation character is written as a numeric character reference: the reader sees the same
text, and no extension can see syntax in it. In HTML context, `html.escape` is enough.
"""

from __future__ import annotations

import html
import string

_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_MD_TABLE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})


def md_text(text: str) -> str:
    """Author text for a Markdown context (headings, list items, table cells, front matter-free)."""
    return text.translate(_MD_TABLE)


def h(text: str) -> str:
    """Author text for an HTML context (element content or a quoted attribute value)."""
    return html.escape(text, quote=True)
