"""A financial year's involvement budget (April to March), by category.

Barnet's charter keeps "an annual budget to cover Reward and Recognition
payments, expenses, and adaptations to make sure engagement and co-production
is accessible and inclusive" (London Borough of Barnet (2022), Engagement and
Co-production Strategy and Charter for Adult Social Care, "What do we have in
place to make this a reality"), and its strategy gave voluntary and community
sector organisations grants "up to £5000 to undertake engagement" (same
document, appendix, "Grants to voluntary and community sector organisations").
So a budget has an allocation per :class:`Category`, and entries of spending,
each committed (agreed, not yet paid) or paid. Per category and in total it
gives what is budgeted, committed, paid and remaining, and warns of an
overspend.

>>> import datetime
>>> from decimal import Decimal
>>> budget = Budget(
...     financial_year=2025,
...     allocations=(Allocation(Category.ADAPTATIONS, Decimal("300.00")),),
...     entries=(Spend(Category.ADAPTATIONS, Decimal("180.00"), datetime.date(2025, 6, 10),
...                    status=Status.PAID, adaptation=Adaptation.BSL),),
... )
>>> [(t.category.value, t.paid, t.remaining) for t in budget.by_category()]
[('adaptations', Decimal('180.00'), Decimal('120.00'))]
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from coproduction import _checks
from coproduction._convert import document
from coproduction._records import items, value_of
from coproduction._shown import Shown
from coproduction._vocab import Word
from coproduction.errors import Problem, raise_problems
from coproduction.money import amount_problems, format_pounds, total
from coproduction.periods import Period
from coproduction.project import Adaptation
from coproduction.rewards.calculate import EXPENSE, REWARD, Calculation

__all__ = [
    "Adaptation",
    "Allocation",
    "Budget",
    "BudgetStatus",
    "Category",
    "CategoryTotals",
    "Spend",
    "Status",
    "budget_problems",
]


class Category(Word):
    """What a line of the budget is for."""

    REWARDS = "rewards"  # reward and recognition payments for people's time
    EXPENSES = "expenses"  # people's out-of-pocket expenses reimbursed
    ADAPTATIONS = "adaptations"  # interpreters, BSL, easy read, venue access, ...
    GRANTS = "grants"  # grants to community groups to run engagement
    OTHER = "other"


class Status(Word):
    """Where a spending entry stands."""

    COMMITTED = "committed"  # agreed or calculated, not yet paid
    PAID = "paid"


@attrs.frozen
class Allocation:
    """What the year's budget sets aside for one category."""

    category: Category
    amount: Decimal
    note: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        raise_problems(amount_problems("amount", self.amount))


@attrs.frozen
class Spend:
    """One entry of spending: its category, amount, date and whether it is paid.

    ``adaptation`` names the adjustment an adaptations entry paid for (the
    project record's vocabulary: interpreter, bsl, easy-read, step-free, ...);
    ``recipient`` names the community group a grant went to; ``claim`` links an
    entry made from a calculated claim.
    """

    category: Category
    amount: Decimal
    date: datetime.date
    status: Status = Status.COMMITTED
    adaptation: Adaptation | None = None
    recipient: str = ""
    claim: str | None = None
    note: str = attrs.field(default="", repr=False)

    def __attrs_post_init__(self) -> None:
        problems = amount_problems("amount", self.amount)
        if self.adaptation is not None and self.category is not Category.ADAPTATIONS:
            problems.append(Problem("adaptation", "only an adaptations entry names an adaptation"))
        if self.recipient and self.category is not Category.GRANTS:
            problems.append(Problem("recipient", "only a grants entry names a recipient"))
        raise_problems(problems)


