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
        lo = -LARGE * 100 if low == float("-inf") else int(low) - constant
        hi = LARGE * 100 if high == float("inf") else int(high) - constant
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
        first = _solve(dict(self.bounds), self.constraints)
        assert first is not None, "no assignment fits: the adversary's arithmetic is wrong"
        free: set[str] = set()
        for name, value in first.items():
            if name in free:
                continue
            for narrowed in ((self.bounds[name][0], value - 1), (value + 1, self.bounds[name][1])):
                if narrowed[0] > narrowed[1]:
                    continue
                other = _solve({**self.bounds, name: narrowed}, self.constraints)
                if other is not None:
                    free.update(k for k in other if other[k] != first[k])
                    break
        return sorted(set(first) - free)


def _solve(
    bounds: dict[str, tuple[int, int]], constraints: list[tuple[dict[str, int], int, int]]
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
    bounds: dict[str, tuple[int, int]], constraints: list[tuple[dict[str, int], int, int]]
) -> dict[str, tuple[int, int]] | None:
    for _ in range(60):
        changed = False
        for terms, low, high in constraints:
            span = {k: sorted((c * bounds[k][0], c * bounds[k][1])) for k, c in terms.items()}
            least = sum(s[0] for s in span.values())
            most = sum(s[1] for s in span.values())
            if least > high or most < low:
                return None
            for name, coefficient in terms.items():
                rest_least = least - span[name][0]
                rest_most = most - span[name][1]
                # coefficient * x lies in [low - rest_most, high - rest_least]
                a, b = low - rest_most, high - rest_least
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
                    changed = True
        if not changed:
            break
    return bounds
