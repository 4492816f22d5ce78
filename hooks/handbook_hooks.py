"""MkDocs hooks: thin forwarding to `handbook.mkdocs_adapter` (see mkdocs.yml `hooks:`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from handbook.mkdocs_adapter import HandbookAdapter

_adapter = HandbookAdapter()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _adapter.on_config(config)


def on_pre_build(config: MkDocsConfig) -> None:
    _adapter.on_pre_build(config)
