"""The adversary's reading of published annual reports: every figure and how they add up.

:func:`read` turns one year's published report (its JSON form) into unknowns and
equations for :class:`tests.adversary.System`: a suppressed figure is an unknown
(a whole number, at least 1 unless it could be a hidden zero), a shown figure is a
constant, and every sum, share, mean and bound the report's tables obey is a
constraint. :func:`link` adds what joins two years' reports (a register's members
at the end of last year are those at the start of this one; the comparison with
the year before restates last year's figures). What it reads is the report's own
published data, and the board report's extra tables (quarters, waiting items).

Unknowns are named by their path; ``aux.`` ones are never published (the score
counts behind a mean), ``implied.`` ones are not published but follow from those
that are (a question's answers that are not positive): working one out is a leak
only when it is a count of 1 to ``min_count - 1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from tests.adversary import System

Term = str | int
INF = float("inf")
WAITING = ("no status", "received", "under-consideration")
ANSWERED = ("accepted", "implemented", "not-possible")
# Published figures that are not counts of people or of items (never suppressed for size).
NOT_COUNTS = ("vacancies_at_end", "seats", "opportunities")


@attrs.define
class Reading:
    """The adversary's system, every count shown (path, value), and each figure's term."""

    system: System = attrs.Factory(System)
    shown: list[tuple[str, int]] = attrs.Factory(list)
    terms: dict[str, Term] = attrs.Factory(dict)

    def figure(self, path: str, value: Any, low: int = 1) -> Term:
        """A published count: itself when shown, an unknown when suppressed (None)."""
        if value is None:
            term: Term = self.system.unknown(path, low)
        else:
            if not path.endswith(NOT_COUNTS):
                self.shown.append((path, int(value)))
            term = int(value)
        self.terms[path] = term
        return term

    def table(self, path: str, values: Mapping[str, Any]) -> dict[str, Term]:
        """A row of counts; when every one is hidden, a zero may be hidden among them."""
        low = 0 if values and all(v is None for v in values.values()) else 1
        return {k: self.figure(f"{path}.{k}", v, low) for k, v in values.items()}

    def equal(self, left: list[Term], right: list[Term]) -> None:
        """The figures on the left add up to those on the right."""
        self.system.equal(left, right)

    def at_most(self, small: list[Term], large: list[Term]) -> None:
        """The figures in ``small`` add up to no more than those in ``large``."""
        self.system.add(difference(small, large), -INF, 0)

    def share(self, part: Term, whole: Term, value: float | None, places: int = 4) -> None:
        """A share rounded to ``places`` decimals: ``part / whole`` within half a unit of it."""
        if value is None:
            return
        self.ratio([part], [whole], Decimal(str(value)), places)

    def ratio(
        self,
        top: list[Term],
        bottom: list[Term],
        value: Decimal,
        places: int,
        minus: tuple[Term, ...] = (),
    ) -> None:
        """``sum(top) / (sum(bottom) - sum(minus))`` rounds to ``value`` at ``places`` decimals.

        As two linear bounds: the value less and plus half a unit, all times
        ``2 * 10 ** places`` so that every coefficient is a whole number.
        """
        scale = 2 * 10**places
        middle = int(value * scale)
        for coefficient, low, high in ((middle - 1, 0, INF), (middle + 1, -INF, 0)):
            terms = {t: c * scale for t, c in difference(top, []).items()}
            for t, c in difference(bottom, list(minus)).items():
                terms[t] = terms.get(t, 0) - c * coefficient
            self.system.add(terms, low, high)


def difference(plus: list[Term], minus: list[Term]) -> dict[Term, int]:
    """The terms of ``sum(plus) - sum(minus)``, each with its coefficient."""
    terms: dict[Term, int] = {}
    for sign, side in ((1, plus), (-1, minus)):
        for term in side:
            terms[term] = terms.get(term, 0) + sign
    return terms


def read(reading: Reading, year: str, data: Mapping[str, Any]) -> None:
    """Every figure of one year's published report, and the arithmetic that joins them."""
    _reach(reading, year, data["reach"])
    listed = reading.terms[f"{year}.reach.listed"]
    for rep in data["representativeness"]:
        _representativeness(reading, f"{year}.rep.{rep['field']}", rep, listed)
    _loop(reading, f"{year}.loop", data["feedback_loop"])
    experience = {q["question"]: q for q in data["experience"]}
    for name, q in experience.items():
        _question(reading, f"{year}.experience.{name}", q, "satisfied", mean=q["mean"])
    for table in data["experience_by_group"]:
        _breakdown(reading, f"{year}.experience.{table['question']}", table)
    for survey in data["surveys"]:
        for q in survey["questions"]:
            where = f"{year}.survey.{survey['series']}.{q['question']}"
            _question(reading, where, q, "share_positive")
            for table in q["breakdowns"]:
                _breakdown(reading, where, table)
    for register in data["registers"]:
        _register(reading, f"{year}.register.{register['register']}", register)
    for found in data["compositions"]:
        _composition(reading, year, found)
    for key in ("complaints", "compliments"):
        _tally(reading, f"{year}.{key}", data[key])
    _platform(reading, f"{year}.platform", data["platform"])
    for count in data["counts"]["items"]:
        reading.figure(f"{year}.counts.{count['id']}", count["people"])
    _impact(reading, year, data["impact"])


