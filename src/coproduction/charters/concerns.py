"""The shared vocabulary of concerns, and the evidence check behind each.

Charters say similar things in different words. Each charter item is mapped to
one or more of these concerns, and the checks belong to the concerns, so any
charter is checked with the same machinery and a project's evidence can be read
against another charter's items (a crosswalk). The starting list is the product
brief's (domain/charters.md); the checks are the package's own.

Every check gives one of four results:

- ``pass``: all the recorded evidence it reads meets the concern;
- ``partial``: some of it does;
- ``fail``: the evidence is recorded and none of it does;
- ``no-evidence``: the fields it reads are not recorded.

Checks are built so that recording more evidence can turn a pass into a
partial, but never into a fail: a fail needs every piece of evidence to fall
short.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from coproduction._vocab import Word
from coproduction.measures import Population, representativeness
from coproduction.periods import Period
from coproduction.project import Activity, Chair, Project, Purpose, Say, Stage, Venue

if TYPE_CHECKING:
    from coproduction.charters.charter import Parameters

__all__ = ["CHECKS", "Check", "CheckResult", "Concern", "Context", "Outcome"]


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
    SUPPORT_AND_TRAINING = "support-and-training"
    REWARD_AND_RECOGNITION = "reward-and-recognition"
    POWER_SHARING = "power-sharing"
    POWER_IMBALANCE = "power-imbalance"
    TRANSPARENCY = "transparency"
    FEEDBACK_LOOP = "feedback-loop"
    IMPACT_AND_EVALUATION = "impact-and-evaluation"
    LESSER_HEARD_VOICES = "lesser-heard-voices"
    COMMUNITY_PARTNERSHIP = "community-partnership"
    CONFIDENTIALITY = "confidentiality"
    EXISTING_INSIGHT = "existing-insight"


class Outcome(Word):
    """What one check found."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    PARTIAL = "partial"
    FAIL = "fail"
    NO_EVIDENCE = "no-evidence"


@attrs.frozen
class Context:
    """What a check reads besides the project: the charter's parameters and the date."""

    parameters: Parameters
    as_of: datetime.date | None = None
    population: Population | None = None


@attrs.frozen
class CheckResult:
    """One check's outcome, the evidence it used, and what would meet it."""

    check: str
    concern: Concern
    outcome: Outcome
    evidence: tuple[str, ...]
    detail: str
    to_meet: str = ""


@attrs.frozen
class Check:
    """A named evidence check for a concern; ``reads`` says which record fields it uses."""

    id: str
    concern: Concern
    reads: str
    test: Callable[[Project, Context], CheckResult] = attrs.field(repr=False, eq=False)


def _lived(project: Project, as_of: datetime.date | None) -> tuple[Activity, ...]:
    """Activities with people with lived experience, held on or before ``as_of``."""
    return tuple(
        a for a in project.lived_experience_activities() if as_of is None or a.date <= as_of
    )


def _share(good: list[str], total: list[str]) -> Outcome:
    if not total:
        return Outcome.NO_EVIDENCE
    if len(good) == len(total):
        return Outcome.PASS
    return Outcome.PARTIAL if good else Outcome.FAIL


def _result(  # noqa: PLR0917 - the arguments are the result's fields, in order
    check: str,
    concern: Concern,
    outcome: Outcome,
    evidence: tuple[str, ...],
    detail: str,
    to_meet: str,
) -> CheckResult:
    return CheckResult(
        check, concern, outcome, evidence, detail, "" if outcome is Outcome.PASS else to_meet
    )


def _scope_told(project: Project, context: Context) -> CheckResult:
    concern, name = Concern.PURPOSE_AND_SCOPE, "scope-told-first"
    to_meet = (
        "Record the scope (what can and cannot change) and tell people it before "
        "their first activity (scope.told_on)."
    )
    scope = project.scope
    if scope is None or scope.told_on is None or not (scope.can_change or scope.cannot_change):
        return _result(
            name,
            concern,
            Outcome.NO_EVIDENCE,
            (),
            "No scope statement with the date people were told it is recorded.",
            to_meet,
        )
    first = min((a.date for a in _lived(project, context.as_of)), default=None)
    if first is None or scope.told_on <= first:
        return _result(
            name,
            concern,
            Outcome.PASS,
            (f"scope told {scope.told_on}",),
            "People were told the scope before or at their first activity.",
            to_meet,
        )
    return _result(
        name,
        concern,
        Outcome.PARTIAL,
        (f"scope told {scope.told_on}", f"first activity {first}"),
        "The scope was told only after people's first activity.",
        to_meet,
    )


