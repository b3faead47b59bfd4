"""Hypothesis strategies for the package's records, shared by every property test."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

import coproduction as cp
from coproduction.project import Decider, Reward

dates = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2030, 12, 31))
short_text = st.text(st.characters(codec="utf-8"), max_size=30)
group_words = st.sampled_from(["65+", "18-24", "White", "Asian", "carer", "not stated"])


def participants(prefix: str = "p", min_size: int = 0) -> st.SearchStrategy[list[cp.Participant]]:
    """Participants with unique ids ``{prefix}0``, ``{prefix}1``, ..."""

    def build(flags: list[tuple[bool, bool, bool, dict[str, str]]]) -> list[cp.Participant]:
        return [
            cp.Participant(
                id=f"{prefix}{i}",
                lived_experience=lived,
                decision_maker=decides,
                paid_to_attend=paid,
                groups=cp.Groups(groups),
            )
            for i, (lived, decides, paid, groups) in enumerate(flags)
        ]

    row = st.tuples(
        st.booleans(),
        st.booleans(),
        st.booleans(),
        st.dictionaries(st.sampled_from(["age_band", "ethnicity", "carer"]), group_words),
    )
    return st.lists(row, min_size=min_size, max_size=8).map(build)


@st.composite
def activity(draw: st.DrawFn, activity_id: str, people_ids: list[str]) -> cp.Activity:
    """One valid activity whose participants are drawn from ``people_ids``."""
    start = draw(dates)
    until = draw(st.none() | st.integers(0, 400).map(lambda d: start + datetime.timedelta(d)))
    listed = draw(st.lists(st.sampled_from(people_ids), unique=True)) if people_ids else []
    return cp.Activity(
        id=activity_id,
        date=start,
        stage=draw(st.sampled_from(cp.Stage)),
        kind=draw(st.sampled_from(cp.ActivityKind)),
        purpose=tuple(draw(st.lists(st.sampled_from(cp.Purpose), unique=True, max_size=3))),
        say=draw(st.none() | st.sampled_from(cp.Say)),
        participants=tuple(listed),
        people=draw(st.integers(0, 3) | st.integers(0, 500)),
        sessions=draw(st.integers(1, 24)),
        until=until,
        format=draw(st.none() | st.sampled_from(cp.Format)),
        description=draw(short_text),
        status=draw(st.sampled_from(cp.ActivityStatus)),
    )


@st.composite
def status_history(draw: st.DrawFn) -> tuple[cp.StatusChange, ...]:
    """A feedback history in date order; a not-possible always has a reason."""
    days = sorted(draw(st.lists(dates, max_size=4)))
    changes = []
    for day in days:
        status = draw(st.sampled_from(cp.FeedbackStatus))
        reason = "Outside the council's powers" if status is cp.FeedbackStatus.NOT_POSSIBLE else ""
        changes.append(cp.StatusChange(date=day, status=status, reason=reason))
    return tuple(changes)


@st.composite
def feedback_item(draw: st.DrawFn, item_id: str, activity_ids: list[str]) -> cp.FeedbackItem:
    """One valid feedback item raised in one of ``activity_ids``."""
    return cp.FeedbackItem(
        id=item_id,
        activity=draw(st.sampled_from(activity_ids)),
        said=draw(short_text),
        response=draw(short_text),
        history=draw(status_history()),
        reported_back=draw(st.none() | dates),
        raised_on=draw(st.none() | dates),
    )


@st.composite
def projects(draw: st.DrawFn, max_activities: int = 6) -> cp.Project:
    """A valid project record: unique ids, every reference resolved."""
    people = draw(participants())
    people_ids = [p.id for p in people]
    count = draw(st.integers(0, max_activities))
    activities = [draw(activity(f"a{i}", people_ids)) for i in range(count)]
    feedback = []
    if activities:
        activity_ids = [a.id for a in activities]
        feedback = [
            draw(feedback_item(f"f{i}", activity_ids)) for i in range(draw(st.integers(0, 4)))
        ]
    return cp.Project(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        title=draw(short_text.filter(lambda t: t.strip() == t)),
        organisation=draw(short_text),
        claimed_level=draw(st.none() | st.sampled_from(cp.Rung)),
        target_level=draw(st.none() | st.sampled_from(cp.Rung)),
        reward_offered=draw(st.none() | st.booleans()),
        participants=tuple(people),
        activities=tuple(activities),
        feedback=tuple(feedback),
        sources=tuple(draw(st.lists(short_text, max_size=2))),
    )


@st.composite
def varied_activity(draw: st.DrawFn, activity: cp.Activity) -> cp.Activity:
    """``activity``, perhaps spanning more stages, offering reward, or allocating a budget."""
    budget = draw(st.none() | st.sampled_from([Decimal("0.01"), Decimal("20000")]))
    return attrs.evolve(
        activity,
        also_stages=tuple(draw(st.lists(st.sampled_from(cp.Stage), unique=True, max_size=2))),
        reward=tuple(draw(st.lists(st.sampled_from(Reward), unique=True, max_size=2))),
        budget=budget,
        decided_by=draw(st.none() | st.sampled_from(Decider)) if budget else None,
    )


@st.composite
def varied_projects(draw: st.DrawFn) -> cp.Project:
    """A valid project whose activities may also span stages, offer reward or allocate money."""
    record = draw(projects())
    activities = tuple(draw(varied_activity(a)) for a in record.activities)
    return attrs.evolve(record, activities=activities)


@st.composite
def more_evidence(draw: st.DrawFn, project: cp.Project) -> cp.Project:
    """``project`` with evidence added: new people, new activities, new feedback items,
    more people counted in existing activities, and reward offered where it was not."""
    new_people = draw(participants(prefix="q"))
    people_ids = [p.id for p in (*project.participants, *new_people)]
    new_activities = [draw(activity(f"b{i}", people_ids)) for i in range(draw(st.integers(0, 3)))]
    activities = [
        attrs.evolve(a, people=a.people + draw(st.integers(1, 50))) if draw(st.booleans()) else a
        for a in project.activities
    ] + new_activities
    feedback = list(project.feedback)
    if activities:
        activity_ids = [a.id for a in activities]
        feedback += [
            draw(feedback_item(f"g{i}", activity_ids)) for i in range(draw(st.integers(0, 3)))
        ]
    reward = True if draw(st.booleans()) else project.reward_offered
    return attrs.evolve(
        project,
        participants=(*project.participants, *new_people),
        activities=tuple(activities),
        feedback=tuple(feedback),
        reward_offered=reward,
    )


@st.composite
def later_records(draw: st.DrawFn, project: cp.Project, day: datetime.date) -> cp.Project:
    """``project`` with records added that are all dated after ``day``: new activities,
    feedback raised later, later status changes and report-backs, later payments."""
    after = st.dates(min_value=day + datetime.timedelta(1), max_value=datetime.date(2031, 12, 31))
    people_ids = [p.id for p in project.participants]
    new = [
        attrs.evolve(draw(activity(f"later{i}", people_ids)), date=draw(after), until=None)
        for i in range(draw(st.integers(0, 3)))
    ]
    activities = (*project.activities, *new)
    feedback = []
    for item in project.feedback:
        changed = item
        if draw(st.booleans()):
            last = max([c.date for c in item.history], default=day)
            on = max(last, day) + datetime.timedelta(draw(st.integers(1, 60)))
            changed = item.with_status(draw(st.sampled_from(cp.FeedbackStatus)), on, "Not ours")
            if item.reported_back is None or item.reported_back > day:
                changed = attrs.evolve(changed, reported_back=on)
        feedback.append(changed)
    ids = [a.id for a in activities]
    feedback += [
        attrs.evolve(draw(feedback_item(f"later{i}", ids)), raised_on=draw(after))
        for i in range(draw(st.integers(0, 2)) if ids else 0)
    ]
    payments = [
        *project.payments,
        *(
            cp.Payment(activity=draw(st.sampled_from(ids)), paid_on=draw(after))
            for _ in range(draw(st.integers(0, 2)) if ids else 0)
        ),
    ]
    return attrs.evolve(
        project, activities=activities, feedback=tuple(feedback), payments=tuple(payments)
    )


json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | short_text,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(short_text, children, max_size=3)
    ),
    max_leaves=10,
)
"""Any JSON value: used to throw junk at the loaders."""


# --- reward and recognition -----------------------------------------------------------

POLICY_IDS = [
    "national-voices",
    "blue-heart",
    "example-council",
    "greatwell-homes",
    "nice",
    "nice-lived-experience",
    "iriss",
]
money = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
claim_dates = st.dates(min_value=datetime.date(2025, 4, 1), max_value=datetime.date(2026, 9, 30))


@st.composite
def claim_activity(draw: st.DrawFn, index: int, kinds: list[str]) -> dict[str, Any]:
    """One activity of a claim, as raw data."""
    return {
        "id": f"a{index}",
        "date": draw(claim_dates).isoformat(),
        "kind": draw(st.sampled_from(kinds)),
        "minutes": draw(st.integers(0, 600)),
        "preparation_minutes": draw(st.integers(0, 180)),
        "follow_up_minutes": draw(st.integers(0, 60)),
        "attended": draw(st.booleans()),
        "named_eligible": draw(st.booleans()),
        "role": draw(
            st.sampled_from([None, "testimony", "member", "decision-maker", "contributor"])
        ),
    }


@st.composite
def expense(draw: st.DrawFn) -> dict[str, Any]:
    """One expense of a claim, as raw data."""
    kind = draw(st.sampled_from([k.value for k in cp.rewards.ExpenseKind]))
    data: dict[str, Any] = {
        "kind": kind,
        "date": draw(claim_dates).isoformat(),
        "receipt": draw(st.booleans()),
        "approved": draw(st.booleans()),
    }
    if kind == "mileage":
        data["miles"] = str(
            draw(
                st.sampled_from(
                    [st.decimals(0, 200, places=1), st.decimals(9900, 10100, places=1)]
                ).flatmap(lambda s: s)
            )
        )
        data["vehicle"] = draw(st.sampled_from(["car", "motorcycle", "bicycle"]))
    else:
        data["amount"] = str(draw(money))
    if kind == "care-cover":
        data["hours"] = str(draw(st.decimals(0, 12, places=1)))
    return data


@st.composite
def claims(
    draw: st.DrawFn, policy: cp.Policy, claim_id: str = "c1", person: str = "p1"
) -> cp.Claim:
    """A valid claim under ``policy`` (activity kinds the policy pays)."""
    kinds = sorted(
        {
            k
            for v in policy.versions
            for k in v.activity_kinds
            if all(k in w.activity_kinds for w in policy.versions)
        }
    )
    choice = draw(st.sampled_from([c.value for c in cp.rewards.Choice]))
    participant: dict[str, Any] = {
        "id": person,
        "paid_by_employer": draw(st.booleans()) if draw(st.integers(0, 4)) == 0 else False,
        "benefits": draw(
            st.lists(
                st.sampled_from([b.value for b in cp.rewards.Benefit]), unique=True, max_size=2
            )
        ),
        "choice": "accept" if choice == "reduce" else choice,
    }
    data = {
        "id": claim_id,
        "participant": participant,
        "activities": [draw(claim_activity(i, kinds)) for i in range(draw(st.integers(0, 4)))],
        "expenses": [draw(expense()) for _ in range(draw(st.integers(0, 3)))],
    }
    return cp.load_claim(data)


# --- Working Together for Change ------------------------------------------------------


@st.composite
def cycles(draw: st.DrawFn) -> cp.wtfc.Cycle:
    """A valid cycle at any step: references resolve, the top-two rule holds."""
    from coproduction import wtfc  # noqa: PLC0415 - keep the top of the module light

    reviews = [
        wtfc.Review(id=f"r{i}", date=draw(dates), kind=draw(st.sampled_from(wtfc.ReviewKind)))
        for i in range(draw(st.integers(0, 4)))
    ]
    themes = [
        wtfc.Theme(
            id=f"t{i}", title=f"Theme {i}", i_statement=draw(st.sampled_from(["", "I am heard"]))
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    theme_ids = [t.id for t in themes]
    statements: list[wtfc.Statement] = []
    for review in reviews:
        for category in wtfc.Category:
            most = 2 if category is not wtfc.Category.FUTURE else 3
            for _ in range(draw(st.integers(0, most))):
                theme = draw(st.none() | st.sampled_from(theme_ids)) if theme_ids else None
                statements.append(
                    wtfc.Statement(
                        id=f"s{len(statements)}",
                        review=review.id,
                        category=category,
                        text="A statement",
                        theme=theme,
                        set_aside=theme is None and draw(st.booleans()),
                    )
                )
    actions = [
        wtfc.Action(
            id=f"x{i}",
            theme=draw(st.sampled_from(theme_ids)),
            description="Do it",
            owner=draw(st.sampled_from(["", "Commissioning"])),
            due=draw(st.none() | dates),
        )
        for i in range(draw(st.integers(0, 3) if theme_ids else st.just(0)))
    ]
    step = draw(st.sampled_from(wtfc.Step))
    start = datetime.date(2022, 1, 3)
    steps = list(wtfc.Step)[: step.number]
    history = tuple(
        wtfc.StepChange(s, start + datetime.timedelta(weeks=i)) for i, s in enumerate(steps)
    )
    return wtfc.Cycle(
        id="cycle",
        title="A cycle",
        step=step,
        purpose=draw(st.sampled_from(["", "Priorities"])),
        history=history,
        priorities=draw(st.integers(1, 4)),
        people=tuple(
            wtfc.Person(
                id=f"w{i}", lived_experience=draw(st.booleans()), decision_maker=draw(st.booleans())
            )
            for i in range(draw(st.integers(0, 4)))
        ),
        reviews=tuple(reviews),
        statements=tuple(statements),
        themes=tuple(themes),
        root_causes=tuple(
            wtfc.RootCause(theme=t, text="A cause")
            for t in draw(st.lists(st.sampled_from(theme_ids), max_size=3))
        )
        if theme_ids
        else (),
        success=tuple(
            wtfc.SuccessMeasure(theme=t, measure="A measure")
            for t in draw(st.lists(st.sampled_from(theme_ids), max_size=3))
        )
        if theme_ids
        else (),
        actions=tuple(actions),
    )


# ---------------------------------------------------------------- whole annual-report sets

ETHNICITIES = ("White", "Asian", "Black", "Mixed", "Other")
REPORT_YEAR = cp.Period.financial_year(2023)
LAST_YEAR = cp.Period.financial_year(2022)


def report_population() -> cp.measures.Population:
    """A reference population for :func:`report_sets` (illustrative shares)."""
    shares = ("0.6", "0.2", "0.1", "0.05", "0.05")
    return cp.measures.Population(
        tuple(
            cp.measures.PopulationGroup("ethnicity", group, Decimal(share), "illustrative")
            for group, share in zip(ETHNICITIES, shares, strict=True)
        )
    )


def _inside(period: cp.Period) -> st.SearchStrategy[datetime.date]:
    # Never a period's first or last day: a member leaving on the last day of a year is
    # both a leaver and a member that day, so the year-on-year sum is then off by one.
    return st.dates(
        period.start + datetime.timedelta(days=1), period.end - datetime.timedelta(days=1)
    )


@st.composite
def report_projects(draw: st.DrawFn, index: int) -> cp.Project:
    """A project of one council with small numbers, held over last year and this."""
    count = draw(st.integers(0, 14))
    people = tuple(
        cp.Participant(
            id=f"p{index}-{i}",
            lived_experience=draw(st.booleans() | st.just(True)),
            groups=cp.Groups(
                {} if draw(st.integers(0, 5)) == 0 else {"ethnicity": draw(ethnicity)}
            ),
        )
        for i in range(count)
    )
    ids = [p.id for p in people]
    activities = []
    for a in range(draw(st.integers(0, 4))):
        activities.append(
            cp.Activity(
                id=f"a{a}",
                date=draw(_inside(REPORT_YEAR) | _inside(LAST_YEAR)),
                stage=draw(st.sampled_from([cp.Stage.PLAN, cp.Stage.DESIGN, cp.Stage.REVIEW])),
                kind=draw(st.sampled_from(cp.ActivityKind)),
                format=draw(st.none() | st.sampled_from(cp.Format)),
                participants=tuple(draw(st.lists(st.sampled_from(ids), unique=True)))
                if ids
                else (),
                people=draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4, 6, 9, 20])),
                group=draw(st.sampled_from([None, None, "board"])),
            )
        )
    feedback = []
    if activities:
        for f in range(draw(st.integers(0, 12))):
            raised = draw(_inside(REPORT_YEAR))
            history = []
            for _ in range(draw(st.integers(0, 2))):
                status = draw(st.sampled_from(cp.FeedbackStatus))
                history.append(
                    cp.StatusChange(
                        date=raised,
                        status=status,
                        reason="Outside the council's powers"
                        if status is cp.FeedbackStatus.NOT_POSSIBLE
                        else "",
                    )
                )
            feedback.append(
                cp.FeedbackItem(
                    id=f"f{f}",
                    activity=draw(st.sampled_from([x.id for x in activities])),
                    said="said",
                    history=tuple(history[-1:]),
                    raised_on=raised,
                    reported_back=draw(st.none() | st.just(raised + datetime.timedelta(days=30))),
                )
            )
    experience = tuple(
        cp.ExperienceScore(
            question=draw(st.sampled_from(["satisfied", "understood"])),
            score=draw(st.integers(1, 5)),
            date=draw(_inside(REPORT_YEAR)),
        )
        for _ in range(draw(st.integers(0, 14)))
    )
    return cp.Project(
        id=f"project-{index}",
        title=f"Project {index}",
        organisation="Council",
        participants=people,
        activities=tuple(activities),
        feedback=tuple(feedback),
        experience=experience,
    )


ethnicity = st.sampled_from((*ETHNICITIES, "Cornish"))  # Cornish: not in the population


@st.composite
def report_registers(draw: st.DrawFn) -> cp.measures.Register:
    """A standing group whose members joined and left over three years."""
    members = []
    for m in range(draw(st.integers(0, 16))):
        joined = draw(
            _inside(cp.Period.financial_year(2021)) | _inside(LAST_YEAR) | _inside(REPORT_YEAR)
        )
        left = draw(st.none() | _inside(LAST_YEAR) | _inside(REPORT_YEAR))
        if left is not None and left < joined:
            left = None
        groups = {} if draw(st.integers(0, 4)) == 0 else {"ethnicity": draw(ethnicity)}
        members.append(
            cp.measures.Member(id=f"m{m}", joined=joined, left=left, groups=cp.Groups(groups))
        )
    return cp.measures.Register(
        id="board",
        name="Board",
        members=tuple(members),
        seats=draw(st.none() | st.integers(3, 15)),
    )


@st.composite
def report_sets(draw: st.DrawFn) -> tuple[list[cp.Project], cp.measures.Register]:
    """The records behind one year's annual report, with a register over three years."""
    count = draw(st.integers(1, 3))
    return [draw(report_projects(i)) for i in range(count)], draw(report_registers())


