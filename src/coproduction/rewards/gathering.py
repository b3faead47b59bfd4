"""Claims from the files a command is given: TOML, JSON, CSV or .xlsx, or piped in.

Every problem in every file is gathered, each placed in its file (and for a
sheet at its row and column), and a claim id given twice is a problem (when
invalid claims are skipped, the first claim with that id is kept).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from coproduction.errors import MissingDependencyError, Problem, ValidationError
from coproduction.loading import STDIN, STDIN_NAME, csv_rows, read_file, read_stdin, read_text
from coproduction.rewards.claims import Claim
from coproduction.rewards.duplicates import repeated_claim_ids
from coproduction.rewards.loading import load_claim, with_policy_from
from coproduction.rewards.sheets import claims_from_rows, place_on_sheet
from coproduction.rewards.workbook import xlsx_rows

__all__ = ["ClaimPlace", "load_claims", "load_placed_claims", "load_valid_claims"]


@attrs.frozen
class ClaimPlace:
    """Where a claim was read from: its file, and for a sheet the row each field came from."""

    source: str
    rows: Mapping[str, int] | None = None  # field path -> row number, for a sheet

    def locate(self, problem: Problem) -> Problem:
        """``problem`` (at a field of the claim) placed in the file, at its row and column.

        >>> place = ClaimPlace("june.csv", {"": 2, "activities[0]": 3})
        >>> print(place.locate(Problem("activities[0].kind", "not paid")))
        june.csv: row 3, column kind: not paid
        >>> print(ClaimPlace("c1.toml").locate(Problem("activities[0].kind", "not paid")))
        c1.toml: activities[0].kind: not paid
        """
        if self.rows is None:
            return _under(self.source, problem)
        return _under(self.source, place_on_sheet(problem, dict(self.rows))[1])


def load_claims(*sources: str | os.PathLike[str]) -> list[Claim]:
    """Claims from files: ``.toml``/``.json`` (one claim each), ``.csv`` or ``.xlsx`` (many).

    Every problem in every file is gathered into one ValidationError; nothing
    partial is returned.
    """
    claims, problems, _ = _gather(sources, skip_invalid=False)
    if problems:
        raise ValidationError(problems)
    return claims


def load_valid_claims(*sources: str | os.PathLike[str]) -> tuple[list[Claim], list[Problem]]:
    """The valid claims in ``sources``, and every problem of what was left out.

    A claim in a spreadsheet with a problem in any of its rows is left out whole
    (paying part of a claim would underpay it), and the problems say which rows;
    a file that cannot be read at all is left out with its problems.
    """
    claims, problems, _ = _gather(sources, skip_invalid=True)
    return claims, problems


def load_placed_claims(
    *sources: str | os.PathLike[str], skip_invalid: bool = False
) -> tuple[list[Claim], list[Problem], list[ClaimPlace]]:
    """The valid claims, every problem, and where each claim came from (file, rows).

    So later checks (against a claim's policy) can say which file and row. Without
    ``skip_invalid`` a caller refuses every claim when there is any problem.
    """
    return _gather(sources, skip_invalid=skip_invalid)


def _gather(
    sources: Iterable[str | os.PathLike[str]], *, skip_invalid: bool
) -> tuple[list[Claim], list[Problem], list[ClaimPlace]]:
    claims: list[Claim] = []
    places: list[str] = []
    located: list[ClaimPlace] = []
    problems: list[Problem] = []
    for source in sources:
        rows: dict[str, dict[str, int]] = {}
        try:
            if str(source) == STDIN:
                found, wrong = _stdin_claims(skip_invalid=skip_invalid, rows_out=rows)
                claims += found
                places += [STDIN_NAME] * len(found)
                located += [ClaimPlace(STDIN_NAME, rows.get(c.id)) for c in found]
                problems += [_under(STDIN_NAME, p) for p in wrong]
                continue
            suffix = Path(source).suffix.lower()
            if suffix in (".csv", ".xlsx"):
                cells = (
                    csv_rows(read_file(source), str(source))
                    if suffix == ".csv"
                    else xlsx_rows(source)
                )
                found, wrong = claims_from_rows(
                    cells, str(source), skip_invalid=skip_invalid, rows_out=rows
                )
                claims += [with_policy_from(c, Path(source).parent) for c in found]
                places += [str(source)] * len(found)
                located += [ClaimPlace(str(source), rows[c.id]) for c in found]
                problems += [_under(str(source), p) for p in wrong]
            elif suffix in (".toml", ".json"):
                claims.append(load_claim(source))
                places.append(str(source))
                located.append(ClaimPlace(str(source)))
            else:
                message = (
                    "is a folder: give the claim files in it"
                    if Path(source).is_dir()
                    else f"unsupported file type {suffix or '(none)'!r}"
                )
                problems.append(Problem(str(source), f"{message} (.toml, .json, .csv or .xlsx)"))
        except ValidationError as error:
            name = error.source or (STDIN_NAME if str(source) == STDIN else str(source))
            problems += [_under(name, p) for p in error.problems]
        except MissingDependencyError as error:
            problems.append(Problem(str(source), str(error)))
    repeated = repeated_claim_ids([claim.id for claim in claims], places)
    if repeated and skip_invalid:  # keep each id's first claim: none is paid twice
        firsts = {claim.id: index for index, claim in reversed(list(enumerate(claims)))}
        kept = [index for index, claim in enumerate(claims) if firsts[claim.id] == index]
        claims, located = [claims[i] for i in kept], [located[i] for i in kept]
    return claims, problems + repeated, located


def _stdin_claims(
    *, skip_invalid: bool, rows_out: dict[str, dict[str, int]] | None = None
) -> tuple[list[Claim], list[Problem]]:
    """Claims piped in (``-``): CSV rows with a header, or one claim as TOML or JSON.

    A policy path in a piped claim is read from the current folder.
    """
    text, suffix = read_stdin()
    if suffix == ".csv":
        rows = csv_rows(text, STDIN_NAME)
        return claims_from_rows(rows, STDIN_NAME, skip_invalid=skip_invalid, rows_out=rows_out)
    data = read_text(text, suffix, STDIN_NAME)
    if not isinstance(data, dict):
        message = "expected one claim (a table or object), or CSV rows with a header"
        raise ValidationError([Problem("", message)], STDIN_NAME)
    return [load_claim(data)], []


def _under(name: str, problem: Problem) -> Problem:
    return Problem(f"{name}: {problem.where}".rstrip(": "), problem.message)
