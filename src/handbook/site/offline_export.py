"""`handbook offline`: the last steps for a site that another engine built from `handbook pages`.

The exported configs place the main language at `site/` and the others in `site/<lang>/`; this
reads the same configs (for names and colours) and runs `finish_edition` (search index, then
manifest, icons and service worker) on each language folder, exactly as the MkDocs adapter does
after its own builds.
"""

from __future__ import annotations

from pathlib import Path

from .export import CONFIGS, _config
from .finish import finish_edition
from .offline import OfflineReport, app_info
from .search import SearchReport


def offline_site(root: Path, site: Path) -> list[SearchReport | OfflineReport]:
    """Search index, manifest, icons and service worker for every language of a built site."""
    main, *others = CONFIGS
    reports = []
    for lang in CONFIGS:
        folder = site if lang == main else site / lang
        if not (folder / "index.html").is_file():
            raise FileNotFoundError(f"{folder}: no built {lang} site (index.html) here")
        exclude = tuple(f"{other}/" for other in others) if lang == main else ()
        search, offline = finish_edition(folder, app_info(lang, _config(root, lang)), exclude=exclude)
        reports.extend(r for r in (search, offline) if r is not None)
    return reports
