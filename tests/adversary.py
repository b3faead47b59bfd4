"""An adversary for published figures: which suppressed figures can be worked out exactly?

It knows every published figure and the arithmetic that joins them (sums, shares,
bounds), and that a suppressed figure is a whole number, at least 1 unless it could
be a hidden zero. It looks for two assignments of the suppressed figures that fit
everything published and differ in a figure; a figure with only one value that fits
is *recovered*. A small bounded-integer solver (interval propagation, then
bisection) does the search, so it is exact for the systems a report makes.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

Term = Mapping[str, int]  # a linear expression: variable -> coefficient
LARGE = 2_000  # far above any figure a generated report holds
UNBOUNDED = 10**15  # a side with no bound (shares' constraints have coefficients of 20,000)


@attrs.define
class System:
    """Unknown figures with their bounds, and linear constraints ``lo <= sum <= hi`` over them."""

    bounds: dict[str, tuple[int, int]] = attrs.Factory(dict)
    constraints: list[tuple[dict[str, int], int, int]] = attrs.Factory(list)

    def unknown(self, name: str, low: int = 1) -> str:
        """Declare a suppressed figure (at least ``low``); returns its name."""
        old = self.bounds.get(name, (low, LARGE))
        self.bounds[name] = (min(old[0], low), LARGE)
        return name

    def add(self, terms: Mapping[str | int, int], low: float, high: float) -> None:
        """``low <= sum(coefficient * term) <= high``; a term that is an int is a constant."""
        coefficients: dict[str, int] = {}
        constant = 0
        for term, coefficient in terms.items():
            if isinstance(term, int):
                constant += term * coefficient
            else:
                coefficients[term] = coefficients.get(term, 0) + coefficient
        lo = -UNBOUNDED if low == float("-inf") else int(low) - constant
        hi = UNBOUNDED if high == float("inf") else int(high) - constant
        if not coefficients:
            assert lo <= 0 <= hi, f"published figures break their arithmetic: {terms} {low} {high}"
            return
        self.constraints.append((coefficients, lo, hi))

    def equal(self, left: list[str | int], right: list[str | int]) -> None:
        """The figures on the left add up to those on the right."""
        terms: dict[str | int, int] = {}
        for term in left:
            terms[term] = terms.get(term, 0) + 1
        for term in right:
            terms[term] = terms.get(term, 0) - 1
        self.add(terms, 0, 0)

    def recovered(self) -> list[str]:
        """The unknown figures that only one value fits."""
        return sorted(self.recovered_values())

    def recovered_values(self) -> dict[str, int]:
        """The unknown figures that only one value fits, with that value.

        Figures that share no constraint cannot tell each other anything, so each
        connected set of them is solved on its own.
        """
        found: dict[str, int] = {}
        for names, constraints in self._components():
            bounds = {name: self.bounds[name] for name in names}
            found |= _recovered(bounds, constraints)
        return found

    def _components(self) -> list[tuple[list[str], list[Constraint]]]:
        parent = {name: name for name in self.bounds}

        def root(name: str) -> str:
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        for terms, _, _ in self.constraints:
            first, *rest = terms
            for name in rest:
                parent[root(name)] = root(first)
        names: dict[str, list[str]] = {}
        for name in self.bounds:
            names.setdefault(root(name), []).append(name)
        constraints: dict[str, list[Constraint]] = {}
        for constraint in self.constraints:
            constraints.setdefault(root(next(iter(constraint[0]))), []).append(constraint)
        return [(group, constraints.get(key, [])) for key, group in names.items()]


Constraint = tuple[dict[str, int], int, int]


def _recovered(bounds: dict[str, tuple[int, int]], constraints: list[Constraint]) -> dict[str, int]:
    first = _solve(dict(bounds), constraints)
    assert first is not None, "no assignment fits: the adversary's arithmetic is wrong"
    free: set[str] = set()
    for name, value in first.items():
        if name in free:
            continue
        for narrowed in ((bounds[name][0], value - 1), (value + 1, bounds[name][1])):
            if narrowed[0] > narrowed[1]:
                continue
            other = _solve({**bounds, name: narrowed}, constraints)
            if other is not None:
                free.update(k for k in other if other[k] != first[k])
                break
    return {name: first[name] for name in set(first) - free}


def _solve(
    bounds: dict[str, tuple[int, int]], constraints: list[Constraint]
) -> dict[str, int] | None:
    narrowed = _propagate(dict(bounds), constraints)
    if narrowed is None:
        return None
    open_ = [(hi - lo, k) for k, (lo, hi) in narrowed.items() if hi > lo]
    if not open_:
        values = {k: lo for k, (lo, _) in narrowed.items()}
        fits = all(
            lo <= sum(c * values[k] for k, c in terms.items()) <= hi
            for terms, lo, hi in constraints
        )
        return values if fits else None
    _, name = min(open_)
    lo, hi = narrowed[name]
    middle = (lo + hi) // 2
    for part in ((lo, middle), (middle + 1, hi)):
        found = _solve({**narrowed, name: part}, constraints)
        if found is not None:
            return found
    return None


def _propagate(
    bounds: dict[str, tuple[int, int]], constraints: list[Constraint]
) -> dict[str, tuple[int, int]] | None:
    """Narrow every figure's bounds by each constraint in turn, until none narrows (or a cap).

    A constraint is looked at again only when one of its figures narrowed.
    """
    using: dict[str, list[int]] = {}
    for index, (terms, _, _) in enumerate(constraints):
        for name in terms:
            using.setdefault(name, []).append(index)
    queue = list(range(len(constraints)))
    queued = set(queue)
    budget = 60 * max(len(constraints), 1)
    while queue and budget:
        budget -= 1
        index = queue.pop()
        queued.discard(index)
        terms, low, high = constraints[index]
        span = {k: sorted((c * bounds[k][0], c * bounds[k][1])) for k, c in terms.items()}
        least = sum(s[0] for s in span.values())
        most = sum(s[1] for s in span.values())
        if least > high or most < low:
            return None
        for name, coefficient in terms.items():
            # coefficient * x lies in [low - rest_most, high - rest_least]
            a, b = low - (most - span[name][1]), high - (least - span[name][0])
            if coefficient > 0:
                new_lo, new_hi = -(-a // coefficient), b // coefficient
            else:
                new_lo, new_hi = -(-b // coefficient), a // coefficient
            lo, hi = bounds[name]
            new = (max(lo, new_lo), min(hi, new_hi))
            if new[0] > new[1]:
                return None
            if new != (lo, hi):
                bounds[name] = new
                for other in using[name]:
                    if other not in queued:
                        queue.append(other)
                        queued.add(other)
    return bounds
