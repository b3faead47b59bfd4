"""The evidence checks behind the concerns, each declared once.

Each check is declared in one place, with its id, its concern, the record
fields it reads, its plain-English "to meet" and when it is partly met, below
the function that reads the evidence view (:mod:`coproduction.evidence`) and
returns the outcome, the evidence used and a detail. ``docs/charters.md``'s
table is held to these declarations by a test.

Every check reads the project as known on the as-of day: only activities held
by then, feedback raised by then with its status on that day, report-backs,
payments and the scope told only when dated on or before it.

Checks are built so that recording more evidence can turn a pass into a
partial, but never into a fail: a fail needs every piece of evidence to fall
short.

>>> [c.id for c in CHECKS][:3]
['scope-told-first', 'plain-language-checked', 'first-activity-early']
>>> by_id("notice-period").to_meet_for(Parameters(notice_days=10))
'Send papers and invitations at least 10 days before each meeting (notice_sent).'
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from coproduction.charters.charter import Parameters
from coproduction.charters.concerns import Concern, Outcome
from coproduction.evidence import SHARED_SAY, Evidence, evidence_of
from coproduction.measures import Population
from coproduction.measures.core import representativeness_in
from coproduction.project import Activity, Chair, Project, Purpose, Stage, Venue

if TYPE_CHECKING:
    from coproduction.plan import ForwardPlan
    from coproduction.rewards.reconciliation import Reconciliation

__all__ = ["CHECKS", "Check", "CheckResult", "Context", "Found", "by_id"]


@attrs.frozen
class Context:
    """What a check reads besides the evidence: the charter's parameters and the population.

    ``reconciliation`` (the project's payments reconciled against its claims and
    policy, :func:`coproduction.rewards.reconcile`) lets the paid-on-time check
    also ask whether the amounts paid follow the policy. ``plans`` (published
    forward plans, :mod:`coproduction.plan`) let the early-involvement check ask
    whether activities were on a plan before they happened.
    """

    parameters: Parameters
    as_of: datetime.date
    population: Population | None = None
    reconciliation: Reconciliation | None = None
    plans: tuple[ForwardPlan, ...] = ()


@attrs.frozen
class Found:
    """What a check's function returns: the outcome, the evidence used, and a detail."""

    outcome: Outcome
    evidence: tuple[str, ...]
    detail: str


@attrs.frozen
class CheckResult:
    """One check's outcome, the evidence it used, and what would meet it."""

    check: str
    concern: Concern
    outcome: Outcome
    evidence: tuple[str, ...]
    detail: str
    to_meet: str = ""


_PARAMETER = re.compile(r"`(notice_days|report_back_days|payment_days|methods|threshold)`")


@attrs.frozen
class Check:
    """A named evidence check for a concern, declared once.

    ``reads`` names the record fields it uses; ``to_meet`` says what would meet
    it and ``partly`` when it is partly met, with charter parameters in
    backticks (filled in by :meth:`to_meet_for`).
    """

    id: str
    concern: Concern
    reads: str
    to_meet: str
    partly: str
    evaluate: Callable[[Evidence, Context], Found] = attrs.field(repr=False, eq=False)
    # A check that reads an input given only sometimes (``"plans"``) runs only when it is:
    # without it, the reports are what they were before the input existed.
    needs: str = ""

    def applies(self, context: Context) -> bool:
        """Whether the check runs with ``context`` (its input, if it needs one, is given)."""
        return not self.needs or bool(getattr(context, self.needs))

    def to_meet_for(self, parameters: Parameters) -> str:
        """``to_meet`` with the charter's parameters filled in."""
        return _PARAMETER.sub(lambda m: str(getattr(parameters, m.group(1))), self.to_meet)

    def run(self, evidence: Evidence | Project, context: Context) -> CheckResult:
        """The check applied to an evidence view (or a project, read as of ``context.as_of``)."""
        view = evidence if isinstance(evidence, Evidence) else evidence_of(evidence, context.as_of)
        found = self.evaluate(view, context)
        to_meet = "" if found.outcome is Outcome.PASS else self.to_meet_for(context.parameters)
        return CheckResult(
            self.id, self.concern, found.outcome, found.evidence, found.detail, to_meet
        )


