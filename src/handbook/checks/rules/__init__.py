"""The SOP rule types, in the order they report.

Each rule type is a class in this package with a `check` method and the rule ids it reports
(`ids`); FILE_RULES run on one SOP at a time (per file, possibly in worker processes), the
cross-file rules run once per check on the small records of every SOP.
"""

from __future__ import annotations

from .base import Context, SopRule
from .checklist import RequiredChecklistItems
from .i18n import ControlCharacters, Translation
from .phrases import ForbiddenPhrases, Honorific, RequiredPhraseGroups
from .placeholders import Placeholders
from .refs import CommentInText, IdMatchesFilename, References, ReviewDates
from .steps import RequiredStepsInOrder, UniqueStepIds
from .terms import PreferredTerms
from .traditional import TraditionalEdition
from .values import MallReferences

FILE_RULES: tuple[SopRule, ...] = (
    IdMatchesFilename(),
    Placeholders(),
    UniqueStepIds(),
    RequiredStepsInOrder(),
    RequiredChecklistItems(),
    RequiredPhraseGroups(),
    ForbiddenPhrases(),
    Honorific(),
    TraditionalEdition(),
    Translation(),
    ControlCharacters(),
    CommentInText(),
    MallReferences(),
    PreferredTerms(),
)

REFERENCES = References()
REVIEW_DATES = ReviewDates()
CROSS_FILE_RULES = (REFERENCES, REVIEW_DATES)

__all__ = ["CROSS_FILE_RULES", "FILE_RULES", "REFERENCES", "REVIEW_DATES", "Context", "SopRule"]
