"""Interface words of the generated pages, per language (content words live in the data)."""

from __future__ import annotations

from collections.abc import Iterable

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
    },
}


def label(lang: str, key: str) -> str:
    return LABELS[lang][key]


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