def _reach(reading: Reading, year: str, reach: Mapping[str, Any]) -> None:
    top = reading.table(
        f"{year}.reach", {k: reach[k] for k in ("people", "listed", "counted_without_ids")}
    )
    people, listed = top["people"], top["listed"]
    reading.equal([listed, top["counted_without_ids"]], [people])
    new = reading.table(f"{year}.reach.new_and_returning", reach["new_and_returning"])
    reading.equal(list(new.values()), [listed])
    for key in ("by_stage", "by_kind", "by_format"):
        breakdown(reading, f"{year}.reach.{key}", reach[key], people)
    mean = reach["activities_per_person"]
    if mean is not None:  # the mean times the people known by id is their activities
        taken = reading.system.unknown(f"aux.{year}.person_activities", 1)
        reading.ratio([taken], [listed], Decimal(str(mean)), 1)
        reading.at_most([listed], [taken])
        reading.system.add({taken: 1, listed: -int(reach["activities"])}, -INF, 0)


def breakdown(reading: Reading, path: str, row: Mapping[str, Any], people: Term) -> None:
    """A breakdown of people that may overlap: each cell at most all, together at least all."""
    cells = reading.table(path, row)
    for cell in cells.values():
        reading.at_most([cell], [people])
    if cells:
        reading.at_most([people], list(cells.values()))


def _representativeness(reading: Reading, where: str, rep: Mapping[str, Any], listed: Term) -> None:
    groups = {g["group"]: g["count"] for g in rep["groups"]}
    cells = reading.table(where, groups | {"(unknown)": rep["unknown"]})
    total = reading.figure(f"{where}.people", rep["people"])
    reading.equal(list(cells.values()), [total])
    reading.equal([total], [listed])
    minus = () if rep["shares_of"] == "everyone taking part" else (cells["(unknown)"],)
    for group in rep["groups"]:
        if group["share"] is not None:
            share = Decimal(str(group["share"]))
            reading.ratio([cells[group["group"]]], [total], share, 4, minus)


def _loop(reading: Reading, where: str, loop: Mapping[str, Any]) -> None:
    counts = reading.table(where, {k: loop[k] for k in ("items", "waiting", "answered", "changed")})
    status = reading.table(f"{where}.status", loop["by_status"])
    s = {k: status.get(k, 0) for k in WAITING + ANSWERED}
    reading.equal([counts["answered"], counts["waiting"]], [counts["items"]])
    reading.equal(list(status.values()), [counts["items"]])
    reading.equal([s[k] for k in WAITING], [counts["waiting"]])
    reading.equal([s[k] for k in ANSWERED], [counts["answered"]])
    reading.equal([s["accepted"], s["implemented"]], [counts["changed"]])
    reading.share(counts["changed"], counts["answered"], loop["changed_something"])


def _question(
    reading: Reading, where: str, q: Mapping[str, Any], share_key: str, mean: float | None = None
) -> None:
    """A question's answers: responses, positive (shown, or given by the share), the others."""
    responses = reading.figure(f"{where}.responses", q["responses"], 0 if q["suppressed"] else 1)
    if "positive" in q:
        positive = reading.figure(f"{where}.positive", q["positive"], 0)
    else:  # the experience summaries give the share only
        positive = reading.system.unknown(f"implied.{where}.positive", 0)
        reading.terms[f"{where}.positive"] = positive
    other = reading.system.unknown(f"implied.{where}.other", 0)
    reading.terms[f"{where}.other"] = other
    reading.equal([positive, other], [responses])
    reading.share(positive, responses, q[share_key])
    if mean is not None:  # scores 1-5; 4 and 5 are the positive ones
        scores: list[Term] = [
            reading.system.unknown(f"aux.{where}.score{s}", 0) for s in range(1, 6)
        ]
        reading.equal(scores[3:], [positive])
        reading.equal(scores[:3], [other])
        weighted: list[Term] = [t for s, t in enumerate(scores, start=1) for _ in range(s)]
        reading.ratio(weighted, [responses], Decimal(str(mean)), 2)