_DECLARED: list[Check] = []


def _check(
    evaluate: Callable[[Evidence, Context], Found],
    check_id: str,
    concern: Concern,
    reads: str,
    to_meet: str,
    *,
    partly: str = "never",
    needs: str = "",
) -> None:  # pragma: no mutate block (runs at import, before a mutant can be switched in)
    # A call below each function rather than a decorator above it: mutation testing
    # (mutmut, docs/mutation.md) leaves decorated functions unmutated.
    _DECLARED.append(Check(check_id, concern, reads, to_meet, partly, evaluate, needs))


def _share(good: list[str], total: list[str]) -> Outcome:
    if not total:
        return Outcome.NO_EVIDENCE
    if len(good) == len(total):
        return Outcome.PASS
    return Outcome.PARTIAL if good else Outcome.FAIL


def _flag(value: bool | None, yes: str, no: str) -> Found:
    if value is None:
        return Found(Outcome.NO_EVIDENCE, (), "Not recorded.")
    return Found(Outcome.PASS if value else Outcome.FAIL, (), yes if value else no)


def _listed(values: tuple[str, ...], what: str) -> Found:
    if not values:
        return Found(Outcome.NO_EVIDENCE, (), f"No {what} recorded.")
    return Found(Outcome.PASS, values, f"{what.capitalize()}: {'; '.join(values)}.")


def _ids(activities: Iterable[Activity]) -> tuple[str, ...]:
    return tuple(a.id for a in activities)


def _scope_told(evidence: Evidence, context: Context) -> Found:
    scope, told = evidence.scope, evidence.scope_told_on
    if scope is None or told is None or not (scope.can_change or scope.cannot_change):
        return Found(
            Outcome.NO_EVIDENCE,
            (),
            "No scope statement told to people by this day is recorded.",
        )
    dates = sorted(a.date for a in evidence.activities)
    before = [d for d in dates if d < told]
    if not before:
        return Found(
            Outcome.PASS,
            (f"scope told {told}",),
            "People were told the scope before or at their first activity.",
        )
    after = len(dates) - len(before)
    # Told late: partly met while later activities still had it beforehand; not met when
    # it came only after every activity held so far.
    return Found(
        Outcome.PARTIAL if after else Outcome.FAIL,
        (f"scope told {told}", f"first activity {dates[0]}"),
        f"The scope was told only after people's first activity ({dates[0]}): "
        f"{len(before)} of {len(dates)} activities came before it.",
    )


_check(
    _scope_told,
    "scope-told-first",
    Concern.PURPOSE_AND_SCOPE,
    "`scope` (can_change, cannot_change, told_on), activities' date",
    "Record the scope (what can and cannot change) and tell people it before their first "
    "activity (scope.told_on).",
    partly="the scope was told after people's first activity but before some later one",
)


def _plain_language(evidence: Evidence, context: Context) -> Found:
    return _flag(
        evidence.project.plain_language,
        "Materials were checked for plain language.",
        "Materials were not checked for plain language.",
    )


_check(
    _plain_language,
    "plain-language-checked",
    Concern.PLAIN_LANGUAGE,
    "`plain_language`",
    "Check materials for plain English and no acronyms (plain_language = true).",
)


def _early(evidence: Evidence, context: Context) -> Found:
    first = evidence.first
    if first is None:
        return Found(
            Outcome.NO_EVIDENCE, (), "No activity with people with lived experience is recorded."
        )
    early = _ids(evidence.early)
    if first.id in early:
        return Found(
            Outcome.PASS,
            (first.id,),
            f"Their first activity ({first.id}, {first.date}) was at the "
            f"{first.stage.value} stage.",
        )
    return Found(
        Outcome.PARTIAL if early else Outcome.FAIL,
        (first.id, *early),
        f"Their first activity ({first.id}) was at the {first.stage.value} stage"
        + ("; they were involved at understand or plan only later." if early else "."),
    )


