"""HTML for a notebook cell: every result and input record as a fragment.

Each result's ``_repr_html_`` calls :func:`repr_html`, so Jupyter draws it as a
small section: a heading, sentences, bullet lists and tables with a caption and
header cells scoped to their column or row. The fragment is built from one
Jinja2 template with autoescaping on (the ``notebook`` or ``report`` extra), so
whatever a record says is shown as text, never run as markup. Figures from the
measures are published figures: small numbers suppressed, as in the annual report.

>>> import coproduction as cp
>>> result = cp.assess_ladder(cp.load_project("examples/projects/bedford-carers-strategy.toml"))
>>> page = to_html(result)
>>> page.count("<caption>"), '<th scope="row">4</th>' in page
(2, True)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from coproduction.display.markdown import figure as _count
from coproduction.display.markdown import share as _share
from coproduction.errors import MissingDependencyError
from coproduction.measures.suppression import DEFAULT_MIN_COUNT, SUPPRESSED
from coproduction.money import format_pounds

if TYPE_CHECKING:
    import jinja2

__all__ = ["Bullets", "Fragment", "Paragraph", "Table", "repr_html", "shown_types", "to_html"]


# ---------------------------------------------------------------- what a fragment holds


@attrs.frozen
class Paragraph:
    """One sentence or short paragraph."""

    kind: ClassVar[str] = "paragraph"
    text: str


@attrs.frozen
class Bullets:
    """A list under a line that says what it lists (left out when there is nothing to list)."""

    kind: ClassVar[str] = "bullets"
    title: str
    items: tuple[str, ...]


@attrs.frozen
class Table:
    """A table: a caption, column headings, rows whose first cell heads the row.

    ``marked`` rows are highlighted (their own text says why too, never colour alone);
    ``numbers`` are the columns of figures, aligned right; ``foot`` rows are totals.
    """

    kind: ClassVar[str] = "table"
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    marked: frozenset[int] = frozenset()
    numbers: frozenset[int] = frozenset()
    foot: tuple[tuple[str, ...], ...] = ()


Block = Paragraph | Bullets | Table


@attrs.frozen
class Fragment:
    """A heading and the blocks under it."""

    heading: str
    blocks: tuple[Block, ...]


# ---------------------------------------------------------------- drawing


@functools.cache
def environment() -> jinja2.Environment:
    """The package's Jinja2 environment: its templates, autoescaping on, strict undefined."""
    try:
        import jinja2  # noqa: PLC0415 - optional extra, imported only when HTML is drawn
    except ImportError:
        msg = "HTML output needs Jinja2: pip install 'coproduction[report]' (or [notebook])"
        raise MissingDependencyError(msg) from None
    return jinja2.Environment(
        loader=jinja2.PackageLoader("coproduction.display", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def fragment_html(fragment: Fragment) -> str:
    """A fragment drawn as HTML."""
    template = environment().get_template("fragment.html.j2")
    return template.render(heading=fragment.heading, blocks=fragment.blocks)


def to_html(result: object) -> str:
    """``result`` (any type in :func:`shown_types`) as an HTML fragment.

    Raises TypeError for another type, and MissingDependencyError without Jinja2.
    """
    build = _builders().get(type(result))
    if build is None:
        msg = f"no HTML form for {type(result).__name__}"
        raise TypeError(msg)
    return fragment_html(build(result))


def repr_html(result: object) -> str | None:
    """What ``_repr_html_`` returns: the fragment, or None without Jinja2.

    None tells Jupyter to show the plain repr instead; ``to_html`` says what is missing.
    """
    try:
        return to_html(result)
    except MissingDependencyError:
        return None


def shown_types() -> tuple[type, ...]:
    """Every type :func:`to_html` draws."""
    return tuple(_builders())


# ---------------------------------------------------------------- small helpers


def _word(value: object) -> str:
    """A vocabulary word, a rung, or a date as text ("-" for nothing)."""
    if value is None or value == "":
        return "-"
    label = getattr(value, "label", None)  # rungs say their label
    if isinstance(label, str):
        return label
    text = getattr(value, "value", value)
    return text.isoformat() if hasattr(text, "isoformat") else str(text)


def _bullets(title: str, items: Iterable[str]) -> tuple[Block, ...]:
    listed = tuple(items)
    return (Bullets(title, listed),) if listed else ()


def _counts_table(caption: str, counts: Mapping[str, object], head: tuple[str, str]) -> Table:
    return Table(
        caption,
        head,
        tuple((key, _count(value)) for key, value in counts.items()),
        numbers=frozenset({1}),
    )


# ---------------------------------------------------------------- one builder per type


def _assessment(result: Any) -> Fragment:
    from coproduction.display.text import rung_text  # noqa: PLC0415 - sibling, no cycle
    from coproduction.rungs import Rung  # noqa: PLC0415

    blocks: list[Block] = [Paragraph(f"Assessed: {rung_text(result.rung)}")]
    if result.as_of is not None:
        blocks.append(Paragraph(f"Evidence as of {result.as_of.isoformat()}."))
    blocks += [Paragraph(f"Warning: {w}") for w in result.warnings]
    if result.planned:
        blocks.append(Paragraph(result.planned_note))
    rows, marked = [], set()
    for index, rung in enumerate(reversed(Rung)):
        marks = []
        if rung == result.rung:
            marks.append("← assessed")
            marked.add(index)
        if rung == result.target:
            marks.append("target")
        if rung == result.claimed and rung != result.rung:
            marks.append("claimed")
        rows.append((str(int(rung)), rung.title, rung.band.value, ", ".join(marks)))
    blocks.append(
        Table(
            "The ladder, top rung first",
            ("#", "Rung", "Band", "Mark"),
            tuple(rows),
            marked=frozenset(marked),
        )
    )
    blocks.append(
        Table(
            "The rung each stage reached on its own",
            ("Stage", "Reached"),
            tuple(
                (s.stage.value, s.rung.title if s.rung else "nobody with lived experience")
                for s in result.stages
            ),
        )
    )
    if result.next_rung is None:
        blocks.append(Paragraph("This is the top rung: nothing further is needed."))
    else:
        blocks += _bullets(
            f"To reach {result.next_rung.title}, the project needs:",
            (f"{g.requirement} ({g.id})" for g in result.gaps),
        )
    if result.target_gaps and result.target is not None and result.target != result.next_rung:
        blocks += _bullets(
            f"To reach its target, {result.target.title}, it needs:",
            (f"{g.requirement} ({g.id})" for g in result.target_gaps),
        )
    return Fragment(f"{result.project}: {result.title}", tuple(blocks))


def _charter_report(report: Any) -> Fragment:
    summary = ", ".join(f"{n} {s}" for s, n in report.summary.items() if n) or "no items"
    rows = tuple(
        (r.item, r.label, r.status.value, "" if r.status.value == "met" else r.to_meet)
        for r in report.results
    )
    return Fragment(
        f"{report.project} against {report.charter.name}",
        (
            Paragraph(f"Evidence as of {report.as_of.isoformat()}. Items: {summary}."),
            Table(
                f"Each item of {report.charter.name}",
                ("Item", "Commitment", "Status", "To meet it"),
                rows,
            ),
        ),
    )


def _reach_blocks(published: Mapping[str, Any]) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(
            f"People: {_count(published['people'])} ({_count(published['listed'])} known by id, "
            f"{_count(published['counted_without_ids'])} counted without ids) in "
            f"{published['projects']:,} project{'' if published['projects'] == 1 else 's'}. "
            "Activities per person: "
            + (
                "none"
                if published["activities_per_person"] is None
                else str(published["activities_per_person"])
            )
            + "."
        )
    ]
    for caption, key, name in (
        ("People by stage of the work", "by_stage", "Stage"),
        ("People by kind of activity", "by_kind", "Kind"),
        ("People by format", "by_format", "Format"),
        ("New and returning people", "new_and_returning", "Taking part"),
    ):
        if published[key]:
            blocks.append(_counts_table(caption, published[key], (name, "People")))
    return blocks


def _representation_blocks(published: Mapping[str, Any]) -> list[Block]:
    rows = []
    for g in published["groups"]:
        hidden = g["suppressed"]
        flag = "under-represented" if g["under_represented"] else "no"
        rows.append(
            (
                g["group"],
                _count(g["count"]),
                _share(g["share"], hidden=hidden),
                _share(g["population_share"]),
                SUPPRESSED if hidden else ("n/a" if g["ratio"] is None else f"{g['ratio']:.2f}"),
                SUPPRESSED if hidden else flag,
            )
        )
    rows.append(("unknown", _count(published["unknown"]), "", "", "", ""))
    return [
        Table(
            f"How representative, by {published['field']} (reference: {published['source']}; "
            f"flagged under {published['threshold']} times the population share)",
            ("Group", "People", "Share", "Population share", "Ratio", "Under-represented"),
            tuple(rows),
            numbers=frozenset({1, 2, 3, 4}),
        )
    ]


def _feedback_blocks(published: Mapping[str, Any]) -> list[Block]:
    changed = _share(
        published["changed_something"], hidden="changed_something" in published["suppressed"]
    )
    return [
        Paragraph(
            f"As of {published['as_of']}: {_count(published['items'])} items raised; "
            f"changed something: {changed} ({published['changed_something_of']}); "
            f"waiting for an answer: {_count(published['waiting'])}."
        ),
        _counts_table(
            "Things people told us, by where they stand",
            published["by_status"],
            ("Status", "Items"),
        ),
    ]


def _experience_blocks(published: list[dict[str, Any]]) -> list[Block]:
    if not published:
        return []
    rows = tuple(
        (
            q["question"],
            _count(q["responses"]),
            SUPPRESSED if q["suppressed"] else f"{q['mean']:.2f}",
            _share(q["satisfied"], hidden=q["suppressed"]),
        )
        for q in published
    )
    return [
        Table(
            "Experience of being involved",
            ("Question", "Answers", "Mean (1-5)", "Scoring 4 or 5"),
            rows,
            numbers=frozenset({1, 2, 3}),
        )
    ]


def _breakdown_table(caption: str, breakdown: Mapping[str, Any]) -> Table:
    return Table(
        caption,
        (str(breakdown["by"]).replace("_", " ").capitalize(), "Answers", "Positive", "Share"),
        tuple(
            (
                g["group"],
                _count(g["responses"]),
                _count(g["positive"]),
                _share(g["share_positive"], hidden=g["suppressed"]),
            )
            for g in breakdown["groups"]
        ),
        numbers=frozenset({1, 2, 3}),
    )


def _survey_blocks(surveys: list[Any], by_group: list[Any]) -> list[Block]:
    """Survey results and experience by group, as published (small numbers suppressed)."""
    blocks: list[Block] = []
    for survey in surveys:
        blocks.append(
            Table(
                f"{survey['title']} ({survey['start']} to {survey['end']}; source: "
                f"{survey['source']})",
                ("Question", "Answers", "Positive", "Share positive"),
                tuple(
                    (
                        q["statement"] or q["question"],
                        _count(q["responses"]),
                        _count(q["positive"]),
                        _share(q["share_positive"], hidden=q["suppressed"]),
                    )
                    for q in survey["questions"]
                ),
                numbers=frozenset({1, 2, 3}),
            )
        )
        blocks += [
            _breakdown_table(f"{survey['title']}: {b['question']} by {b['by']}", b)
            for q in survey["questions"]
            for b in q["breakdowns"]
        ]
    blocks += [
        _breakdown_table(f"Experience of being involved: {b['question']} by {b['by']}", b)
        for b in by_group
    ]
    return blocks


def _annual_report(report: Any) -> Fragment:
    data = report.to_dict(DEFAULT_MIN_COUNT)
    blocks: list[Block] = list(_bullets("Headlines:", data["headlines"]))
    blocks += _reach_blocks(data["reach"])
    for rep in data["representativeness"]:
        blocks += _representation_blocks(rep)
    blocks += _feedback_blocks(data["feedback_loop"])
    blocks += _experience_blocks(data["experience"])
    blocks += _survey_blocks(data.get("surveys", []), data.get("experience_by_group", []))
    if data["registers"]:
        blocks.append(
            Table(
                "Standing groups at the end of the year",
                ("Group", "Members", "Joined", "Left", "Next election"),
                tuple(
                    (
                        r["name"],
                        _count(r["members_at_end"]),
                        _count(r["joined"]),
                        _count(r["left"]),
                        r["next_election"] or "not elected",
                    )
                    for r in data["registers"]
                ),
                numbers=frozenset({1, 2, 3}),
            )
        )
    blocks += _bullets(
        f"Suppressed (counts below {DEFAULT_MIN_COUNT}, and any figure that would give one away):",
        data["suppressed"],
    )
    period = report.period
    return Fragment(f"Engagement and co-production: {period.name or period.label}", tuple(blocks))


def _reach(result: Any) -> Fragment:
    return Fragment(
        f"Who took part: {result.period.name or result.period.label}",
        tuple(_reach_blocks(result.published(DEFAULT_MIN_COUNT))),
    )


def _representativeness(result: Any) -> Fragment:
    published = result.published(DEFAULT_MIN_COUNT)
    return Fragment(
        f"How representative, by {published['field']}",
        tuple(_representation_blocks(published)),
    )


def _feedback_loop(result: Any) -> Fragment:
    return Fragment("You said, we did", tuple(_feedback_blocks(result.published())))


def _experience(result: Any) -> Fragment:
    blocks = _experience_blocks(result.published(DEFAULT_MIN_COUNT))
    return Fragment("Experience of being involved", tuple(blocks) or (Paragraph("No answers."),))


def _calculation(calc: Any) -> Fragment:
    rows = tuple(
        (
            line.item,
            line.what + (f" ({line.note})" if line.note else ""),
            f"{line.rule} ({line.policy_version})",
            format_pounds(line.amount),
        )
        for line in calc.lines
    )
    foot = tuple(
        (name, "", "", format_pounds(value))
        for name, value in (
            ("Reward", calc.reward),
            ("Expenses", calc.expenses),
            ("Total", calc.total),
        )
    )
    return Fragment(
        f"Claim {calc.claim} under {calc.policy}",
        (
            Table(
                "Each line of the claim",
                ("Item", "What", "Rule", "Amount"),
                rows,
                numbers=frozenset({3}),
                foot=foot,
            ),
            *_bullets("Warnings:", calc.warnings),
        ),
    )


def _pounds_or_unknown(amount: Any) -> str:
    """An amount, or "unknown" for one not worked out (None)."""
    return "unknown" if amount is None else format_pounds(amount)


def _reconciliation(result: Any) -> Fragment:
    rows = tuple(
        (
            e.participant or "-",
            e.activity or "-",
            _word(e.date),
            "yes" if e.attended else "no",
            _pounds_or_unknown(e.owed),
            format_pounds(e.claimed),
            format_pounds(e.paid),
            _pounds_or_unknown(e.difference),
            ", ".join(f.value for f in e.flags) or "none",
        )
        for e in result.entries
    )
    foot = (
        (
            "Total",
            "",
            "",
            "",
            format_pounds(result.owed),
            format_pounds(result.claimed),
            format_pounds(result.paid),
            format_pounds(result.difference),
            "",
        ),
    )
    return Fragment(
        f"Reconciliation of {result.project} under {result.policy}",
        (
            Paragraph(
                f"{len(result.flagged)} of {len(result.entries)} entries flagged; late means paid "
                f"more than {result.pay_within_days} days after the activity. In total "
                f"{format_pounds(result.underpaid)} underpaid and "
                f"{format_pounds(result.overpaid)} overpaid"
                + (
                    f"; owed leaves out {result.not_worked_out} not worked out."
                    if result.not_worked_out
                    else "."
                )
            ),
            Table(
                "Each person and activity: attendance and amounts",
                (
                    "Person",
                    "Activity",
                    "Date",
                    "Attended",
                    "Owed",
                    "Claimed",
                    "Paid",
                    "Difference",
                    "Flags",
                ),
                rows,
                numbers=frozenset({4, 5, 6, 7}),
                foot=foot,
            ),
        ),
    )


def _budget_status(status: Any) -> Fragment:
    def row(t: Any) -> tuple[str, ...]:
        return (
            "total" if t.category is None else t.category.value,
            format_pounds(t.budget),
            format_pounds(t.committed),
            format_pounds(t.paid),
            format_pounds(t.remaining),
            "yes" if t.overspent else "no",
        )

    return Fragment(
        f"Budget {status.budget} for {status.financial_year}".replace("  ", " "),
        (
            Table(
                "Each category: budget, committed, paid and what remains",
                ("Category", "Budget", "Committed", "Paid", "Remaining", "Overspent"),
                tuple(row(t) for t in status.categories),
                numbers=frozenset({1, 2, 3, 4}),
                foot=(row(status.total),),
            ),
            *_bullets("Warnings:", status.warnings),
        ),
    )


def _budget(budget: Any) -> Fragment:
    return _budget_status(budget.status())


def _portfolio(result: Any) -> Fragment:
    projects = dict(result.projects_by_type)
    return Fragment(
        f"Co-production by type, {result.period.label}",
        (
            Table(
                "Activities and projects by type of co-production (SCIE's types)",
                ("Type", "Activities", "Projects"),
                tuple(
                    (kind.value, f"{n:,}", f"{projects[kind]:,}")
                    for kind, n in result.activities_by_type
                ),
                numbers=frozenset({1, 2}),
            ),
            Paragraph(
                f"Additive: {result.additive:,}; substitutive: {result.substitutive:,}; "
                f"held with no shared say: {result.not_coproduced:,}."
            ),
        ),
    )


def _forward_plan(plan: Any) -> Fragment:
    rows = tuple(
        (
            o.id,
            o.title,
            o.planned.isoformat(),
            o.stage.value,
            o.kind.value,
            _word(o.project),
            _word(o.activity),
        )
        for o in sorted(plan.opportunities, key=lambda o: (o.planned, o.id))
    )
    return Fragment(
        f"{plan.organisation}: forward plan published {plan.published.isoformat()}",
        (
            Table(
                "Planned chances to take part, soonest first",
                ("Opportunity", "Title", "Planned", "Stage", "Kind", "Project", "Activity"),
                rows,
            ),
        ),
    )


def _project(project: Any) -> Fragment:
    facts = [f"Organisation: {project.organisation}"] if project.organisation else []
    if project.claimed_level is not None:
        facts.append(f"calls itself {project.claimed_level.label}")
    if project.target_level is not None:
        facts.append(f"target {project.target_level.label}")
    facts.append(
        f"{len(project.participants):,} participants recorded, "
        f"{len(project.feedback):,} feedback items"
    )
    rows = tuple(
        (
            a.id,
            a.date.isoformat(),
            a.stage.value,
            a.kind.value,
            _word(a.say),
            f"{len(a.participants) + a.people:,}",
            a.status.value,
        )
        for a in project.activities
    )
    return Fragment(
        f"{project.id}: {project.title}",
        (
            Paragraph("; ".join(facts) + "."),
            Table(
                "Activities",
                ("Activity", "Date", "Stage", "Kind", "Say", "People", "Status"),
                rows,
                numbers=frozenset({5}),
            ),
        ),
    )


def _cycle(cycle: Any) -> Fragment:
    from coproduction import wtfc  # noqa: PLC0415 - the cycle's own rules

    following = cycle.step.next
    ranks = wtfc.rank_themes(cycle)
    blocks: list[Block] = [
        Paragraph(
            f"Step {cycle.step.number} of 8: {cycle.step.value}; next: "
            + (following.value if following else "none (start the next cycle)")
            + "."
        ),
        *_bullets("Blocked until:", (str(b) for b in wtfc.blockers(cycle))),
        *_bullets("Warnings:", wtfc.warnings(cycle)),
    ]
    if ranks:
        blocks.append(
            Table(
                "Themes by the statements behind them",
                ("Rank", "Theme", "Statements", "Priority"),
                tuple(
                    (str(r.rank), r.title, f"{r.statements:,}", "yes" if r.priority else "no")
                    for r in ranks
                ),
                numbers=frozenset({2}),
            )
        )
    if cycle.actions:
        blocks.append(
            Table(
                "Actions",
                ("Action", "Theme", "Status", "Due", "Owner"),
                tuple(
                    (a.id, a.theme, _word(a.status), _word(a.due), a.owner or "-")
                    for a in cycle.actions
                ),
            )
        )
    return Fragment(f"{cycle.id}: {cycle.title}", tuple(blocks))


def _charter(charter: Any) -> Fragment:
    return Fragment(
        f"{charter.name} ({charter.owner}, {charter.year})",
        (
            Paragraph(f"Source: {charter.source}"),
            Table(
                f"The {len(charter.items)} items of {charter.name}",
                ("Item", "Commitment", "Checked through", "Citation"),
                tuple(
                    (
                        i.id,
                        i.label,
                        ", ".join(c.value for c in i.concerns) or "by hand",
                        i.citation,
                    )
                    for i in charter.items
                ),
            ),
        ),
    )


def _register(register: Any) -> Fragment:
    # Counts only: a register lists people (by pseudonymous id), and a notebook is often shared.
    current = [m for m in register.members if m.left is None]
    facts = [f"{len(current):,} current members, {len(register.members):,} ever"]
    if register.seats is not None:
        facts.append(f"{register.seats:,} seats")
    if register.term_years is not None:
        facts.append(f"elected for {register.term_years} years")
    roles: dict[str, int] = {}
    for role in register.roles:
        if role.end is None:
            roles[role.role.value] = roles.get(role.role.value, 0) + 1
    blocks: list[Block] = [Paragraph("; ".join(facts) + ".")]
    if roles:
        blocks.append(_counts_table("Roles held now", roles, ("Role", "Members")))
    heading = register.name + (f" ({register.organisation})" if register.organisation else "")
    return Fragment(heading, tuple(blocks))


def _policy(policy: Any) -> Fragment:
    blocks: list[Block] = [Paragraph(f"Owner: {policy.owner}. Source: {policy.source}")]
    if policy.illustrative:
        blocks.append(Paragraph("Illustrative figures, not any body's real rates."))
    for version in policy.versions:
        rows = [
            (rule.id, "reward", rule.type.value, ", ".join(rule.kinds), rule.citation)
            for rule in version.rewards
        ]
        rows += [
            (expense.kind.value, "expense", "", "", expense.citation)
            for expense in version.expenses
        ]
        review = f", review by {version.review_by.isoformat()}" if version.review_by else ""
        blocks.append(
            Table(
                f"Version {version.version}, in force from "
                f"{version.effective_from.isoformat()}{review}",
                ("Rule", "For", "Type", "Activity kinds", "Citation"),
                tuple(rows),
            )
        )
        blocks += _bullets("Assumptions:", version.assumptions)
    return Fragment(f"{policy.id}: {policy.name}", tuple(blocks))


def _claim(claim: Any) -> Fragment:
    # Benefits are left out: what a person receives is theirs, not the notebook's.
    activities = tuple(
        (
            a.id,
            a.date.isoformat(),
            a.kind,
            "yes" if a.attended else "no",
            "-" if a.minutes is None else f"{a.minutes:,}",
        )
        for a in claim.activities
    )
    expenses = tuple(
        (
            f"expenses[{index}]",
            e.kind.value,
            e.date.isoformat(),
            "-" if e.amount is None else format_pounds(e.amount),
            _word(e.activity),
        )
        for index, e in enumerate(claim.expenses)
    )
    blocks: list[Block] = [
        Paragraph(
            f"Participant {claim.participant.id}; policy {claim.policy or 'not named'}"
            + (f"; project {claim.project}" if claim.project else "")
            + (
                f"; claimed by hand: {format_pounds(claim.claimed_total)}"
                if claim.claimed_total is not None
                else ""
            )
            + "."
        )
    ]
    if activities:
        blocks.append(
            Table(
                "Activities claimed for",
                ("Activity", "Date", "Kind", "Attended", "Minutes"),
                activities,
                numbers=frozenset({4}),
            )
        )
    if expenses:
        blocks.append(
            Table(
                "Expenses claimed",
                ("Item", "Kind", "Date", "Amount", "Activity"),
                expenses,
                numbers=frozenset({3}),
            )
        )
    return Fragment(f"Claim {claim.id}", tuple(blocks))


def _population(population: Any) -> Fragment:
    return Fragment(
        "Reference population",
        (
            Table(
                "Each group's share of the population",
                ("Field", "Group", "Share", "Source"),
                tuple(
                    (g.field, g.group, _share(float(g.share)), g.source) for g in population.groups
                ),
                numbers=frozenset({2}),
            ),
        ),
    )


@functools.cache
def _builders() -> dict[type, Callable[[Any], Fragment]]:
    """The builder for each type, keyed by the type (imported here: display is the edge)."""
    from coproduction.charters.charter import Charter  # noqa: PLC0415
    from coproduction.charters.check import CharterReport  # noqa: PLC0415
    from coproduction.ladder.assessment import LadderAssessment  # noqa: PLC0415
    from coproduction.measures.core import (  # noqa: PLC0415
        Experience,
        FeedbackLoop,
        Reach,
        Representativeness,
    )
    from coproduction.measures.population import Population  # noqa: PLC0415
    from coproduction.measures.portfolio import Portfolio  # noqa: PLC0415
    from coproduction.measures.register import Register  # noqa: PLC0415
    from coproduction.measures.report import AnnualReport  # noqa: PLC0415
    from coproduction.plan import ForwardPlan  # noqa: PLC0415
    from coproduction.project import Project  # noqa: PLC0415
    from coproduction.rewards.budget import Budget, BudgetStatus  # noqa: PLC0415
    from coproduction.rewards.calculate import Calculation  # noqa: PLC0415
    from coproduction.rewards.claims import Claim  # noqa: PLC0415
    from coproduction.rewards.policy import Policy  # noqa: PLC0415
    from coproduction.rewards.reconciliation import Reconciliation  # noqa: PLC0415
    from coproduction.wtfc.cycle import Cycle  # noqa: PLC0415

    return {
        LadderAssessment: _assessment,
        CharterReport: _charter_report,
        AnnualReport: _annual_report,
        Reach: _reach,
        Representativeness: _representativeness,
        FeedbackLoop: _feedback_loop,
        Experience: _experience,
        Calculation: _calculation,
        Reconciliation: _reconciliation,
        Budget: _budget,
        BudgetStatus: _budget_status,
        Portfolio: _portfolio,
        ForwardPlan: _forward_plan,
        Project: _project,
        Cycle: _cycle,
        Charter: _charter,
        Register: _register,
        Policy: _policy,
        Claim: _claim,
        Population: _population,
    }
