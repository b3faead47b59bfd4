"""The shared vocabulary of concerns that charter items map to, and a check's outcomes.

Charters say similar things in different words. Each charter item is mapped to
one or more of these concerns, and the checks (:mod:`coproduction.charters.checks`)
belong to the concerns, so any charter is checked with the same machinery and a
project's evidence can be read against another charter's items (a crosswalk).
The starting list is the package's own reading of the charters it packages;
the split of support from information and training, and the experience concern,
follow Barnet's charter commitments 9, 13 and 17.
"""

from __future__ import annotations

from coproduction._vocab import Word

__all__ = ["Concern", "Outcome"]


class Concern(Word):
    """A shared concern that charter items map to."""

    PURPOSE_AND_SCOPE = "purpose-and-scope"
    PLAIN_LANGUAGE = "plain-language"
    EARLY_INVOLVEMENT = "early-involvement"
    ONGOING_INVOLVEMENT = "ongoing-involvement"
    PLACES_THAT_SUIT = "places-that-suit"
    RANGE_OF_METHODS = "range-of-methods"
    ACCESSIBILITY = "accessibility"
    TIME_TO_PREPARE = "time-to-prepare"
    SUPPORT = "support"
    INFORMATION_AND_TRAINING = "information-and-training"
    REWARD_AND_RECOGNITION = "reward-and-recognition"
    POWER_SHARING = "power-sharing"
    POWER_IMBALANCE = "power-imbalance"
    TRANSPARENCY = "transparency"
    FEEDBACK_LOOP = "feedback-loop"
    IMPACT_AND_EVALUATION = "impact-and-evaluation"
    LESSER_HEARD_VOICES = "lesser-heard-voices"
    EXPERIENCE_FEEDBACK = "experience-feedback"
    COMMUNITY_PARTNERSHIP = "community-partnership"
    CONFIDENTIALITY = "confidentiality"
    EXISTING_INSIGHT = "existing-insight"


class Outcome(Word):
    """What one check found.

    - ``pass``: all the recorded evidence it reads meets the concern;
    - ``partial``: some of it does;
    - ``fail``: the evidence is recorded and none of it does;
    - ``no-evidence``: the fields it reads are not recorded (as of the day).
    """

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    PARTIAL = "partial"
    FAIL = "fail"
    NO_EVIDENCE = "no-evidence"