_check(
    _early,
    "first-activity-early",
    Concern.EARLY_INVOLVEMENT,
    "activities' date and stage",
    "Involve people first at the understand or plan stage, before design work.",
    partly="people's first activity came later, but they were involved at understand or plan after",
)


def _planned(evidence: Evidence, context: Context) -> Found:
    # "Publish a rolling programme of engagement" (ADASS East of England 2023, L.966); Barnet
    # will be "clearer in communicating our plans for the year" (Barnet strategy 2022, L.250).
    plans = [p for p in context.plans if p.published <= context.as_of]
    if not plans:
        return Found(
            Outcome.NO_EVIDENCE, (), f"No forward plan had been published by {context.as_of}."
        )
    first = min(p.published for p in plans)
    judged = [a for a in evidence.activities if a.date > first]
    if not judged:
        return Found(
            Outcome.NO_EVIDENCE,
            (),
            f"Every activity came before the first forward plan was published ({first}).",
        )
    project = evidence.project.id
    ahead = [
        a.id
        for a in judged
        if any(
            p.published < a.date
            and any(o.project == project and o.activity == a.id for o in p.opportunities)
            for p in plans
        )
    ]
    missing = [a.id for a in judged if a.id not in ahead]
    detail = f"{len(ahead)} of {len(judged)} activities held since {first} were on a plan ahead"
    return Found(
        _share(ahead, [a.id for a in judged]),
        tuple(ahead),
        detail + (f"; not on one: {', '.join(missing)}." if missing else "."),
    )


_check(
    _planned,
    "on-the-forward-plan",
    Concern.EARLY_INVOLVEMENT,
    "a forward plan's `published` date and its opportunities' `project` and `activity` "
    "(only when a plan is given)",
    "List each activity on a published forward plan before it happens (an opportunity "
    "naming the project and the activity).",
    partly="some activities were on a plan published before them, and some were not",
    needs="plans",
)


def _ongoing(evidence: Evidence, context: Context) -> Found:
    held = evidence.activities
    if not held:
        return Found(Outcome.NO_EVIDENCE, (), "No activity recorded.")
    sessions = sum(evidence.sessions(a) for a in held)
    ongoing = [a.id for a in held if a.is_standing_group]
    if sessions >= 2 or ongoing:
        return Found(
            Outcome.PASS,
            _ids(held),
            f"{sessions} sessions held"
            + (f"; ongoing group {', '.join(ongoing)}" if ongoing else "")
            + ".",
        )
    return Found(Outcome.FAIL, _ids(held), "People were involved once only.")


_check(
    _ongoing,
    "more-than-one-occasion",
    Concern.ONGOING_INVOLVEMENT,
    "activities' sessions, until and kind",
    "Involve people on more than one occasion, or through an ongoing group.",
)


def _places(evidence: Evidence, context: Context) -> Found:
    placed = [a for a in evidence.activities if a.venue is not None]
    suits = [a.id for a in placed if a.venue in (Venue.COMMUNITY, Venue.HOME)]
    if not placed:
        return Found(Outcome.NO_EVIDENCE, (), "No venues are recorded.")
    return Found(
        Outcome.PASS if suits else Outcome.FAIL,
        tuple(suits or _ids(placed)),
        f"{len(suits)} of the {len(placed)} activities with a venue recorded were held in "
        "the community or at home.",
    )


_check(
    _places,
    "community-or-home-venue",
    Concern.PLACES_THAT_SUIT,
    "activities' `venue`",
    "Hold at least one activity where people are: a community group's space or at home "
    '(venue = "community" or "home").',
)