small_counts = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30])


@st.composite
def report_survey(draw: st.DrawFn, period: cp.Period) -> cp.measures.SurveyResults:
    """A survey run in ``period`` (series ``closure``): small counts, broken down by groups."""
    questions = []
    for q in range(draw(st.integers(1, 2))):
        answers = ("agree", "neither", "disagree")
        groups = []
        left = dict.fromkeys(answers, 0)
        for by, names in (("ethnicity", (*ETHNICITIES, "Cornish")), ("carer", ("yes", "no"))):
            if draw(st.booleans()):
                continue
            for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=4)):
                counts = {a: draw(small_counts) for a in answers}
                groups.append(cp.measures.GroupCounts(by=by, group=name, counts=counts))
                for a in answers:
                    left[a] = max(left[a], sum(g.counts[a] for g in groups if g.by == by))
        counts = {a: left[a] + draw(small_counts) for a in answers}
        questions.append(
            cp.measures.SurveyQuestion(
                id=f"q{q}",
                statement=f"Statement {q}",
                positive=("agree",),
                counts=counts,
                groups=tuple(groups),
            )
        )
    return cp.measures.SurveyResults(
        id=f"closure-{period.start.year}",
        title="Case closure",
        series="closure",
        start=period.start,
        end=period.end,
        questions=tuple(questions),
    )


