"""The "Quality and safety" page: what the test suite proves, with the figures of its last run.

The figures come from `quality/last-run.json`, written by a full, green `make test`; the page
says so plainly when there is no recorded run.
"""

from __future__ import annotations

from typing import Any

from ..checks.registry import RULE_IDS
from .escape import md_text
from .sop_pages import front_matter

AREAS: list[tuple[str, dict[str, str], dict[str, str]]] = [
    ("rules", {"zh": "检查规则", "en": "Checker rules"}, {
        "zh": "每条规则（共 {rules} 条）都有一个必须报错的样例和一个不得报错的样例，"
              "报错的行号、列号和规则编号逐字比对。",
        "en": "Each of the {rules} rules has a sample that must be reported, at an exact line, column and rule "
              "id, and one that must not.",
    }),
    ("fuzz.structure", {"zh": "随机结构的 SOP", "en": "Randomly structured SOPs"}, {
        "zh": "随机生成结构的 SOP 文档：检查器从不崩溃、每个文件不超过 5 秒；"
              "被接受的文档一定也能通过独立的 JSON Schema 校验。",
        "en": "Documents of random structure: the checker never crashes and takes under 5 seconds a file; any "
              "document it accepts also passes an independent JSON Schema validator.",
    }),
    ("fuzz.sop-bytes", {"zh": "逐字节损坏的真实 SOP", "en": "Real SOPs corrupted byte by byte"}, {
        "zh": "随机翻转、插入、删除、复制字节：结构一旦改变就必须报错；只有文字内容变化的文件才可能通过。",
        "en": "Bytes flipped, inserted, deleted or duplicated: any change of structure must be reported; only "
              "files whose text alone changed may pass.",
    }),
    ("fuzz.standards-bytes", {"zh": "逐字节损坏的标准文件", "en": "Standards files corrupted byte by byte"}, {
        "zh": "同样的损坏施加在 standards/ 的规则文件上：给出定位错误，绝不悄悄改变规则。",
        "en": "The same corruption applied to the rules in standards/: located errors, never a silently "
              "changed rule.",
    }),
    ("fuzz.hook", {"zh": "构建钩子", "en": "The build hook"}, {
        "zh": "在损坏的仓库上运行 MkDocs 钩子：要么正常构建，要么给出一行清楚的失败信息，从不出现 Python 回溯。",
        "en": "The MkDocs hook on corrupted repositories: it builds, or stops with one clear line; never a "
              "Python traceback.",
    }),
    ("hostile.inputs", {"zh": "恶意内容", "en": "Hostile content"}, {
        "zh": "脚本和 HTML、javascript: 链接、模板语法、零宽和双向控制字符、10 万字符的行、10 MB 文件、1 万个步骤、"
              "深层嵌套、别名炸弹：每一种都以定位错误结束，或作为转义后的文字显示。",
        "en": "Script and HTML, javascript: links, template syntax, zero-width and bidi control characters, "
              "100,000-character lines, a 10 MB file, 10,000 steps, deep nesting, alias bombs: each ends in a "
              "located error or is shown as escaped text.",
    }),
]

ALWAYS = {
    "zh": [
        "构建失败时（内容错误，或构建后期的任何失败），原有网站逐字节保持不变；成功时才整体替换。",
        "在 mkdocs serve 下连续保存无效的 SOP：终端显示错误，浏览器继续看到上一次正确的页面；修好后自动恢复。",
        "浏览器测试（无头 Chromium）：中文搜索“投诉”“退货”“老年”找到对应 SOP；英文搜索只返回英文页面；"
        "语言切换停留在同一页；每张检查表打印为一页 A4；375 像素宽的手机屏幕无横向滚动；"
        "axe-core 在首页、SOP 页和检查表页（两种语言）没有严重或关键问题；仅用键盘可以搜索和切换语言；"
        "打印的检查表在灰度下对比度足够；从磁盘直接打开的网站副本仍可浏览和搜索。",
        "网站不从外部加载任何字体、脚本、样式或图片。",
    ],
    "en": [
        "When a build fails (a content error, or any failure late in the build), the existing site stays "
        "byte-for-byte as it was; a successful build replaces it in one step.",
        "Under mkdocs serve, rapid saves of invalid SOPs show the errors in the terminal while the browser "
        "keeps the last good pages; fixing the file recovers the site by itself.",
        "Browser tests (headless Chromium): Chinese searches for 投诉, 退货 and 老年 find the right SOPs; English "
        "searches return English pages only; the language switcher stays on the same page; every checklist "
        "prints on one A4 page; no horizontal scrolling on a 375-pixel phone screen; axe-core finds no serious "
        "or critical issue on the home, an SOP and a checklist page in both languages; search and the "
        "language switch work with the keyboard alone; printed checklists keep their contrast in grayscale; a "
        "copy of the site opened from disk still navigates and searches.",
        "The site loads no font, script, stylesheet or image from outside itself.",
    ],
}

WORDS = {
    "zh": {"title": "质量与安全", "intro": "本页列出自动化测试证明了什么。下面的数字来自最近一次完整通过的测试运行",
           "none": "尚无记录的完整测试运行；运行 make test 后会生成数字。", "always": "每次运行都验证",
           "figures": "数字", "tests": "测试"},
    "en": {"title": "Quality and safety", "intro": "What the automated tests prove. The figures come from the "
           "last full, green test run", "none": "No full test run has been recorded yet; make test records one.",
           "always": "Checked on every run", "figures": "Figures", "tests": "tests"},
}


def _figures(values: dict[str, Any]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in values.items())


def quality_page(report: dict[str, Any] | None, lang: str) -> str:
    w = WORDS[lang]
    out = [front_matter(w["title"])]
    figures: dict[str, Any] = (report or {}).get("figures", {}) if isinstance(report, dict) else {}
    if report and isinstance(report.get("tests"), dict):
        tests = report["tests"]
        out.append(md_text(f"{w['intro']} ({report.get('date', '?')}, commit {report.get('commit', '?')}: "
                           f"{tests.get('passed', 0)} {w['tests']} passed, {tests.get('failed', 0)} failed).")
                   + "\n\n")
    else:
        out.append(md_text(w["none"]) + "\n\n")
    for key, title, text in AREAS:
        out.append(f"## {md_text(title[lang])}\n\n{md_text(text[lang].format(rules=len(RULE_IDS)))}\n\n")
        if isinstance(figures.get(key), dict):
            out.append(f"**{md_text(w['figures'])}:** {md_text(_figures(figures[key]))}\n\n")
    out.append(f"## {md_text(w['always'])}\n\n")
    out.extend(f"- {md_text(line)}\n" for line in ALWAYS[lang])
    return "".join(out)
