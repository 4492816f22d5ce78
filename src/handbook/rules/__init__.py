"""The rule types applied to every SOP, in the order they report."""

from __future__ import annotations

from .base import Context, SopRule
from .checklist import RequiredChecklistItems
from .i18n import ControlCharacters, Translation
from .phrases import ForbiddenPhrases, Honorific, RequiredPhraseGroups
from .refs import CommentInText, IdMatchesFilename, References, ReviewDates
from .steps import RequiredStepsInOrder, UniqueStepIds

SOP_RULES: tuple[SopRule, ...] = (
    IdMatchesFilename(),
    UniqueStepIds(),
    RequiredStepsInOrder(),
    RequiredChecklistItems(),
    RequiredPhraseGroups(),
    ForbiddenPhrases(),
    Honorific(),
    Translation(),
    ControlCharacters(),
    References(),
    ReviewDates(),
    CommentInText(),
)

__all__ = ["SOP_RULES", "Context", "SopRule"]
