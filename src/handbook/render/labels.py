"""Interface words of the generated pages, per language (content words live in the data)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..content.traditional import EDITION, Traditional

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "handbook": "培训手册",
        "sops": "标准作业程序",
        "sop_index": "SOP 总览",
        "checklists": "检查表",
        "checklist_index": "检查表目录",
        "booklet": "检查表合订本",
        "phrasebook": "礼貌用语",
        "glossary": "术语表",
        "roles": "岗位索引",
        "sources": "资料来源",
        "home": "首页",
        "id": "编号",
        "version": "版本",
        "effective": "生效日期",
        "review_by": "复审日期",
        "owner": "负责部门",
        "roles_label": "适用岗位",
        "category": "类别",
        "purpose": "目的",
        "flow": "流程",
        "steps": "步骤",
        "step": "步骤",
        "do": "怎么做",
        "say": "怎么说",
        "check": "检查要点",
        "within": "时限",
        "escalate": "需要升级时",
        "can_escalate": "可升级",
        "related": "相关 SOP",
        "print_checklist": "打印检查表",
        "open_sop": "查看 SOP",
        "open_checklist": "检查表（可勾选、可打印）",
        "details": "详情",
        "checklist_short": "勾选检查表",
        "ticks_done": "已完成 {done} / {total}",
        "ticks_clear": "清除勾选",
        "ticks_note": "勾选只保存在本机，不会上传；打印出的检查表始终是空白方框。",
        "app_short_name": "服务手册",
        "update_ready": "手册有新版本。",
        "update_reload": "重新加载",
        "update_dismiss": "稍后",
        "offline_title": "暂时没有网络",
        "offline_text": "这一页还没有保存到本机。所有 SOP、检查表和礼貌用语离线也能打开。",
        "phrases_of_group": "可用的说法",
        "required_step": "必备步骤",
        "staff": "员工签名",
        "supervisor": "主管签名",
        "date": "日期",
        "store": "门店 / 楼层",
        "printed_revision": "打印版本",
        "uncommitted": "（含未提交的修改）",
        "scan_for_sop": "扫码查看在线 SOP",
        "say_these": "应该说",
        "never_say": "不要说",
        "say_instead": "改为说",
        "why": "原因",
        "honorific": "称呼顾客",
        "by_situation": "按场景的话术",
        "term": "术语",
        "abbr": "缩写",
        "definition": "释义",
        "must_know": "必须掌握的 SOP",
        "none": "无",
        "units": "s:秒,m:分钟,h:小时,d:天",
        "sheet": "页",
        "print_booklet": "打印全部检查表",
        "language": "语言",
        "search_open": "搜索",
        "search_close": "关闭搜索",
        "search_label": "搜索手册",
        "search_placeholder": "输入关键词，如：投诉、退货",
        "search_loading": "正在搜索…",
        "search_none": "没有找到“{query}”。可以换个说法，或从 SOP 总览查找。",
        "search_found": "找到 {count} 个结果",
        "search_file": "从本机文件打开时无法搜索（浏览器不允许）。请通过网址打开手册，或从 SOP 总览和岗位索引查找。",
        "search_failed": "搜索暂时无法使用（可能没有网络，且本机还没有保存搜索数据）。请从 SOP 总览查找。",
        "search_more": "显示更多结果",
    },
    "en": {
        "handbook": "Training handbook",
        "sops": "SOPs",
        "sop_index": "All SOPs",
        "checklists": "Checklists",
        "checklist_index": "Checklist index",
        "booklet": "Checklist booklet",
        "phrasebook": "Phrasebook",
        "glossary": "Glossary",
        "roles": "Roles",
        "sources": "Sources",
        "home": "Home",
        "id": "ID",
        "version": "Version",
        "effective": "Effective",
        "review_by": "Review by",
        "owner": "Owner",
        "roles_label": "Roles",
        "category": "Category",
        "purpose": "Purpose",
        "flow": "Flow",
        "steps": "Steps",
        "step": "Step",
        "do": "Do",
        "say": "Say",
        "check": "Check",
        "within": "Time limit",
        "escalate": "Escalate to",
        "can_escalate": "may escalate",
        "related": "Related SOPs",
        "print_checklist": "Printable checklist",
        "open_sop": "Open the SOP",
        "open_checklist": "Checklist (tick off or print)",
        "details": "Details",
        "checklist_short": "Checklist",
        "ticks_done": "{done} / {total} done",
        "ticks_clear": "Clear ticks",
        "ticks_note": "Ticks stay on this device and are never sent anywhere; a printed sheet always has empty boxes.",
        "app_short_name": "Handbook",
        "update_ready": "A new version of the handbook is ready.",
        "update_reload": "Reload",
        "update_dismiss": "Later",
        "offline_title": "No connection",
        "offline_text": ("This page has not been saved on this device yet. Every SOP, checklist and the "
                         "phrasebook open offline."),
        "phrases_of_group": "Ways to say it",
        "required_step": "required step",
        "staff": "Staff signature",
        "supervisor": "Supervisor signature",
        "date": "Date",
        "store": "Store / floor",
        "printed_revision": "Printed revision",
        "uncommitted": " (uncommitted changes)",
        "scan_for_sop": "Scan for the online SOP",
        "say_these": "Say",
        "never_say": "Never say",
        "say_instead": "Say instead",
        "why": "Why",
        "honorific": "Addressing customers",
        "by_situation": "What to say, by situation",
        "term": "Term",
        "abbr": "Abbreviation",
        "definition": "Definition",
        "must_know": "SOPs this role must know",
        "none": "none",
        "units": "s: s,m: min,h: h,d: days",
        "sheet": "sheet",
        "print_booklet": "Print every checklist",
        "language": "Language",
        "search_open": "Search",
        "search_close": "Close search",
        "search_label": "Search the handbook",
        "search_placeholder": "Type a word, e.g. complaint, refund",
        "search_loading": "Searching…",
        "search_none": "Nothing found for “{query}”. Try other words, or look in All SOPs.",
        "search_found": "{count} results",
        "search_file": ("Search cannot run from a file opened on this device (the browser does not allow it). "
                        "Open the handbook from its web address, or look in All SOPs and Roles."),
        "search_failed": ("Search is not available right now (no connection, and its data is not saved on "
                          "this device yet). Look in All SOPs."),
        "search_more": "Show more results",
    },
}


def label(lang: str, key: str) -> str:
    """An interface word; the Traditional edition's are the Simplified ones converted (with the
    shipped profile: its pages are converted whole with the configured one, see assemble.py)."""
    if lang == EDITION:
        return _traditional().convert(LABELS["zh"][key])
    return LABELS[lang][key]


@lru_cache(maxsize=1)
def _traditional() -> Traditional:
    return Traditional()


def duration(lang: str, within: str) -> str:
    """`2m` → "2 分钟" / "2 min"."""
    units = dict(part.split(":", 1) for part in LABELS[lang]["units"].split(","))
    number, unit = within[:-1], within[-1]
    return f"{number} {units.get(unit, unit).strip()}"


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese (时限：10 秒), ": " in English."""
    return "：" if lang == "zh" else ": "


def joined(lang: str, items: Iterable[str]) -> str:
    """A list in running text: 一线服务人员、楼层主管 / Front-line staff, Floor supervisor."""
    return ("、" if lang == "zh" else ", ").join(items)
