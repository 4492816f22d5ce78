"""The steps every engine's build of an edition ends with: its search index, then its offline files.

Order matters: the service worker's precache lists the search bundle and its cache version
hashes every file, so the index is written first. The MkDocs adapter calls `finish_edition`
after each edition's build; `handbook offline` (offline_export.py) and the Zensical engine call
it on folders a hook-free engine built.

Under `mkdocs serve` the index is rebuilt in the background after each rebuild, so a save is
served at once and search catches up a moment later (no service worker is written there).
"""

from __future__ import annotations

import threading
from pathlib import Path

from .offline import AppInfo, OfflineReport, write_offline
from .search import SearchReport, index_edition

_SERVING_LOCK = threading.Lock()  # one background index at a time; a newer save waits its turn


def finish_edition(folder: Path, app: AppInfo, *, exclude: tuple[str, ...] = (),
                   serving: bool = False) -> tuple[SearchReport | None, OfflineReport]:
    """Index and make offline one built edition; `exclude` names other editions' folders in it."""
    if serving:
        threading.Thread(target=_index_quietly, args=(folder, app.lang, exclude), daemon=True).start()
        return None, write_offline(folder, app, exclude=exclude, worker=False)
    search = index_edition(folder, app.lang, exclude=exclude)
    return search, write_offline(folder, app, exclude=exclude)


def _index_quietly(folder: Path, edition: str, exclude: tuple[str, ...]) -> None:
    with _SERVING_LOCK:
        try:
            index_edition(folder, edition, exclude=exclude)
        except (OSError, RuntimeError) as exc:  # the served site stays; the log says why
            print(f"handbook: search index not refreshed: {exc}", flush=True)