def _flag(  # noqa: PLR0917 - name, concern, value, then the three sentences
    name: str, concern: Concern, value: bool | None, yes: str, no: str, to_meet: str
) -> CheckResult:
    if value is None:
        return _result(name, concern, Outcome.NO_EVIDENCE, (), "Not recorded.", to_meet)
    outcome = Outcome.PASS if value else Outcome.FAIL
    return _result(name, concern, outcome, (), yes if value else no, to_meet)


def _plain_language(project: Project, context: Context) -> CheckResult:
    return _flag(
        "plain-language-checked",
        Concern.PLAIN_LANGUAGE,
        project.plain_language,
        "Materials were checked for plain language.",
        "Materials were not checked for plain language.",
        "Check materials for plain English and no acronyms (plain_language = true).",
    )


def _early(project: Project, context: Context) -> CheckResult:
    concern, name = Concern.EARLY_INVOLVEMENT, "first-activity-early"
    to_meet = "Involve people first at the understand or plan stage, before design work."
    lived = sorted(_lived(project, context.as_of), key=lambda a: (a.date, a.id))
    if not lived:
        return _result(
            name,
            concern,
            Outcome.NO_EVIDENCE,
            (),
            "No activity with people with lived experience is recorded.",
            to_meet,
        )
    early = [a.id for a in lived if a.stage in (Stage.UNDERSTAND, Stage.PLAN)]
    first = lived[0]
    if first.id in early:
        return _result(
            name,
            concern,
            Outcome.PASS,
            (first.id,),
            f"Their first activity ({first.id}, {first.date}) was at the "
            f"{first.stage.value} stage.",
            to_meet,
        )
    outcome = Outcome.PARTIAL if early else Outcome.FAIL
    return _result(
        name,
        concern,
        outcome,
        (first.id, *early),
        f"Their first activity ({first.id}) was at the {first.stage.value} stage"
        + ("; they were involved at understand or plan only later." if early else "."),
        to_meet,
    )


def _ongoing(project: Project, context: Context) -> CheckResult:
    concern, name = Concern.ONGOING_INVOLVEMENT, "more-than-one-occasion"
    lived = _lived(project, context.as_of)
    to_meet = "Involve people on more than one occasion, or through an ongoing group."
    if not lived:
        return _result(name, concern, Outcome.NO_EVIDENCE, (), "No activity recorded.", to_meet)
    sessions = sum(a.sessions for a in lived)
    ongoing = [a.id for a in lived if a.is_standing_group]
    if sessions >= 2 or ongoing:
        return _result(
            name,
            concern,
            Outcome.PASS,
            tuple(a.id for a in lived),
            f"{sessions} sessions"
            + (f"; ongoing group {', '.join(ongoing)}" if ongoing else "")
            + ".",
            to_meet,
        )
    return _result(
        name,
        concern,
        Outcome.FAIL,
        tuple(a.id for a in lived),
        "People were involved once only.",
        to_meet,
    )


def _places(project: Project, context: Context) -> CheckResult:
    lived = [a for a in _lived(project, context.as_of) if a.venue is not None]
    suits = [a.id for a in lived if a.venue in (Venue.COMMUNITY, Venue.HOME)]
    outcome = Outcome.NO_EVIDENCE if not lived else (Outcome.PASS if suits else Outcome.FAIL)
    return _result(
        "community-or-home-venue",
        Concern.PLACES_THAT_SUIT,
        outcome,
        tuple(suits or (a.id for a in lived)),
        f"{len(suits)} of {len(lived)} activities with a venue recorded were held in "
        "the community or at home."
        if lived
        else "No venues are recorded.",
        "Hold at least one activity where people are: a community group's space "
        'or at home (venue = "community" or "home").',
    )