@attrs.frozen
class BudgetStatus(Shown):
    """Where a budget stands: each category's totals, the whole budget's, and the warnings."""

    budget: str
    financial_year: str
    categories: tuple[CategoryTotals, ...]
    total: CategoryTotals
    warnings: tuple[str, ...]

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts as strings with two decimals."""
        return {
            "budget": self.budget,
            "financial_year": self.financial_year,
            "categories": [t.to_dict() for t in self.categories],
            "total": self.total.to_dict(),
            "warnings": list(self.warnings),
        }


@attrs.frozen
class CategoryTotals:
    """One category's budget, what is committed and paid, and what remains."""

    category: Category | None  # None: the whole budget
    budget: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def remaining(self) -> Decimal:
        """The budget less what is committed and paid (negative when overspent)."""
        return total([self.budget, -self.committed, -self.paid])

    @property
    def overspent(self) -> bool:
        """Whether more is committed and paid than the budget."""
        return self.remaining < 0

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts as strings with two decimals."""
        return {
            "category": "total" if self.category is None else self.category.value,
            "budget": f"{self.budget:.2f}",
            "committed": f"{self.committed:.2f}",
            "paid": f"{self.paid:.2f}",
            "remaining": f"{self.remaining:.2f}",
            "overspent": self.overspent,
        }


def _entries_from(calculations: Iterable[Calculation], period: Period) -> list[Spend]:
    """Committed entries for calculated claims: one per claim for rewards, one for expenses."""
    entries = []
    for calc in calculations:
        for category, kind in ((Category.REWARDS, REWARD), (Category.EXPENSES, EXPENSE)):
            lines = [x for x in calc.lines if x.category == kind and x.date in period]
            amount = total(x.amount for x in lines)
            if lines and amount > 0:
                first = min(x.date for x in lines)
                entries.append(Spend(category, amount, first, claim=calc.claim))
    return entries


def _as_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None  # reported by the converter
    return None


def budget_problems(record: Any) -> list[Problem]:
    """A category allocated twice, and entries dated outside the year, in a budget raw or built."""
    problems = []
    seen: set[object] = set()
    for index, allocation in items(record, "allocations"):
        category = value_of(allocation, "category")
        word = category.value if isinstance(category, Category) else category
        if isinstance(word, str) and word in seen:
            problems.append(Problem(f"allocations[{index}].category", f"{word} is allocated twice"))
        seen.add(word)
    year = value_of(record, "financial_year")
    if not isinstance(year, int) or isinstance(year, bool):
        return problems  # reported by the converter
    if not 1900 < year < 9000:
        return [*problems, Problem("financial_year", "must be a year such as 2025")]
    period = Period.financial_year(year)
    for index, entry in items(record, "entries"):
        day = _as_date(value_of(entry, "date"))
        if day is not None and day not in period:
            problems.append(
                Problem(
                    f"entries[{index}].date",
                    f"{day.isoformat()} is outside the {period.name} financial year",
                )
            )
    return problems


@attrs.frozen
class Budget(Shown):
    """A financial year's budget: allocations per category and the spending against them.

    ``grant_limit`` is the most one grant to a community group may be (with
    ``grant_limit_citation`` saying whose rule it is); a larger grant is warned of.
    """

    financial_year: int
    allocations: tuple[Allocation, ...] = ()
    entries: tuple[Spend, ...] = attrs.field(default=(), repr=lambda e: f"<{len(e)}>")
    id: str = ""
    owner: str = ""
    grant_limit: Decimal | None = None
    grant_limit_citation: str = ""

    def __attrs_post_init__(self) -> None:
        raise_problems(amount_problems("grant_limit", self.grant_limit) + budget_problems(self))

    @property
    def period(self) -> Period:
        """1 April to 31 March."""
        return Period.financial_year(self.financial_year)

    def totals(self, category: Category | None = None) -> CategoryTotals:
        """Budget, committed and paid for one category, or (None) the whole budget."""
        allocated = [a for a in self.allocations if category in (None, a.category)]
        spent = [e for e in self.entries if category in (None, e.category)]
        return CategoryTotals(
            category=category,
            budget=total(a.amount for a in allocated),
            committed=total(e.amount for e in spent if e.status is Status.COMMITTED),
            paid=total(e.amount for e in spent if e.status is Status.PAID),
        )

    def by_category(self) -> tuple[CategoryTotals, ...]:
        """Totals for each category with an allocation or an entry, in the vocabulary's order."""
        used = {a.category for a in self.allocations} | {e.category for e in self.entries}
        return tuple(self.totals(c) for c in Category if c in used)

    @property
    def amount(self) -> Decimal:
        """The whole year's budget."""
        return self.totals().budget

    @property
    def committed(self) -> Decimal:
        """What is committed and not yet paid."""
        return self.totals().committed

    @property
    def paid(self) -> Decimal:
        """What is paid."""
        return self.totals().paid

    @property
    def remaining(self) -> Decimal:
        """What is left of the whole budget."""
        return self.totals().remaining

    def commit(self, calculations: Iterable[Calculation]) -> Budget:
        """A new budget with calculated claims committed (rewards and expenses dated in the year).

        >>> import coproduction as cp
        >>> calc = cp.calculate(cp.load_claim("examples/claims/half-day-with-travel.toml"),
        ...                     cp.load_policy("national-voices"))
        >>> budget = Budget(2025, (Allocation(Category.REWARDS, Decimal("40.00")),))
        >>> print(budget.commit([calc]).warnings()[0])
        rewards: £50.00 committed and paid of £40.00 budgeted, overspent by £10.00
        """
        return attrs.evolve(
            self, entries=(*self.entries, *_entries_from(calculations, self.period))
        )

    def pay(self, calculations: Iterable[Calculation]) -> Budget:
        """A new budget with the committed entries of these calculated claims marked paid."""
        claims = {c.claim for c in calculations}
        return attrs.evolve(
            self,
            entries=tuple(
                attrs.evolve(e, status=Status.PAID)
                if e.claim in claims and e.status is Status.COMMITTED
                else e
                for e in self.entries
            ),
        )

    def warnings(self, calculations: Iterable[Calculation] = ()) -> tuple[str, ...]:
        """Overspends per category and in total, spending with no allocation, large grants.

        ``calculations`` are counted as committed too, so a warning comes before
        the money is spent; a grant over ``grant_limit`` is warned of.
        """
        budget = self.commit(calculations)
        found = []
        rows = [*budget.by_category(), budget.totals()]
        for row in rows:
            name = "the whole budget" if row.category is None else row.category.value
            if row.category is not None and not any(
                a.category is row.category for a in budget.allocations
            ):
                found.append(
                    f"{name}: {format_pounds(row.committed + row.paid)} spent, none budgeted"
                )
            elif row.overspent:
                found.append(
                    f"{name}: {format_pounds(row.committed + row.paid)} committed and paid of "
                    f"{format_pounds(row.budget)} budgeted, overspent by "
                    f"{format_pounds(-row.remaining)}"
                )
        if self.grant_limit is not None:
            for index, entry in enumerate(budget.entries):
                if entry.category is Category.GRANTS and entry.amount > self.grant_limit:
                    found.append(
                        f"entries[{index}]: a grant of {format_pounds(entry.amount)} is over the "
                        f"{format_pounds(self.grant_limit)} limit"
                        + (f" ({self.grant_limit_citation})" if self.grant_limit_citation else "")
                    )
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, the same as ``coproduction.to_dict(self)``."""
        from coproduction._convert import to_dict  # noqa: PLC0415 - the converter imports this

        return to_dict(self)

    def status(self) -> BudgetStatus:
        """Per category and in total, with the warnings (the CLI's ``budget --json``)."""
        return BudgetStatus(
            budget=self.id,
            financial_year=self.period.name,
            categories=self.by_category(),
            total=self.totals(),
            warnings=self.warnings(),
        )

    def table(self) -> str:
        """Per category and in total, as plain text (drawn by the display edge)."""
        from coproduction.display.tables import budget_table  # noqa: PLC0415

        return budget_table(self)


_checks.install(Allocation, Spend, Budget)
