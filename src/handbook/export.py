"""`handbook pages --out DIR`: the whole site as plain Markdown, ready for any engine.

Writes, per language, the hand-written pages plus every generated page (exactly the Markdown
the MkDocs hooks would hand over, abbreviations included) and the library's assets, and a pair
of MkDocs configs *without hooks* that build the same site. The benchmark builds it to measure
what the hooks cost; a later engine (e.g. one that reads mkdocs.yml but runs no hooks) can build
the handbook from it. Reading mkdocs.yml needs no MkDocs import: it is plain YAML here.
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .chapters import LANG_DIRS
from .project import CheckResult
from .render import GENERATED_STATIC, SiteInfo, generate_pages
from .render.indexes import abbreviations
from .render.pages import build_nav, static_file

CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}


CONTENT_DIRS = ("sop", "standards", "docs", "mkdocs.yml", "mkdocs.en.yml", "overrides")


@lru_cache(maxsize=8)  # asked once per language build: the answer does not change within a build
def git_revision(root: Path) -> str:
    """Short commit id, with `+dirty` when the content differs from it, or "unversioned".

    Content means what the site is made of (SOPs, standards, pages), new files included: a
    sheet printed from an edited, uncommitted SOP must not claim to be the committed one."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *CONTENT_DIRS], cwd=root,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unversioned"


def quality_report(root: Path) -> dict[str, Any] | None:
    """The figures of the last full test run, if recorded (see tests/conftest.py)."""
    try:
        data = json.loads((root / "quality" / "last-run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _config(root: Path, lang: str) -> dict[str, Any]:
    data = yaml.safe_load((root / CONFIGS[lang]).read_text(encoding="utf-8")) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        base = yaml.safe_load((root / parent).read_text(encoding="utf-8")) or {}
        base.update({k: v for k, v in data.items() if k not in ("theme", "extra")})
        base["theme"] = {**base.get("theme", {}), **data.get("theme", {})}
        base["extra"] = {**base.get("extra", {}), **data.get("extra", {})}
        data = base
    return data


def export_site(result: CheckResult, out: Path) -> list[Path]:
    """Write the plain-Markdown site for every language under `out`; returns the configs."""
    root = result.root
    quality = quality_report(root)
    revision, built = git_revision(root), _dt.date.today().isoformat()
    configs = []
    for lang in LANG_DIRS:
        config = _config(root, lang)
        docs = out / "docs" / lang
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(root / "docs" / lang, docs)
        site = SiteInfo(lang, str(config.get("site_url", "")).rstrip("/") + "/", revision, built,
                        "/" if config.get("use_directory_urls", True) is True else ".html")
        for rel, markdown in generate_pages(result.sops, result.standards, site, quality).items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(markdown, encoding="utf-8")
        abbr = abbreviations(result.standards, lang)
        for page in docs.rglob("*.md"):
            page.write_text(page.read_text(encoding="utf-8") + abbr, encoding="utf-8")
        for rel, resource in GENERATED_STATIC.items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(static_file(resource), encoding="utf-8")
        config.pop("hooks", None)
        config.pop("watch", None)
        config["docs_dir"] = f"docs/{lang}"
        config["site_dir"] = "site" if lang == "zh" else "site/en"
        if "theme" in config and "custom_dir" in config["theme"]:
            custom = root / config["theme"]["custom_dir"]
            shutil.copytree(custom, out / config["theme"]["custom_dir"], dirs_exist_ok=True)
        config["nav"] = build_nav(result.sops, result.standards, result.pages.get(lang, {}), lang)
        config["extra_css"] = [*config.get("extra_css", []), "assets/handbook.css"]
        config["extra_javascript"] = [*config.get("extra_javascript", []), "assets/handbook.js"]
        path = out / CONFIGS[lang]
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(path)
    return configs