def _methods(project: Project, context: Context) -> CheckResult:
    wanted = context.parameters.methods
    formats = {a.format for a in _lived(project, context.as_of) if a.format is not None}
    to_meet = f"Offer at least {wanted} different formats (in person, online, telephone, ...)."
    if not formats:
        return _result(
            "distinct-formats",
            Concern.RANGE_OF_METHODS,
            Outcome.NO_EVIDENCE,
            (),
            "No formats are recorded.",
            to_meet,
        )
    names = tuple(sorted(f.value for f in formats))
    outcome = (
        Outcome.PASS
        if len(formats) >= wanted
        else Outcome.PARTIAL
        if len(formats) > 1
        else Outcome.FAIL
    )
    return _result(
        "distinct-formats",
        Concern.RANGE_OF_METHODS,
        outcome,
        names,
        f"{len(formats)} format(s): {', '.join(names)}.",
        to_meet,
    )


def _adaptations(project: Project, context: Context) -> CheckResult:
    asked, done = [], []
    for activity in _lived(project, context.as_of):
        for need in activity.adaptations_requested:
            asked.append(f"{activity.id}:{need.value}")
            if need in activity.adaptations_provided:
                done.append(f"{activity.id}:{need.value}")
    outcome = _share(done, asked)
    missing = sorted(set(asked) - set(done))
    return _result(
        "adaptations-provided",
        Concern.ACCESSIBILITY,
        outcome,
        tuple(asked),
        f"{len(done)} of {len(asked)} requested adaptations were provided"
        + (f"; not provided: {', '.join(missing)}." if missing else ".")
        if asked
        else "No adaptations were requested or none are recorded.",
        "Provide every adaptation people ask for (adaptations_provided).",
    )


def _notice(project: Project, context: Context) -> CheckResult:
    days = context.parameters.notice_days
    recorded = [a for a in _lived(project, context.as_of) if a.notice_sent is not None]
    good = [
        a.id
        for a in recorded
        if a.notice_sent is not None and (a.date - a.notice_sent).days >= days
    ]
    short = [
        f"{a.id} ({(a.date - a.notice_sent).days} days)"
        for a in recorded
        if a.notice_sent is not None and a.id not in good
    ]
    return _result(
        "notice-period",
        Concern.TIME_TO_PREPARE,
        _share(good, [a.id for a in recorded]),
        tuple(a.id for a in recorded),
        (
            f"{len(good)} of {len(recorded)} activities gave at least {days} days' "
            "notice" + (f"; too short: {', '.join(short)}." if short else ".")
        )
        if recorded
        else "No notice dates are recorded.",
        f"Send papers and invitations at least {days} days before each meeting (notice_sent).",
    )


def _training(project: Project, context: Context) -> CheckResult:
    return _flag(
        "training-offered",
        Concern.SUPPORT_AND_TRAINING,
        project.training_offered,
        "Information and training were offered.",
        "No training was offered.",
        "Offer information and training so people can take part (training_offered).",
    )


def _reward_offered(project: Project, context: Context) -> CheckResult:
    return _flag(
        "reward-offered",
        Concern.REWARD_AND_RECOGNITION,
        project.reward_offered,
        "People were offered reward and recognition.",
        "People were not offered reward and recognition.",
        "Offer reward and recognition for people's time (reward_offered).",
    )


def _paid_on_time(project: Project, context: Context) -> CheckResult:
    days = context.parameters.payment_days
    recorded, good = [], []
    for payment in project.payments:
        activity = project.activity(payment.activity)
        if activity is None:
            continue
        label = f"{payment.activity}:{payment.participant or 'payment'}"
        recorded.append(label)
        if (payment.paid_on - activity.last_date).days <= days:
            good.append(label)
    return _result(
        "paid-on-time",
        Concern.REWARD_AND_RECOGNITION,
        _share(good, recorded),
        tuple(recorded),
        f"{len(good)} of {len(recorded)} payments were made within {days} days."
        if recorded
        else "No payments are recorded.",
        f"Pay people within {days} days of the activity (payments).",
    )


def _power_sharing(project: Project, context: Context) -> CheckResult:
    lived = _lived(project, context.as_of)
    chaired = [a for a in lived if a.chair is not None]
    shared = [a.id for a in chaired if a.chair in (Chair.LIVED_EXPERIENCE, Chair.CO_CHAIR)]
    decisions = [
        a
        for a in lived
        if (a.stage is Stage.DECIDE or Purpose.DECIDE in a.purpose) and a.say is not None
    ]
    decided = [a.id for a in decisions]
    equal = [a.id for a in decisions if a.say in (Say.EQUAL, Say.LEAD)]
    recorded = bool(chaired or decisions)
    good = shared + equal
    outcome = Outcome.NO_EVIDENCE if not recorded else Outcome.PASS if good else Outcome.FAIL
    return _result(
        "lived-experience-chair-or-equal-decision",
        Concern.POWER_SHARING,
        outcome,
        tuple(good or [a.id for a in chaired] + decided),
        (
            f"Chaired or co-chaired by people with lived experience: "
            f"{', '.join(shared) or 'none'}; decisions with an equal or leading say: "
            f"{', '.join(equal) or 'none'}."
        )
        if recorded
        else "Neither who chaired nor the say in decisions is recorded.",
        "Have a person with lived experience chair or co-chair, or give people an "
        "equal or leading say in a decision.",
    )


