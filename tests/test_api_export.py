"""The machine-readable export: `api/sops.json` and `api/sops.schema.json` in the built site,
the same bytes from `handbook export`, valid for independent validators, every SOP of sop/ in
both languages, the mall's values put in, and a schema that cannot change without a version."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import fastjsonschema
import jsonschema
import pytest
import yaml

from handbook.site.api import SCHEMA_ID, SCHEMA_VERSION, export_schema
from support import REPO, make_project, run_cli

# The digest of the schema at each version. A change to the schema fails here until you decide:
# a new optional field (or language) is a minor version (1.0 → 1.1); a field removed, renamed,
# retyped or given a new meaning is a major version (1.x → 2.0, and a new $id). Then bump
# SCHEMA_VERSION in handbook/site/api.py, add the new digest here, and say so in the README.
SCHEMA_DIGESTS = {
    "1.0": "7247cab6dd5b6f79905a7ad53d551c97ea992b7e3a0aee087ea8894e4f44c029",
    "1.1": "49731725b02573aea2bd50f085842fc55c1a572516db6147d35aa95ae0371f58",  # + zh-hant (optional)
}


@pytest.fixture(scope="module")
def built(shipped_build: Path) -> Path:
    return shipped_build


def _load(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_built_site_publishes_the_export_and_its_schema(built: Path) -> None:
    for name in ("sops.json", "sops.schema.json"):
        assert (built / "site" / "api" / name).is_file()
        assert not (built / "site" / "en" / "api" / name).exists()  # one export, at the site root


def test_the_command_writes_the_same_bytes_as_the_build(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "sops.json"
    code, _, err = run_cli("export", "--root", str(built), "--out", str(out))
    assert code == 0, err
    assert out.read_bytes() == (built / "site" / "api" / "sops.json").read_bytes()
    code, printed, _ = run_cli("export", "--root", str(built), "--schema")
    assert code == 0
    assert printed.encode("utf-8") == (built / "site" / "api" / "sops.schema.json").read_bytes()


def test_independent_validators_accept_the_export(built: Path) -> None:
    schema = _load(built / "site" / "api" / "sops.schema.json")
    data = _load(built / "site" / "api" / "sops.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []
    fastjsonschema.compile(schema)(data)
    broken = json.loads(json.dumps(data))
    broken["sops"][0]["steps"][0]["time_limit"] = "2m"  # the validators can fail
    assert list(validator.iter_errors(broken))
    with pytest.raises(fastjsonschema.JsonSchemaException):
        fastjsonschema.compile(schema)(broken)


def test_every_sop_is_there_in_both_languages(built: Path) -> None:
    data = _load(built / "site" / "api" / "sops.json")
    assert isinstance(data, dict)
    exported = {s["id"]: s for s in data["sops"]}
    sources = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (REPO / "sop").glob("*.yml")}
    assert sorted(exported) == sorted(sources)
    values = yaml.safe_load((REPO / "standards" / "mall.yml").read_text(encoding="utf-8"))["values"]

    def shown(text: str, lang: str) -> str:  # what the export holds: the mall's values put in
        return re.sub(r"\{\{\s*mall\.([a-z0-9_]+)\s*\}\}", lambda m: values[m.group(1)][lang], text)

    for sop_id, source in sources.items():
        sop = exported[sop_id]
        assert (sop["version"], sop["category"]["id"], [r["id"] for r in sop["roles"]]) == (
            source["version"], source["category"], source["roles"])
        assert sop["effective"] == str(source["effective"]) and sop["review_by"] == str(source["review_by"])
        assert [s["id"] for s in sop["steps"]] == [s["id"] for s in source["steps"]]
        for step, given in zip(sop["steps"], source["steps"], strict=True):
            for part in ("do", "say", "check"):
                assert [t["en"] for t in step[part]] == [shown(t["en"], "en") for t in given.get(part, [])]
                assert [t["zh"] for t in step[part]] == [shown(t["zh"], "zh") for t in given.get(part, [])]
            assert step["escalate_to"] == given.get("escalate_to")
        assert sop["page"] == {"zh": f"https://handbook.example.com/sop/{sop_id}.html",
                               "en": f"https://handbook.example.com/en/sop/{sop_id}.html",
                               "zh-hant": f"https://handbook.example.com/zh-hant/sop/{sop_id}.html"}
        assert sop["title"]["zh-hant"] and not set(sop["title"]["zh-hant"]) & set("处门顾诉务级")
        assert (built / "site" / "sop" / f"{sop_id}.html").is_file()
    lost_child = {s["id"]: s for s in exported["lost-child"]["steps"]}
    assert lost_child["alert-all-posts"]["time_limit"] == {
        "seconds": 60, "text": {"zh": "1 分钟", "en": "1 min", "zh-hant": "1 分鐘"}}
    assert exported["gift-cards"]["purpose"]["zh-hant"].count("發卡方") >= 1  # the overrides apply here too


def test_the_mall_values_are_put_in(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    sop = root / "sop" / "reception-basic.yml"
    sop.write_text(sop.read_text(encoding="utf-8").replace(
        'en: "Smile and make eye contact as the customer comes into view."',
        'en: "Smile; you may refund up to {{ mall.refund_limit_frontline }}."'), encoding="utf-8")
    code, out, err = run_cli("export", "--root", str(root))
    assert code == 0, err
    assert "{{" not in out
    step = next(s for s in json.loads(out)["sops"] if s["id"] == "reception-basic")["steps"][0]
    assert step["do"][0]["en"] == "Smile; you may refund up to RMB 200."


def test_an_export_with_errors_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "repo")
    (root / "sop" / "reception-basic.yml").write_text("id: [\n", encoding="utf-8")
    code, out, err = run_cli("export", "--root", str(root))
    assert code == 1 and "yaml.syntax" in out and "not exporting" in err


def test_the_schema_cannot_change_without_a_new_version() -> None:
    schema = export_schema()
    text = json.dumps(schema, ensure_ascii=False, sort_keys=True)
    assert hashlib.sha256(text.encode()).hexdigest() == SCHEMA_DIGESTS.get(SCHEMA_VERSION), (
        "the export schema changed: choose a minor (added, optional) or a major (changed meaning) version")
    major = SCHEMA_VERSION.split(".")[0]
    assert SCHEMA_ID.endswith(f":v{major}") and schema["$id"] == SCHEMA_ID
    assert jsonschema.Draft202012Validator({"type": "string", "pattern": schema["properties"]["schema_version"][
        "pattern"]}).is_valid(SCHEMA_VERSION)


def test_the_hook_free_pages_carry_the_same_export(built: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("pages", "--root", str(built), "--out", str(tmp_path / "plain"))
    assert code == 0, err
    for name in ("sops.json", "sops.schema.json"):
        assert (tmp_path / "plain" / "docs" / "zh" / "api" / name).read_bytes() == (
            built / "site" / "api" / name).read_bytes()
        assert not (tmp_path / "plain" / "docs" / "en" / "api" / name).exists()
