"""The rule types applied to every SOP, in the order they report."""

from __future__ import annotations

from .base import Context, SopRule
from .checklist import RequiredChecklistItems
from .i18n import ControlCharacters, Translation
from .phrases import ForbiddenPhrases, Honorific, RequiredPhraseGroups
from .placeholders import Placeholders
from .refs import CommentInText, IdMatchesFilename, References, ReviewDates
from .steps import RequiredStepsInOrder, UniqueStepIds

# Rules that look at one SOP at a time (run per file, possibly in worker processes).
FILE_RULES: tuple[SopRule, ...] = (
    IdMatchesFilename(),
    Placeholders(),
    UniqueStepIds(),
    RequiredStepsInOrder(),
    RequiredChecklistItems(),
    RequiredPhraseGroups(),
    ForbiddenPhrases(),
    Honorific(),
    Translation(),
    ControlCharacters(),
    CommentInText(),
)

# Rules over all SOPs' records, run once per check in the main process.
REFERENCES = References()
REVIEW_DATES = ReviewDates()

__all__ = ["FILE_RULES", "REFERENCES", "REVIEW_DATES", "Context", "SopRule"]