def _methods(evidence: Evidence, context: Context) -> Found:
    wanted = context.parameters.methods
    formats = {f for a in evidence.activities for f in (a.format, *a.also_offered) if f is not None}
    if not formats:
        return Found(Outcome.NO_EVIDENCE, (), "No formats are recorded.")
    names = tuple(sorted(f.value for f in formats))
    outcome = (
        Outcome.PASS
        if len(formats) >= wanted
        else Outcome.PARTIAL
        if len(formats) > 1
        else Outcome.FAIL
    )
    return Found(
        outcome, names, f"{len(formats)} formats (at least {wanted} wanted): {', '.join(names)}."
    )


_check(
    _methods,
    "distinct-formats",
    Concern.RANGE_OF_METHODS,
    "activities' `format` and `also_offered`; parameter `methods`",
    "Offer at least `methods` different formats (in person, online, telephone, ...).",
    partly="more than one format, but fewer than `methods`",
)


def _adaptations(evidence: Evidence, context: Context) -> Found:
    asked, done = [], []
    for activity in evidence.activities:
        for need in activity.adaptations_requested:
            asked.append(f"{activity.id}:{need.value}")
            if need in activity.adaptations_provided:
                done.append(f"{activity.id}:{need.value}")
    if not asked:
        return Found(Outcome.NO_EVIDENCE, (), "No adaptations were requested or none are recorded.")
    missing = sorted(set(asked) - set(done))
    return Found(
        _share(done, asked),
        tuple(asked),
        f"{len(done)} of {len(asked)} requested adaptations were provided"
        + (f"; not provided: {', '.join(missing)}." if missing else "."),
    )


_check(
    _adaptations,
    "adaptations-provided",
    Concern.ACCESSIBILITY,
    "activities' `adaptations_requested`, `adaptations_provided`",
    "Provide every adaptation people ask for (adaptations_provided).",
    partly="some requested adaptations were provided and some were not",
)


def _notice(evidence: Evidence, context: Context) -> Found:
    days = context.parameters.notice_days
    given = [(a, (a.date - a.notice_sent).days) for a in evidence.activities if a.notice_sent]
    if not given:
        return Found(Outcome.NO_EVIDENCE, (), "No notice dates are recorded.")
    good = [a.id for a, n in given if n >= days]
    short = [f"{a.id} ({n} days)" for a, n in given if n < days]
    return Found(
        _share(good, [a.id for a, _ in given]),
        tuple(a.id for a, _ in given),
        f"{len(good)} of {len(given)} activities gave at least {days} days' notice"
        + (f"; too short: {', '.join(short)}." if short else "."),
    )


_check(
    _notice,
    "notice-period",
    Concern.TIME_TO_PREPARE,
    "activities' `notice_sent` and date (a series: its first session); parameter `notice_days`",
    "Send papers and invitations at least `notice_days` days before each meeting (notice_sent).",
    partly="some activities had the notice and some did not",
)


def _support(evidence: Evidence, context: Context) -> Found:
    return _listed(evidence.project.support_offered, "support offered")


_check(
    _support,
    "support-offered",
    Concern.SUPPORT,
    "`support_offered`",
    "Offer support to the people sharing their experiences: pre-meetings, advocacy, "
    "debriefs (support_offered).",
)


def _training(evidence: Evidence, context: Context) -> Found:
    return _flag(
        evidence.project.training_offered,
        "Information and training were offered.",
        "No information or training was offered.",
    )


_check(
    _training,
    "training-offered",
    Concern.INFORMATION_AND_TRAINING,
    "`training_offered`",
    "Offer information and training so people can take part (training_offered).",
)


def _reward_offered(evidence: Evidence, context: Context) -> Found:
    return _flag(
        evidence.reward_offered,
        "People were offered reward and recognition.",
        "People were not offered reward and recognition.",
    )