@st.composite
def report_figures(draw: st.DrawFn, period: cp.Period) -> cp.measures.AnnualFigures:
    """Complaints, compliments, platform use by quarter and other counts for ``period``."""

    def tally() -> cp.measures.Tally:
        count = draw(small_counts)
        themes = {
            t: draw(st.integers(0, count))
            for t in draw(st.lists(st.sampled_from(["delay", "charging", "staff"]), unique=True))
        }
        return cp.measures.Tally(count, themes)

    def some() -> int | None:
        return draw(st.none() | small_counts | st.integers(0, 400))

    platform = tuple(
        cp.measures.PlatformUse(
            start=q.start,
            end=q.end,
            visits=some(),
            contributions=some(),
            opportunities=draw(st.none() | st.integers(0, 4)),
        )
        for q in period.quarters()
        if draw(st.integers(0, 4))
    )
    counts = tuple(
        cp.measures.NamedCount(id=f"c{i}", label=f"Count {i}", people=draw(small_counts))
        for i in range(draw(st.integers(0, 2)))
    )
    return cp.measures.AnnualFigures(
        start=period.start,
        end=period.end,
        complaints=draw(st.none() | st.just(None).map(lambda _: tally())),
        compliments=draw(st.none() | st.just(None).map(lambda _: tally())),
        platform=platform,
        counts=counts,
    )


@attrs.frozen
class ReportInputs:
    """Everything behind a year's annual report and the year before's."""

    projects: list[cp.Project]
    register: cp.measures.Register
    surveys: tuple[cp.measures.SurveyResults, ...]
    figures: tuple[cp.measures.AnnualFigures, ...]


@st.composite
def report_inputs(draw: st.DrawFn) -> ReportInputs:
    """Projects and a register (as :func:`report_sets`), surveys and annual figures, two years."""
    projects, register = draw(report_sets())
    surveys = [
        draw(report_survey(year)) for year in (LAST_YEAR, REPORT_YEAR) if draw(st.booleans())
    ]
    figures = [
        draw(report_figures(year)) for year in (LAST_YEAR, REPORT_YEAR) if draw(st.booleans())
    ]
    return ReportInputs(projects, register, tuple(surveys), tuple(figures))
