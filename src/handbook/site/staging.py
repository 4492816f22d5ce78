"""Atomic site builds, for every engine: build in a folder beside the site, swap it in whole.

An engine writes page by page into its output folder, so a failure half-way (a template, a
broken anchor, the second edition) would leave a half-written site where a good one was. Every
engine therefore builds into `staging_folder(site_dir)` and calls `swap_in` only on success.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_folder(site_dir: Path) -> Path:
    """An empty folder beside `site_dir` (same file system, so the swap is two renames)."""
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames (the old site is removed after)."""
    retired = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