_check(
    _reward_offered,
    "reward-offered",
    Concern.REWARD_AND_RECOGNITION,
    "`reward_offered`",
    "Offer reward and recognition for people's time (reward_offered).",
)


def _paid_on_time(evidence: Evidence, context: Context) -> Found:
    days = context.parameters.payment_days
    held = {a.id: a for a in evidence.activities}
    recorded, good, differ = [], [], []
    reconciled = context.reconciliation
    for payment in evidence.payments:
        label = f"{payment.activity}:{payment.participant or 'payment'}"
        recorded.append(label)
        on_time = (payment.paid_on - held[payment.activity].last_date).days <= days
        entry = reconciled.entry(payment.participant, payment.activity) if reconciled else None
        as_policy = (
            entry is None
            or payment.amount is None
            or entry.owed is None  # not worked out: no claim gives the length
            or entry.paid == entry.owed
        )
        if not as_policy:
            differ.append(label)
        if on_time and as_policy:
            good.append(label)
    if not recorded:
        return Found(Outcome.NO_EVIDENCE, (), "No payments are recorded.")
    detail = f"{len(good)} of {len(recorded)} payments were made within {days} days"
    if reconciled is not None:
        detail += " and for the amount the policy gives" + (
            f"; paid differs from owed: {', '.join(differ)}" if differ else ""
        )
    return Found(_share(good, recorded), tuple(recorded), detail + ".")


_check(
    _paid_on_time,
    "paid-on-time",
    Concern.REWARD_AND_RECOGNITION,
    "`payments` (paid_on, amount), activities' last session; parameter `payment_days`; "
    "a reconciliation when claims and a policy are given",
    "Pay people within `payment_days` days of the activity, the amounts the policy gives "
    "(payments; a series counts from its last session; amounts are checked when the claims "
    "and the policy are given).",
    partly="some payments were on time and as the policy gives, and some were not",
)


def _power_sharing(evidence: Evidence, context: Context) -> Found:
    chaired = [a for a in evidence.activities if a.chair is not None]
    shared = [a.id for a in chaired if a.chair in (Chair.LIVED_EXPERIENCE, Chair.CO_CHAIR)]
    decisions = [a for a in evidence.decisions if a.say is not None]
    equal = [a.id for a in decisions if a.say in SHARED_SAY]
    if not (chaired or decisions):
        return Found(
            Outcome.NO_EVIDENCE,
            (),
            "Neither who chaired nor the say in decisions is recorded.",
        )
    good = shared + equal
    return Found(
        Outcome.PASS if good else Outcome.FAIL,
        tuple(good or [*_ids(chaired), *_ids(decisions)]),
        f"Chaired or co-chaired by people with lived experience: {', '.join(shared) or 'none'}; "
        f"decisions with an equal or leading say: {', '.join(equal) or 'none'}.",
    )


_check(
    _power_sharing,
    "lived-experience-chair-or-equal-decision",
    Concern.POWER_SHARING,
    "activities' `chair`, `say`, stage and purpose",
    "Have a person with lived experience chair or co-chair, or give people an equal or "
    "leading say in a decision.",
)


def _power_imbalance(evidence: Evidence, context: Context) -> Found:
    return _listed(evidence.project.power_actions, "steps to manage power imbalances")


_check(
    _power_imbalance,
    "power-actions",
    Concern.POWER_IMBALANCE,
    "`power_actions`",
    "Record the steps taken to acknowledge and manage power imbalances (power_actions).",
)


def _transparency(evidence: Evidence, context: Context) -> Found:
    scope = evidence.scope
    # An undated statement counts; a dated one only once it had been told.
    told = scope is not None and (scope.told_on is None or evidence.scope_told_on is not None)
    if scope and scope.cannot_change.strip() and told:
        return Found(Outcome.PASS, (), "People were told what cannot change.")
    return Found(Outcome.NO_EVIDENCE, (), "What cannot be changed or influenced is not recorded.")


