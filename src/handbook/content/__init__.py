"""Stage 2, content: the model of what authors and the QA manager write.

Owns the SOP model (`Sop`, `Step`, `Text`) built from a located tree, the SOP schema built from
the standards, the standards themselves as the rules see them, and the hand-written pages.
Building is tolerant; judging is the checks' job. May import: `handbook.source`.
"""