def _listed(
    name: str, concern: Concern, values: tuple[str, ...], what: str, to_meet: str
) -> CheckResult:
    if not values:
        return _result(name, concern, Outcome.NO_EVIDENCE, (), f"No {what} recorded.", to_meet)
    return _result(
        name, concern, Outcome.PASS, values, f"{what.capitalize()}: {'; '.join(values)}.", to_meet
    )


def _power_imbalance(project: Project, context: Context) -> CheckResult:
    return _listed(
        "power-actions",
        Concern.POWER_IMBALANCE,
        project.power_actions,
        "steps to manage power imbalances",
        "Record the steps taken to acknowledge and manage power imbalances (power_actions).",
    )


def _transparency(project: Project, context: Context) -> CheckResult:
    scope = project.scope
    stated = bool(scope and scope.cannot_change.strip())
    outcome = Outcome.PASS if stated else Outcome.NO_EVIDENCE
    return _result(
        "cannot-change-stated",
        Concern.TRANSPARENCY,
        outcome,
        (),
        "People were told what cannot change."
        if stated
        else "What cannot be changed or influenced is not recorded.",
        "Tell people what cannot be changed or influenced (scope.cannot_change).",
    )


def _feedback_loop(project: Project, context: Context) -> CheckResult:
    days = context.parameters.report_back_days
    items, good = [], []
    for item in project.feedback:
        activity = project.activity(item.activity)
        if activity is None or not project.involves_lived_experience(activity):
            continue
        items.append(item.id)
        told = item.reported_back
        if item.response.strip() and told is not None and (told - activity.date).days <= days:
            good.append(item.id)
    return _result(
        "responded-and-reported-back",
        Concern.FEEDBACK_LOOP,
        _share(good, items),
        tuple(items),
        f"{len(good)} of {len(items)} items have a response reported back within {days} days."
        if items
        else 'No "you said" items are recorded.',
        f'Respond to every "you said" item and tell people within {days} days '
        "(response, reported_back).",
    )


def _impact(project: Project, context: Context) -> CheckResult:
    lived = _lived(project, context.as_of)
    changed = [f.id for f in project.feedback if f.changed_something]
    reviewed = [a.id for a in lived if a.stage is Stage.REVIEW or Purpose.EVALUATE in a.purpose]
    recorded = bool(project.feedback or reviewed)
    good = changed + reviewed
    outcome = Outcome.NO_EVIDENCE if not recorded else Outcome.PASS if good else Outcome.FAIL
    return _result(
        "impact-recorded",
        Concern.IMPACT_AND_EVALUATION,
        outcome,
        tuple(good),
        f"Input that changed something: {', '.join(changed) or 'none'}; "
        f"evaluated with people: {', '.join(reviewed) or 'none'}."
        if recorded
        else "No feedback or evaluation is recorded.",
        "Record what people's input changed (accepted or implemented), or evaluate with them.",
    )


