"""`handbook offline`: the offline step for a site that another engine built from `handbook pages`.

The exported configs place the main language at `site/` and the others in `site/<lang>/`; this
reads the same configs (for names and colours) and runs `write_offline` on each language folder,
exactly as the MkDocs adapter does after its own builds.
"""

from __future__ import annotations

from pathlib import Path

from .export import CONFIGS, _config
from .offline import OfflineReport, app_info, write_offline


def offline_site(root: Path, site: Path) -> list[OfflineReport]:
    """Manifest, icons and service worker for every language of a built site under `site`."""
    main, *others = CONFIGS
    reports = []
    for lang in CONFIGS:
        folder = site if lang == main else site / lang
        if not (folder / "index.html").is_file():
            raise FileNotFoundError(f"{folder}: no built {lang} site (index.html) here")
        exclude = tuple(f"{other}/" for other in others) if lang == main else ()
        reports.append(write_offline(folder, app_info(lang, _config(root, lang)), exclude=exclude))
    return reports