def _breakdown(reading: Reading, where: str, table: Mapping[str, Any]) -> None:
    """A question by the groups of one field: its totals are the question's."""
    field = f"{where}.by.{table['by']}"
    responses = reading.figure(f"{field}.responses", table["responses"], 0)
    positive = reading.figure(f"{field}.positive", table["positive"], 0)
    reading.equal([responses], [reading.terms[f"{where}.responses"]])
    reading.equal([positive], [reading.terms[f"{where}.positive"]])
    answered, agreed = [], []
    for group in table["groups"]:
        path = f"{field}.{group['group']}"
        low = 0 if group["suppressed"] else 1
        total = reading.figure(f"{path}.responses", group["responses"], low)
        yes = reading.figure(f"{path}.positive", group["positive"], 0)
        reading.at_most([yes], [total])
        reading.share(yes, total, group["share_positive"])
        answered.append(total)
        agreed.append(yes)
    reading.equal(answered, [responses])
    reading.equal(agreed, [positive])


def _register(reading: Reading, where: str, register: Mapping[str, Any]) -> None:
    cells = reading.table(where, {k: register[k] for k in ("members_at_end", "joined", "left")})
    seats, vacancies = register["seats"], register["vacancies_at_end"]
    if seats is not None and vacancies is not None and vacancies > 0:
        reading.equal([cells["members_at_end"], vacancies], [seats])
    elif seats is not None and vacancies is None:
        hidden = reading.system.unknown(f"aux.{where}.vacancies", 0)
        reading.system.add(difference([cells["members_at_end"], hidden], []), seats, INF)


def _composition(reading: Reading, year: str, found: Mapping[str, Any]) -> None:
    where = f"{year}.composition.{found['register']}"
    mix = reading.table(f"{where}.mix", found["mix"])
    people = reading.figure(f"{where}.people", found["people"], 0)
    lived = mix["lived_experience"]
    reading.equal(list(mix.values()), [people])
    share = found["lived_experience_share"]
    if share is not None:
        reading.ratio([lived, mix["counted_without_ids"]], [people], Decimal(str(share)), 4)
    # Those at the group's meetings took part: no more than the year's people.
    reading.at_most([lived], [reading.terms[f"{year}.reach.listed"]])
    reading.at_most(
        [mix["counted_without_ids"]], [reading.terms[f"{year}.reach.counted_without_ids"]]
    )
    members_at_end = reading.terms.get(f"{year}.register.{found['register']}.members_at_end")
    for field in found["by"]:
        took = reading.table(
            f"{where}.{field['field']}.took_part",
            {g["group"]: g["took_part"] for g in field["groups"]},
        )
        reading.equal(list(took.values()), [lived])
        for group, term in took.items():  # no more than took part in the year, by group
            rep = reading.terms.get(f"{year}.rep.{field['field']}.{group}")
            if rep is None and group == "not recorded":
                rep = reading.terms.get(f"{year}.rep.{field['field']}.(unknown)")
            if rep is not None:
                reading.at_most([term], [rep])
        members = {g["group"]: g["members"] for g in field["groups"]}
        if members_at_end is not None and all(
            v is not None or f"{field['field']}.members.{g}" in found["suppressed"]
            for g, v in members.items()
        ):
            held = reading.table(f"{where}.{field['field']}.members", members)
            reading.equal(list(held.values()), [members_at_end])


def _tally(reading: Reading, where: str, tally: Mapping[str, Any]) -> None:
    if tally["source"] == "annual figures" and tally["count"] is None and not tally["suppressed"]:
        return  # not given
    count = reading.figure(f"{where}.count", tally["count"])
    for theme, value in reading.table(f"{where}.themes", tally["themes"]).items():
        reading.at_most([value], [count])
        del theme


