"""The JSON Schema (draft 2020-12) of an SOP file: the single definition of its structure.

`handbook check` validates with it and `handbook schema` prints it, so an editor using the
exported schema gives the same verdict on structure. Category, role and step-kind names come
from the standards, so the schema is built from them rather than written by hand.
"""

from __future__ import annotations

from typing import Any

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
WITHIN_PATTERN = "^[1-9][0-9]{0,3}[smhd]$"
MAX_STEPS = 60
MAX_ITEMS = 20
MAX_TEXT = 2000

SCHEMA_ID = "https://service-handbook.example/schemas/sop.schema.json"

PATTERN_HINTS = {
    "id": "use lowercase letters, digits and single hyphens, e.g. complaint-handling",
    "escalate_to": "an SOP id: lowercase letters, digits and hyphens",
    "related": "an SOP id: lowercase letters, digits and hyphens",
    "version": "write three numbers, e.g. 1.0.0 or 2.10.1",
    "within": "write a number and a unit s, m, h or d, e.g. 30s, 2m, 24h, 7d",
}


def _d(zh: str, en: str) -> str:
    return f"{en} / {zh}"


def _text(zh: str, en: str, example: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"$ref": "#/$defs/text", "description": _d(zh, en)}
    if example:
        out["examples"] = [example]
    return out


def _text_list(zh: str, en: str, *, min_items: int = 0, example: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "array",
        "description": _d(zh, en),
        "maxItems": MAX_ITEMS,
        "uniqueItems": True,  # the same line twice is a copy-paste slip (two identical boxes)
        "items": {"$ref": "#/$defs/text"},
    }
    if min_items:
        out["minItems"] = min_items
    if example:
        out["examples"] = [[example]]
    return out


def _enum(values: list[str]) -> dict[str, Any]:
    return {"enum": values} if values else {}


def _step_schema(step_kinds: list[str], sop_id: dict[str, Any]) -> dict[str, Any]:
    """One step: what to do, say and check, an optional time limit and escalation."""
    return {
        "type": "object",
        "description": _d("一个步骤：做什么、说什么、检查什么", "One step: what to do, what to say, what to check"),
        "additionalProperties": False,
        "required": ["id", "kind", "title", "do", "check"],
        "properties": {
            "id": {**sop_id, "description": _d("步骤编号，在本 SOP 内唯一", "Step id, unique within the SOP"),
                   "examples": ["listen"]},
            "kind": {"type": "string", **_enum(step_kinds),
                     "description": _d("步骤类型（standards/categories.yml 的 step_kinds）",
                                       "Step kind (a key of step_kinds in standards/categories.yml)"),
                     "examples": ["listen"]},
            "title": _text("步骤标题", "Step title", {"zh": "耐心倾听", "en": "Listen"}),
            "do": _text_list("要做的动作", "Actions to take", min_items=1,
                             example={"zh": "让顾客把话说完，不打断",
                                      "en": "Let the customer finish without interrupting"}),
            "say": _text_list("对顾客说的话（适用礼貌用语规则）",
                              "Lines to say to the customer (phrase rules apply)",
                              example={"zh": "您好，请您慢慢说。", "en": "Hello, please take your time."}),
            "check": _text_list("检查表项目（打印检查表上的方框）",
                                "Checklist items (the boxes on the printed checklist)", min_items=1,
                                example={"zh": "全程未打断顾客", "en": "Did not interrupt the customer"}),
            "within": {"type": "string", "pattern": WITHIN_PATTERN,
                       "description": _d("时限：数字加单位 s/m/h/d", "Time limit: a number and a unit s/m/h/d"),
                       "examples": ["2m", "24h"]},
            "escalate_to": {**sop_id, "description": _d("升级到的 SOP 编号", "Id of the SOP to escalate to"),
                            "examples": ["complaint-escalation"]},
        },
    }


def build_sop_schema(categories: list[str], roles: list[str], step_kinds: list[str]) -> dict[str, Any]:
    """The SOP schema; empty lists (standards unreadable) leave the names unconstrained."""
    lang_text = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": r"\S"}
    sop_id = {"type": "string", "pattern": ID_PATTERN, "maxLength": 80}
    step = _step_schema(step_kinds, sop_id)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Service Handbook SOP / 服务手册标准作业程序",
        "description": _d("一份标准作业程序（sop/<id>.yml）", "One standard operating procedure (sop/<id>.yml)"),
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "category", "version", "effective", "review_by", "owner", "roles",
                     "title", "purpose", "steps"],
        "properties": {
            "id": {**sop_id, "description": _d("SOP 编号，等于文件名", "SOP id, equal to the file name"),
                   "examples": ["complaint-handling"]},
            "category": {"type": "string", **_enum(categories),
                         "description": _d("类别（standards/categories.yml）", "Category (standards/categories.yml)"),
                         "examples": ["complaint"]},
            "version": {"type": "string", "pattern": SEMVER_PATTERN,
                        "description": _d("版本号（语义化版本）", "Version (semantic versioning)"),
                        "examples": ["1.0.0"]},
            "effective": {"type": "string", "format": "date",
                          "description": _d("生效日期 YYYY-MM-DD", "Effective date YYYY-MM-DD"),
                          "examples": ["2026-11-01"]},
            "review_by": {"type": "string", "format": "date",
                          "description": _d("复审截止日期；过期会提示", "Review-by date; a warning once past"),
                          "examples": ["2027-11-01"]},
            "owner": _text("负责部门", "Owning department", {"zh": "客户服务部", "en": "Customer Service Department"}),
            "roles": {"type": "array", "minItems": 1, "uniqueItems": True,
                      "items": {"type": "string", **_enum(roles)},
                      "description": _d("适用岗位", "Roles that must know this SOP"),
                      "examples": [["frontline", "supervisor"]]},
            "title": _text("标题", "Title", {"zh": "顾客投诉处理", "en": "Handling Customer Complaints"}),
            "purpose": _text("目的", "Purpose", {"zh": "让每一位投诉的顾客都得到及时、妥善的处理。",
                                                 "en": "Make sure every complaint is handled promptly and properly."}),
            "steps": {"type": "array", "minItems": 1, "maxItems": MAX_STEPS,
                      "items": {"$ref": "#/$defs/step"},
                      "description": _d("步骤，按执行顺序", "Steps, in the order they are done"),
                      "examples": [[{"id": "listen", "kind": "listen", "title": {"zh": "耐心倾听", "en": "Listen"},
                                     "do": [{"zh": "让顾客把话说完", "en": "Let the customer finish"}],
                                     "check": [{"zh": "没有打断顾客", "en": "Did not interrupt"}]}]]},
            "related": {"type": "array", "uniqueItems": True, "maxItems": MAX_ITEMS, "items": sop_id,
                        "description": _d("相关 SOP 编号", "Ids of related SOPs"),
                        "examples": [["complaint-escalation"]]},
        },
        "$defs": {
            "text": {
                "type": "object",
                "description": _d("双语文本：zh 与 en 都必须填写", "Bilingual text: both zh and en are required"),
                "additionalProperties": False,
                "required": ["zh", "en"],
                "properties": {
                    "zh": {**lang_text, "description": _d("简体中文", "Simplified Chinese"),
                           "examples": ["您好，请您慢慢说。"]},
                    "en": {**lang_text, "description": _d("英文", "English"),
                           "examples": ["Hello, please take your time."]},
                },
            },
            "step": step,
        },
    }