_check(
    _transparency,
    "cannot-change-stated",
    Concern.TRANSPARENCY,
    "`scope` (cannot_change, told_on)",
    "Tell people what cannot be changed or influenced (scope.cannot_change).",
)


def _feedback_loop(evidence: Evidence, context: Context) -> Found:
    days = context.parameters.report_back_days
    due, good, pending = [], [], []
    for item in evidence.feedback:
        told = item.reported_back if item.told else None
        if told is not None and (told - item.raised_on).days <= days:
            good.append(item.id)
            due.append(item.id)
        elif told is not None or (evidence.as_of - item.raised_on).days > days:
            due.append(item.id)
        else:
            pending.append(item.id)  # still within its time: not yet due
    if not due:
        detail = 'No "you said" items are recorded.'
        if pending:
            detail = f'{len(pending)} "you said" items are still within their {days} days.'
        return Found(Outcome.NO_EVIDENCE, tuple(pending), detail)
    return Found(
        _share(good, due),
        tuple(due),
        f"{len(good)} of the {len(due)} items due by {evidence.as_of} had a response "
        f"reported back within {days} days ({len(evidence.feedback)} raised).",
    )


_check(
    _feedback_loop,
    "responded-and-reported-back",
    Concern.FEEDBACK_LOOP,
    "feedback `response`, `reported_back`, `raised_on` (default: the activity's last "
    "session); parameter `report_back_days`",
    'Respond to every "you said" item and tell people within `report_back_days` days '
    "of the session it was raised in (response, reported_back).",
    partly="some items due by this day were reported back in time and some were not",
)


def _impact(evidence: Evidence, context: Context) -> Found:
    changed = [f.id for f in evidence.adopted]
    reviewed = [
        a.id
        for a in evidence.activities
        if a.stage is Stage.REVIEW or Purpose.EVALUATE in a.purpose
    ]
    if not (evidence.feedback or reviewed):
        return Found(Outcome.NO_EVIDENCE, (), "No feedback or evaluation is recorded.")
    good = changed + reviewed
    return Found(
        Outcome.PASS if good else Outcome.FAIL,
        tuple(good),
        f"Input that changed something: {len(changed)} of {len(evidence.feedback)} items "
        f"({', '.join(changed) or 'none'}); "
        f"evaluated with people: {', '.join(reviewed) or 'none'}.",
    )


_check(
    _impact,
    "impact-recorded",
    Concern.IMPACT_AND_EVALUATION,
    "feedback status on the day, activities' stage and purpose",
    "Record what people's input changed (accepted or implemented), or evaluate with them.",
)


def _aimed_at(targeted: str, field: str, group: str) -> bool:
    """Whether a ``targeted`` entry names ``group`` (as ``field:group`` or as a word in it)."""
    text = targeted.casefold()
    name = group.casefold()
    return (
        text == f"{field.casefold()}:{name}"
        or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
    )


def _lesser_heard(evidence: Evidence, context: Context) -> Found:
    targets = [(a.id, t) for a in evidence.activities for t in a.targeted]
    targeted = tuple(f"{aid}:{t}" for aid, t in targets)
    under: list[tuple[str, str]] = []
    compared = False
    if context.population is not None and evidence.activities:
        for field in context.population.fields:
            rep = representativeness_in(
                evidence, context.population, field, context.parameters.threshold
            )
            if rep.people > rep.unknown:
                compared = True
                under += [(field, g.group) for g in rep.groups if g.under_represented]
    if under:
        # Targeted activity aimed at an under-represented group counts for that group.
        reached = {
            (field, group): [aid for aid, t in targets if _aimed_at(t, field, group)]
            for field, group in under
        }
        missing = [f"{f}:{g}" for (f, g), found in reached.items() if not found]
        covered = [
            f"{f}:{g} (targeted in {', '.join(found)})"
            for (f, g), found in reached.items()
            if found
        ]
        text = "Under-represented: " + ", ".join(f"{f}:{g}" for f, g in under)
        if covered:
            text += "; reached by targeted activity: " + "; ".join(covered)
        return Found(
            Outcome.PARTIAL if missing else Outcome.PASS,
            tuple(missing) + targeted if missing else targeted,
            text + (f"; no targeted activity for: {', '.join(missing)}." if missing else "."),
        )
    if compared:
        return Found(Outcome.PASS, (), "No group is under-represented beyond the threshold.")
    if targeted:
        return Found(Outcome.PASS, targeted, f"Targeted activity with: {', '.join(targeted)}.")
    return Found(
        Outcome.NO_EVIDENCE,
        (),
        "Neither participants' groups against a population nor targeted activity is recorded.",
    )