def _lesser_heard(project: Project, context: Context) -> CheckResult:
    targeted = tuple(f"{a.id}:{g}" for a in _lived(project, context.as_of) for g in a.targeted)
    to_meet = (
        "Reach groups under-represented against the population, or record targeted "
        "activity with them (targeted)."
    )
    under: list[str] = []
    compared = False
    lived = _lived(project, context.as_of)
    if context.population is not None and lived:
        period = Period(min(a.date for a in lived), max(a.last_date for a in lived))
        for field in context.population.fields:
            rep = representativeness(
                [project],
                context.population,
                period,
                by=field,
                threshold=context.parameters.threshold,
            )
            if rep.people > rep.unknown:
                compared = True
                under += [f"{field}:{g.group}" for g in rep.groups if g.under_represented]
    if compared and not under:
        return _result(
            "representative-or-targeted",
            Concern.LESSER_HEARD_VOICES,
            Outcome.PASS,
            (),
            "No group is under-represented beyond the threshold.",
            to_meet,
        )
    if under:
        return _result(
            "representative-or-targeted",
            Concern.LESSER_HEARD_VOICES,
            # Some groups are reached and some are not: partly, never a plain fail.
            Outcome.PARTIAL,
            tuple(under) + targeted,
            f"Under-represented: {', '.join(under)}"
            + (f"; targeted activity: {', '.join(targeted)}." if targeted else "."),
            to_meet,
        )
    if targeted:
        return _result(
            "representative-or-targeted",
            Concern.LESSER_HEARD_VOICES,
            Outcome.PASS,
            targeted,
            f"Targeted activity with: {', '.join(targeted)}.",
            to_meet,
        )
    return _result(
        "representative-or-targeted",
        Concern.LESSER_HEARD_VOICES,
        Outcome.NO_EVIDENCE,
        (),
        "Neither participants' groups against a population nor targeted activity is recorded.",
        to_meet,
    )


def _partners(project: Project, context: Context) -> CheckResult:
    return _listed(
        "community-partners",
        Concern.COMMUNITY_PARTNERSHIP,
        project.partners,
        "community and voluntary partners",
        "Work with community and voluntary groups (partners).",
    )


def _confidentiality(project: Project, context: Context) -> CheckResult:
    return _flag(
        "privacy-notice",
        Concern.CONFIDENTIALITY,
        project.privacy_notice,
        "People were told how their information is kept confidential.",
        "People were not told how their information is kept.",
        "Tell people how their information is used and kept confidential (privacy_notice).",
    )


def _insight(project: Project, context: Context) -> CheckResult:
    return _listed(
        "insight-used",
        Concern.EXISTING_INSIGHT,
        project.insight_used,
        "existing insight used",
        "Use the feedback and information already held (insight_used).",
    )


def _check(concern: Concern, reads: str, test: Callable[[Project, Context], CheckResult]) -> Check:
    return Check(test.__name__.strip("_"), concern, reads, test)


CHECKS: tuple[Check, ...] = (
    _check(Concern.PURPOSE_AND_SCOPE, "scope, activities", _scope_told),
    _check(Concern.PLAIN_LANGUAGE, "plain_language", _plain_language),
    _check(Concern.EARLY_INVOLVEMENT, "activities (date, stage)", _early),
    _check(Concern.ONGOING_INVOLVEMENT, "activities (sessions, kind)", _ongoing),
    _check(Concern.PLACES_THAT_SUIT, "activities (venue)", _places),
    _check(Concern.RANGE_OF_METHODS, "activities (format); parameter methods", _methods),
    _check(
        Concern.ACCESSIBILITY,
        "activities (adaptations_requested, adaptations_provided)",
        _adaptations,
    ),
    _check(
        Concern.TIME_TO_PREPARE, "activities (notice_sent, date); parameter notice_days", _notice
    ),
    _check(Concern.SUPPORT_AND_TRAINING, "training_offered", _training),
    _check(Concern.REWARD_AND_RECOGNITION, "reward_offered", _reward_offered),
    _check(Concern.REWARD_AND_RECOGNITION, "payments; parameter payment_days", _paid_on_time),
    _check(Concern.POWER_SHARING, "activities (chair, say, stage, purpose)", _power_sharing),
    _check(Concern.POWER_IMBALANCE, "power_actions", _power_imbalance),
    _check(Concern.TRANSPARENCY, "scope (cannot_change)", _transparency),
    _check(
        Concern.FEEDBACK_LOOP,
        "feedback (response, reported_back); parameter report_back_days",
        _feedback_loop,
    ),
    _check(
        Concern.IMPACT_AND_EVALUATION, "feedback (status), activities (stage, purpose)", _impact
    ),
    _check(
        Concern.LESSER_HEARD_VOICES,
        "participants (groups) with a population; activities (targeted); parameter threshold",
        _lesser_heard,
    ),
    _check(Concern.COMMUNITY_PARTNERSHIP, "partners", _partners),
    _check(Concern.CONFIDENTIALITY, "privacy_notice", _confidentiality),
    _check(Concern.EXISTING_INSIGHT, "insight_used", _insight),
)
"""Every check, in concern order; each concern has at least one."""
