"""The only module that knows MkDocs: it feeds MkDocs events to the library.

MkDocs empties `site_dir` right after `on_pre_build`, so the check runs there: a handbook
with errors aborts the build before the previous site is touched, printing the same
diagnostic lines as `handbook check`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugin_logger

from .project import CheckResult, check_project, find_root

log = get_plugin_logger("handbook")


class HandbookAdapter:
    """State kept between the events of one build (MkDocs hooks are module functions)."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.result: CheckResult | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = find_root(Path(config.config_file_path).parent)
        if self.root is None:
            raise Abort("handbook: mkdocs.yml is not inside a handbook repository (standards/ and sop/)")
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.root is not None
        result = check_project(self.root)
        for d in result.diagnostics:
            (log.error if d.is_error else log.warning)(d.format())
        if result.errors or (config.strict and result.warnings):
            raise Abort(f"handbook check failed: {result.summary()}; the site was not changed")
        log.info(result.summary())
        self.result = result
