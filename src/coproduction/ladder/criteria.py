"""The evidence criteria that place a project on the ladder.

No published tool gives per-rung criteria, so these are the package's own,
derived from the TLAP rung definitions
(``docs/ladder.md`` states them with the reasons for each change). Each
criterion is a named predicate over the recorded evidence; a project sits on
the highest rung whose criteria all hold.

Every criterion only ever asks whether some piece of evidence *exists*, never
whether something is absent. That is what makes the ladder monotone: recording
more involvement can never lower a project's rung.

Every criterion reads the shared evidence view (:mod:`coproduction.evidence`):
only activities held with people with lived experience by the as-of day, and
the feedback raised in them by then, with each item's status on that day.

>>> [c.id for c in PROJECT_CRITERIA[Rung.ENGAGEMENT]]
['views-sought-repeatedly', 'input-changed-something']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from coproduction.evidence import Evidence, Fact, KnownItem
from coproduction.project import Activity
from coproduction.rungs import Rung

__all__ = ["PROJECT_CRITERIA", "STAGE_CRITERIA", "Criterion", "Finding"]


@attrs.frozen
class Finding:
    """Whether a criterion holds for some evidence, why, and the ids it rests on."""

    holds: bool
    reason: str
    evidence: tuple[str, ...] = ()


@attrs.frozen
class Criterion:
    """A named, documented test the evidence must pass for a rung.

    ``holds`` answers yes or no from the view's shared facts alone, cheaply (it is
    what places a project); ``test`` gives the same answer with its reason and the
    ids it rests on, for when someone reads them. A test holds the two equal.
    """

    id: str
    rung: Rung
    requirement: str
    test: Callable[[Evidence], Finding] = attrs.field(repr=False, eq=False)
    holds: Callable[[Evidence], bool] = attrs.field(repr=False, eq=False)


def _ids(items: Iterable[Activity | KnownItem]) -> tuple[str, ...]:
    return tuple(item.id for item in items)


def _listing(ids: tuple[str, ...], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _counted(items: tuple[Activity, ...] | tuple[KnownItem, ...]) -> str:
    """``"1 activity"``, ``"3 feedback items"``: how many items, with their noun."""
    one, many = (
        ("activity", "activities")
        if isinstance(items[0], Activity)
        else ("feedback item", "feedback items")
    )
    return f"{len(items)} {one if len(items) == 1 else many}"


def _found(
    items: tuple[Activity, ...] | tuple[KnownItem, ...],
    present: str,
    absent: str,
) -> Finding:
    """A finding that holds when ``items`` is not empty; ``present`` takes {n} and {ids}."""
    if not items:
        return Finding(False, absent)
    ids = _ids(items)
    return Finding(True, present.format(n=_counted(items), ids=_listing(ids)), ids)


def _took_part(evidence: Evidence) -> Finding:
    return _found(
        evidence.activities,
        "People with lived experience took part in {n} ({ids}).",
        "No activity records anyone with lived experience taking part (listed as a "
        "participant with lived experience, or counted in 'people').",
    )


def _helped_to_understand(evidence: Evidence) -> Finding:
    return _found(
        evidence.educating,
        "{n} helped people understand how services are designed or run ({ids}).",
        "No activity with people with lived experience has the purpose 'educate'.",
    )


def _told_outcomes(evidence: Evidence) -> Finding:
    told = evidence.informing
    reported = evidence.told
    if told or reported:
        ids = _ids(told) + _ids(reported)
        parts = []
        if told:
            parts.append(f"{_counted(told)} told people what was decided ({_listing(_ids(told))})")
        if reported:
            parts.append(
                f"responses to {_counted(reported)} were reported back to people "
                f"({_listing(_ids(reported))})"
            )
        text = "; ".join(parts)
        return Finding(True, text[0].upper() + text[1:] + ".", ids)
    return Finding(
        False,
        "Nothing records people being told what was decided and why: no activity with "
        "the purpose 'inform', and no feedback response with a 'reported_back' date.",
    )


def _views_sought(evidence: Evidence) -> Finding:
    return _found(
        evidence.asked,
        "People's views were sought, or they took an active part, in {n} ({ids}).",
        "No activity with people with lived experience sought their views (purpose "
        "'views') or had them design, decide, deliver or evaluate.",
    )


def _views_sought_repeatedly(evidence: Evidence) -> Finding:
    asked = evidence.asked
    groups, sessions = evidence.repeated
    if groups:
        budgets = tuple(a for a in groups if a.is_participatory_budgeting)
        how = "an ongoing group" if not budgets else "participatory budgeting"
        if budgets and len(budgets) < len(groups):
            how = "an ongoing group and participatory budgeting"
        return Finding(
            True, f"Views were sought through {how} ({_listing(_ids(groups))}).", _ids(groups)
        )
    if sessions >= 2:
        return Finding(
            True,
            f"Views were sought in {sessions} sessions in all ({_listing(_ids(asked))}).",
            _ids(asked),
        )
    return Finding(
        False,
        f"Views were sought in {sessions} session(s); this needs at least two sessions "
        "(more activities, or 'sessions' of 2 or more) or an ongoing group "
        "(steering group, board, forum, reference group, co-design group).",
        _ids(asked),
    )


def _input_changed_something(evidence: Evidence) -> Finding:
    adopted = evidence.adopted
    decided = evidence.shared_decisions
    if adopted or decided:
        ids = _ids(adopted) + _ids(decided)
        parts = []
        if adopted:
            parts.append(f"{_counted(adopted)} accepted or implemented ({_listing(_ids(adopted))})")
        if decided:
            parts.append(
                f"an equal or leading say in a decision in {_counted(decided)} "
                f"({_listing(_ids(decided))})"
            )
        return Finding(True, "People's input changed something: " + "; ".join(parts) + ".", ids)
    return Finding(
        False,
        "No feedback item from people with lived experience is currently 'accepted' or "
        "'implemented', and no decision gave them an equal or leading say.",
    )


def _designed_together(evidence: Evidence) -> Finding:
    return _found(
        evidence.designed_together,
        "People designed with an equal or leading say at the design or plan stage in {n} ({ids}).",
        "No activity at the design or plan stage has the purpose 'design' with people "
        "having an 'equal' or 'lead' say.",
    )


def _design_input_adopted(evidence: Evidence) -> Finding:
    return _found(
        evidence.design_adopted,
        "Design input was adopted: {n} accepted or implemented ({ids}).",
        "No feedback item from a design or plan activity is currently 'accepted' or 'implemented'.",
    )


def _involved_from_start(evidence: Evidence) -> Finding:
    return _found(
        evidence.early,
        "People were involved at the understand or plan stage in {n} ({ids}).",
        "No activity with people with lived experience at the understand or plan stage: "
        "they were not involved from the start.",
    )


def _shared_decision(evidence: Evidence) -> Finding:
    return _found(
        evidence.shared_decisions,
        "People had an equal or leading say in a decision in {n} ({ids}).",
        "No decision (an activity at the decide stage or with the purpose 'decide') "
        "records people with an 'equal' or 'lead' say.",
    )


def _part_in_delivery_or_review(evidence: Evidence) -> Finding:
    return _found(
        evidence.delivery_or_review,
        "People took part in delivery or review in {n} ({ids}).",
        "No activity at the deliver or review stage (or with the purpose 'deliver' or "
        "'evaluate') includes people with lived experience.",
    )


def _reciprocity(evidence: Evidence) -> Finding:
    if evidence.reward_offered:
        return Finding(True, "People were offered reward and recognition for their time.")
    if evidence.reward_offered is None:
        return Finding(False, "Whether people were offered reward and recognition is not recorded.")
    return Finding(False, "People were not offered reward and recognition for their time.")


def _equal_say_in_the_work(evidence: Evidence) -> Finding:
    return _found(
        evidence.shared_work,
        "People had an equal or leading say in doing this stage's work in {n} ({ids}).",
        "No activity at this stage gives people an 'equal' or 'lead' say in designing, "
        "deciding, delivering or evaluating.",
    )


def _stage_input_used(evidence: Evidence) -> Finding:
    acting = evidence.shared_acting
    adopted = evidence.adopted
    if acting or adopted:
        return Finding(
            True,
            "People's part at this stage counted: they decided, delivered or evaluated, "
            "or their input was adopted "
            f"({_listing(_ids(acting) + _ids(adopted))}).",
            _ids(acting) + _ids(adopted),
        )
    return Finding(
        False,
        "Nothing at this stage records people's input being adopted, or people deciding, "
        "delivering or evaluating with an equal or leading say.",
    )


def _criterion(
    rung: Rung,
    test: Callable[[Evidence], Finding],
    requirement: str,
    holds: Callable[[Evidence], bool],
) -> Criterion:  # pragma: no mutate block (runs at import, before a mutant can be switched in)
    return Criterion(test.__name__.strip("_").replace("_", "-"), rung, requirement, test, holds)


TOOK_PART = _criterion(
    Rung.COERCION,
    _took_part,
    "People with lived experience took part in at least one activity.",
    holds=lambda e: bool(e.activities),
)
HELPED_TO_UNDERSTAND = _criterion(
    Rung.EDUCATING,
    _helped_to_understand,
    "An activity helped people understand how services are designed or delivered.",
    holds=lambda e: bool(e.facts & Fact.EDUCATING),
)
TOLD_OUTCOMES = _criterion(
    Rung.INFORMING,
    _told_outcomes,
    "People were told what was decided and why (an 'inform' activity, or a feedback "
    "response reported back to them).",
    holds=lambda e: bool(e.facts & (Fact.INFORMING | Fact.TOLD)),
)
VIEWS_SOUGHT = _criterion(
    Rung.CONSULTATION,
    _views_sought,
    "At least one activity sought people's views.",
    holds=lambda e: bool(e.facts & Fact.ASKED),
)
VIEWS_SOUGHT_REPEATEDLY = _criterion(
    Rung.ENGAGEMENT,
    _views_sought_repeatedly,
    "Views were sought more than once, or through an ongoing group.",
    holds=lambda e: bool(e.facts & Fact.REPEATED),
)
INPUT_CHANGED_SOMETHING = _criterion(
    Rung.ENGAGEMENT,
    _input_changed_something,
    "People's input is recorded as changing something: a feedback item accepted or "
    "implemented, or an equal or leading say in a decision.",
    holds=lambda e: bool(e.facts & (Fact.ADOPTED | Fact.SHARED_DECISIONS)),
)
DESIGNED_TOGETHER = _criterion(
    Rung.CO_DESIGN,
    _designed_together,
    "People designed at the design or plan stage with at least an equal say.",
    holds=lambda e: bool(e.facts & Fact.DESIGNED_TOGETHER),
)
DESIGN_INPUT_ADOPTED = _criterion(
    Rung.CO_DESIGN,
    _design_input_adopted,
    "Design input from people is recorded as adopted.",
    holds=lambda e: bool(e.facts & Fact.DESIGN_ADOPTED),
)
INVOLVED_FROM_START = _criterion(
    Rung.CO_PRODUCTION,
    _involved_from_start,
    "People were involved from the start: at the understand or plan stage.",
    holds=lambda e: bool(e.facts & Fact.EARLY),
)
SHARED_DECISION = _criterion(
    Rung.CO_PRODUCTION,
    _shared_decision,
    "People had an equal or leading say in at least one strategic decision.",
    holds=lambda e: bool(e.facts & Fact.SHARED_DECISIONS),
)
PART_IN_DELIVERY_OR_REVIEW = _criterion(
    Rung.CO_PRODUCTION,
    _part_in_delivery_or_review,
    "People took part in delivering or reviewing the work.",
    holds=lambda e: bool(e.facts & Fact.DELIVERY_OR_REVIEW),
)
RECIPROCITY = _criterion(
    Rung.CO_PRODUCTION,
    _reciprocity,
    "People were offered reward and recognition for their time.",
    holds=lambda e: bool(e.facts & Fact.REWARD_OFFERED),
)
EQUAL_SAY_IN_THE_WORK = _criterion(
    Rung.CO_PRODUCTION,
    _equal_say_in_the_work,
    "At this stage, people had an equal or leading say in designing, deciding, "
    "delivering or evaluating.",
    holds=lambda e: bool(e.facts & Fact.SHARED_WORK),
)
STAGE_INPUT_USED = _criterion(
    Rung.CO_PRODUCTION,
    _stage_input_used,
    "At this stage, people's input was adopted, or they decided, delivered or evaluated.",
    holds=lambda e: bool(e.facts & (Fact.SHARED_ACTING | Fact.ADOPTED)),
)

_LOWER_RUNGS: dict[Rung, tuple[Criterion, ...]] = {
    Rung.COERCION: (TOOK_PART,),
    Rung.EDUCATING: (HELPED_TO_UNDERSTAND,),
    Rung.INFORMING: (TOLD_OUTCOMES,),
    Rung.CONSULTATION: (VIEWS_SOUGHT,),
    Rung.ENGAGEMENT: (VIEWS_SOUGHT_REPEATEDLY, INPUT_CHANGED_SOMETHING),
    Rung.CO_DESIGN: (DESIGNED_TOGETHER, DESIGN_INPUT_ADOPTED),
}

PROJECT_CRITERIA: dict[Rung, tuple[Criterion, ...]] = {
    **_LOWER_RUNGS,
    Rung.CO_PRODUCTION: (
        DESIGNED_TOGETHER,
        DESIGN_INPUT_ADOPTED,
        INVOLVED_FROM_START,
        SHARED_DECISION,
        PART_IN_DELIVERY_OR_REVIEW,
        RECIPROCITY,
    ),
}
"""Each rung's criteria for a whole project. A rung is reached when all of its hold."""

STAGE_CRITERIA: dict[Rung, tuple[Criterion, ...]] = {
    **_LOWER_RUNGS,
    # Co-production's start-to-end conditions (and reciprocity, which is a matter for
    # the whole relationship) cannot be judged within one stage; within a stage it
    # means people shared that stage's work as equals, and it counted.
    Rung.CO_PRODUCTION: (EQUAL_SAY_IN_THE_WORK, STAGE_INPUT_USED),
}
"""Each rung's criteria for one stage of a project, for the per-stage profile."""
