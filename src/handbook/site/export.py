"""`handbook pages --out DIR`: the whole site as plain Markdown, ready for any engine.

Writes, per edition, the hand-written pages plus every generated page (exactly the Markdown
the MkDocs hooks would hand over, abbreviations included) and the library's assets, and a pair
of MkDocs configs *without hooks* that build the same site. The benchmark builds it to measure
what the hooks cost; a later engine (e.g. one that reads mkdocs.yml but runs no hooks) can build
the handbook from it. Reading mkdocs.yml needs no MkDocs import: it is plain YAML here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from ..checks.project import CheckResult
from .api import api_files
from .assemble import assemble_edition
from .configs import CONFIGS
from .configs import site_config as _config
from .editions import EDITIONS, MAIN


def export_site(result: CheckResult, out: Path) -> list[Path]:
    """Write the plain-Markdown site for every edition under `out`; returns the configs.
    A generated edition (zh-hant) gets its source language's pages converted, and its name."""
    root = result.root
    configs = []
    for edition in EDITIONS:
        lang = edition.code
        config = _config(root, lang)
        docs = out / "docs" / lang
        if docs.exists():
            shutil.rmtree(docs)
        shutil.copytree(root / "docs" / edition.source, docs)
        site = assemble_edition(result, edition, site_url=str(config.get("site_url", "")),
                                directory_urls=config.get("use_directory_urls", True) is True)
        for page in docs.rglob("*.md"):
            page.write_text(site.hand_written(page.read_text(encoding="utf-8")), encoding="utf-8")
        for rel, markdown in site.pages.items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(markdown, encoding="utf-8")
        for page in docs.rglob("*.md"):
            page.write_text(site.finish(page.read_text(encoding="utf-8")), encoding="utf-8")
        if site.source is not None:
            for key in ("site_name", "site_description"):
                if config.get(key):
                    config[key] = site.source(str(config[key]))
        extra = api_files(result) if edition is MAIN else {}  # the export sits at the site root
        for rel, content in {**site.static, **extra}.items():
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs / rel).write_text(content, encoding="utf-8")
        config.pop("hooks", None)
        config.pop("watch", None)
        config["docs_dir"] = f"docs/{lang}"
        config["site_dir"] = "site" if edition is MAIN else f"site/{lang}"
        if "theme" in config and "custom_dir" in config["theme"]:
            custom = root / config["theme"]["custom_dir"]
            shutil.copytree(custom, out / config["theme"]["custom_dir"], dirs_exist_ok=True)
        config["nav"] = site.nav
        config["extra_css"] = [*config.get("extra_css", []), *site.extra_css]
        config["extra_javascript"] = [*config.get("extra_javascript", []), *site.extra_javascript]
        path = out / CONFIGS[lang]
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs.append(path)
    return configs