def _platform(reading: Reading, where: str, platform: Mapping[str, Any]) -> None:
    hidden = set(platform["suppressed"])
    for key in ("visits", "contributions"):
        cells = []
        for part in platform["periods"]:
            name = f"{part['start']}:{part['end']}"
            if part[key] is None and f"{key}.{name}" not in hidden:
                continue  # not given
            cells.append(reading.figure(f"{where}.{key}.{name}", part[key]))
        total = platform["total"][key]
        if total is None and f"{key}.total" not in hidden:
            continue
        reading.equal(cells, [reading.figure(f"{where}.total.{key}", total)])


def _impact(reading: Reading, year: str, impact: Mapping[str, Any]) -> None:
    """What changed: at most the loop's changed items (those decided earlier aside)."""
    changed = reading.figure(f"{year}.impact.changed", impact["changed"], 0)
    reading.at_most([changed], [reading.terms[f"{year}.loop.changed"]])
    if impact["listed"] and impact["changed"]:
        for status in STATUSES:
            listed = sum(1 for i in impact["items"] if i["status"] == status)
            reading.figure(f"{year}.impact.{status}", listed)
            reading.at_most([listed], [reading.terms.get(f"{year}.loop.status.{status}", 0)])


def link(reading: Reading, this: Mapping[str, Any], last: Mapping[str, Any]) -> None:
    """What joins this year's report to last year's."""
    for year, data in (("last", last), ("this", this)):
        for register in data["registers"]:
            name = register["register"]
            here = f"{year}.register.{name}"
            start: Term = (
                reading.terms[f"last.register.{name}.members_at_end"]
                if year == "this"
                else reading.system.unknown(f"aux.first.{name}", 0)  # two years ago: not held
            )
            reading.equal(
                [start, reading.terms[f"{here}.joined"]],
                [reading.terms[f"{here}.members_at_end"], reading.terms[f"{here}.left"]],
            )
    if last["feedback_loop"]["items"] == 0 and this["impact"]["listed"]:
        # Every item was raised, and decided, this year: what changed is the loop's.
        for key, loop in (("changed", "changed"), *((k, f"status.{k}") for k in STATUSES)):
            found = reading.terms.get(f"this.impact.{key}")
            if found is not None:
                reading.equal([found], [reading.terms.get(f"this.loop.{loop}", 0)])
    compared = this["previous_year"]
    for row in compared["comparisons"] if compared else ():
        _compared(reading, row)


STATUSES = ("accepted", "implemented")


def _compared(reading: Reading, row: Mapping[str, Any]) -> None:
    """One row of the comparison with the year before: each year's figure restated."""
    for year, key in (("this", "this_year"), ("last", "previous_year")):
        term = _compared_term(reading, year, row["path"])
        value = row[key]
        if term is None or value is None:
            continue
        if row["path"].endswith("share_positive"):
            positive, responses = term
            reading.share(positive, responses, value)
        else:
            reading.equal([term], [int(value)])
            if isinstance(term, str):
                reading.shown.append((f"{year}.compared.{row['path']}", int(value)))


def _compared_term(reading: Reading, year: str, path: str) -> Any:
    """The term of a comparison row's figure in ``year``'s report (a pair for a share)."""
    head, _, rest = path.partition(".")
    names = {
        "reach.people": "reach.people",
        "reach.listed": "reach.listed",
        "reach.counted_without_ids": "reach.counted_without_ids",
        "reach.new_and_returning.new": "reach.new_and_returning.new",
        "feedback_loop.items": "loop.items",
        "feedback_loop.changed": "loop.changed",
        "complaints.count": "complaints.count",
        "compliments.count": "compliments.count",
        "platform.total.visits": "platform.total.visits",
        "platform.total.contributions": "platform.total.contributions",
    }
    if path in names:
        return reading.terms.get(f"{year}.{names[path]}")
    if head == "counts":
        return reading.terms.get(f"{year}.counts.{rest}")
    if head == "registers":
        name, _, key = rest.partition(".")
        return reading.terms.get(f"{year}.register.{name}.{key}")
    if head == "surveys":
        series, question, key = rest.split(".", 2)
        where = f"{year}.survey.{series}.{question}"
        if key == "share_positive":
            found = (
                reading.terms.get(f"{where}.positive"),
                reading.terms.get(f"{where}.responses"),
            )
            return None if None in found else found
        return reading.terms.get(f"{where}.{key}")
    return None
