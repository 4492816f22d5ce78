"""The editions of the site: where each is built, from which language, in which script.

An edition is what a reader picks in the language switcher. `zh` (at the site root) and `en`
(at `en/`) are written by authors; `zh-hant` (at `zh-hant/`) is generated from `zh` by OpenCC
(standards/traditional.yml) and never edited by hand. Every edition has the same page paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.traditional import EDITION as HANT


@dataclass(frozen=True, slots=True)
class Edition:
    code: str  # zh, en, zh-hant
    source: str  # the content language it is made from (docs/<source>, the SOPs' <source> texts)
    config: str  # its MkDocs config, under the repository root
    theme_language: str  # Material's interface language

    @property
    def folder(self) -> str:
        """Its folder inside the site ("" for the main edition, else "<code>/")."""
        return "" if self is MAIN else f"{self.code}/"

    @property
    def converted(self) -> bool:
        return self.code == HANT

    @property
    def lang_tag(self) -> str:
        """BCP 47 tag for manifests and `lang` attributes."""
        return {"zh": "zh-CN", "zh-hant": "zh-Hant"}.get(self.code, self.code)


MAIN = Edition("zh", "zh", "mkdocs.yml", "zh")
EDITIONS = (MAIN, Edition("en", "en", "mkdocs.en.yml", "en"), Edition(HANT, "zh", "mkdocs.zh-hant.yml", "zh-Hant"))
BY_CODE = {e.code: e for e in EDITIONS}


def edition_of_theme(language: str) -> Edition:
    """The edition a config builds, from its `theme.language` (zh, en, zh-Hant)."""
    for edition in EDITIONS:
        if edition.theme_language.lower() == (language or "zh").lower():
            return edition
    return BY_CODE.get(language.split("-")[0], MAIN)