_check(
    _lesser_heard,
    "representative-or-targeted",
    Concern.LESSER_HEARD_VOICES,
    "participants' `groups` with a population; activities' `targeted`; parameter `threshold`",
    "Reach the groups under-represented against the population, or hold targeted activity "
    "aimed at each of them (targeted).",
    partly="some under-represented groups have no targeted activity aimed at them",
)


def _experience(evidence: Evidence, context: Context) -> Found:
    listed = sorted(
        evidence.lived_ids.intersection(pid for a in evidence.activities for pid in a.participants)
    )
    answered = sorted({e.participant for e in evidence.experience if e.participant in listed})
    ways = evidence.project.experience_ways
    if not (evidence.experience or ways):
        return Found(
            Outcome.NO_EVIDENCE, (), "No experience answers or ways to give one are recorded."
        )
    everyone = len(answered) == len(listed)
    if ways and everyone:
        outcome = Outcome.PASS
    elif ways or answered:
        outcome = Outcome.PARTIAL
    else:
        outcome = Outcome.FAIL
    detail = (
        f"{len(answered)} of the {len(listed)} people listed as taking part gave an "
        f"experience answer ({len(evidence.experience)} answers in all); "
        + (
            f"ways for anyone to give one: {'; '.join(ways)}."
            if ways
            else "no way for others is recorded."
        )
    )
    return Found(outcome, tuple(answered) + ways, detail)


_check(
    _experience,
    "experience-asked",
    Concern.EXPERIENCE_FEEDBACK,
    "`experience` answers (participant, date), participants of held activities; `experience_ways`",
    "Ask everyone who took part about their experience of it (experience, by participant) "
    "and offer an easy way for anyone else to tell you (experience_ways).",
    partly="some of the people listed as taking part gave an answer, or there is a way for anyone "
    "but not every listed participant was asked",
)


def _partners(evidence: Evidence, context: Context) -> Found:
    return _listed(evidence.project.partners, "community and voluntary partners")


_check(
    _partners,
    "community-partners",
    Concern.COMMUNITY_PARTNERSHIP,
    "`partners`",
    "Work with community and voluntary groups (partners).",
)


def _confidentiality(evidence: Evidence, context: Context) -> Found:
    return _flag(
        evidence.project.privacy_notice,
        "People were told how their information is kept confidential.",
        "People were not told how their information is kept.",
    )


_check(
    _confidentiality,
    "privacy-notice",
    Concern.CONFIDENTIALITY,
    "`privacy_notice`",
    "Tell people how their information is used and kept confidential (privacy_notice).",
)


def _insight(evidence: Evidence, context: Context) -> Found:
    return _listed(evidence.project.insight_used, "existing insight used")


_check(
    _insight,
    "insight-used",
    Concern.EXISTING_INSIGHT,
    "`insight_used`",
    "Use the feedback and information already held (insight_used).",
)


CHECKS: tuple[Check, ...] = tuple(_DECLARED)
"""Every check, in concern order; each concern has at least one."""


def by_id(check_id: str) -> Check:
    """The check with this id (``KeyError`` when there is none)."""
    for check in CHECKS:
        if check.id == check_id:
            return check
    raise KeyError(check_id)
