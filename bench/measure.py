"""One measurement in a fresh process; prints one JSON line (seconds, peak memory).

Run by bench/run.py so every figure comes from a process with nothing cached but the OS's
file cache. Usage: measure.py {bare|check|build-hooks|build-plain|startup} PATH
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare(root: Path) -> dict[str, float]:
    """libyaml's C loader on the same SOP files: the floor for reading them at all."""
    import yaml

    files = sorted((root / "sop").glob("*.yml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {"seconds": time.perf_counter() - start, "files": len(files)}


def check(root: Path) -> dict[str, float]:
    """What `handbook check` does (the CLI keeps records only, and uses both cores when it pays)."""
    from handbook.checks.project import check_project

    start = time.perf_counter()
    result = check_project(root, keep_models=False)
    seconds = time.perf_counter() - start
    assert not result.errors, result.summary()
    return {"seconds": seconds, "files": result.files}


def build_hooks(root: Path) -> dict[str, float]:
    """The real build: mkdocs.yml with the hooks (checks, generates, builds both languages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return {"seconds": time.perf_counter() - start}


def build_plain(out: Path) -> dict[str, float]:
    """The same pages pre-generated as Markdown (`handbook pages`), built without hooks."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    for config in ("mkdocs.yml", "mkdocs.en.yml", "mkdocs.zh-hant.yml"):  # every edition
        build(load_config(str(out / config)))
    return {"seconds": time.perf_counter() - start}


def startup(_: Path) -> dict[str, float]:
    start = time.perf_counter()

    imports = time.perf_counter() - start
    start = time.perf_counter()
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return {"imports": imports, "jieba": time.perf_counter() - start}


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    what, path = sys.argv[1], Path(sys.argv[2])
    figures = {"bare": bare, "check": check, "build-hooks": build_hooks, "build-plain": build_plain,
               "startup": startup}[what](path)
    figures["peak_mib"] = peak_mib()
    figures["workers_peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(figures))
