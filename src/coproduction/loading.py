"""Reading and writing records: TOML and JSON files, dicts, JSON text.

This is the package's I/O edge. The domain modules take records and return
records; only this module (and the CLI) touches files.

>>> import coproduction as cp
>>> project = cp.load_project("examples/projects/essex-direct-payment-support.toml")
>>> cp.load_project(cp.to_dict(project)) == project
True
"""

from __future__ import annotations

import io
import json
import os
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from coproduction._convert import NESTED_TOO_DEEPLY, describe, structure, to_dict
from coproduction.errors import Problem, ValidationError
from coproduction.project import Project, reference_problems

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "Shelf",
    "csv_rows",
    "dump_project",
    "expand_sources",
    "load_project",
    "load_projects",
    "read_data",
    "read_file",
    "read_stdin",
    "read_text",
    "stdin_format",
    "to_json",
]

Source = str | os.PathLike[str] | Mapping[str, Any]
T = TypeVar("T")


def read_data(path: str | os.PathLike[str]) -> object:
    """The parsed contents of a ``.toml`` or ``.json`` file.

    Every failure (missing file, wrong type, empty file, syntax error) is a
    :class:`ValidationError` naming the file, never a bare OSError or parser error.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in (".toml", ".json"):
        raise ValidationError(
            [Problem("", f"unsupported file type {suffix or '(none)'!r}: use .toml or .json")],
            str(path),
        )
    return read_text(read_file(path), suffix, str(path))


def read_file(path: str | os.PathLike[str]) -> str:
    """A text file's contents; every failure is a :class:`ValidationError` naming the file."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValidationError([Problem("", "file not found")], where) from None
    except IsADirectoryError:
        raise ValidationError([Problem("", "is a folder, not a file")], where) from None
    except OSError as error:
        raise ValidationError([Problem("", f"cannot be read ({error.strerror})")], where) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError([Problem("", "is not UTF-8 text")], where) from None


STDIN = "-"
"""The file argument that means standard input."""
STDIN_NAME = "<stdin>"
"""What messages call standard input."""


def stdin_format(text: str) -> str:
    r"""The format of piped-in text, as a file suffix: ``.json``, ``.toml`` or ``.csv``.

    >>> stdin_format('{"id": "p"}'), stdin_format('id = "p"'), stdin_format("id,title\np,T")
    ('.json', '.toml', '.csv')
    >>> stdin_format("[[participants]]"), stdin_format("[\n  {}\n]")
    ('.toml', '.json')
    """
    lines = [line.strip() for line in text.splitlines()]
    first = next((line for line in lines if line and not line.startswith("#")), "")
    if first.startswith(("{", "[{", '["')) or first in ("[", "[]"):
        return ".json"
    if "=" in first or (first.startswith("[") and first.endswith("]")):
        return ".toml"
    return ".csv" if "," in first else ".toml"


def read_stdin() -> tuple[str, str]:
    """Standard input's text, and its format as :func:`stdin_format` reads it."""
    text = sys.stdin.read()
    return text, stdin_format(text)


def read_text(text: str, suffix: str, where: str) -> object:
    """Parse TOML or JSON text (``suffix`` says which); errors name ``where``."""
    if not text.strip():
        raise ValidationError([Problem("", "file is empty")], where)
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        return json.loads(text)
    except RecursionError:
        raise ValidationError([Problem("", NESTED_TOO_DEEPLY)], where) from None
    except tomllib.TOMLDecodeError as error:
        raise ValidationError([Problem("", f"TOML syntax error: {error}")], where) from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            [
                Problem(
                    "",
                    f"JSON syntax error at line {error.lineno}, column {error.colno}: {error.msg}",
                )
            ],
            where,
        ) from None
    except ValueError:  # an integer of more digits than Python reads (4,300)
        raise ValidationError([Problem("", "a number is far too long to be read")], where) from None


def csv_rows(text: str, source: str) -> list[list[str]]:
    r"""Every row of CSV text; a cell the csv module cannot read is a located ValidationError.

    >>> csv_rows("a,b\n1,2\n", "x.csv")
    [['a', 'b'], ['1', '2']]
    >>> csv_rows('a,b\n1,"' + "x" * 200_000 + '"\n', "x.csv")
    Traceback (most recent call last):
    ...
    coproduction.errors.ValidationError: 1 problem in x.csv:
      line 2: a cell is longer than 131,072 characters
    """
    import csv  # noqa: PLC0415 - only for CSV files, not on every start

    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as error:
        if "field larger" in str(error):
            message = f"a cell is longer than {csv.field_size_limit():,} characters"
        elif "new-line" in str(error):
            message = (
                "a cell holds a line break (a carriage return on its own?) outside "
                "double quotes: quote the cell or remove the break"
            )
        else:
            message = "cannot be read as CSV"
        raise ValidationError([Problem(f"line {reader.line_num}", message)], source) from None
    return rows


# What marks each kind of record file, and the command that reads it: so a file given to
# the wrong command can be named for what it is rather than as a list of unknown fields.
_KINDS: tuple[tuple[str, frozenset[str], str], ...] = (
    ("claim", frozenset({"participant", "claimed_total", "expenses"}), "coproduction pay"),
    ("budget", frozenset({"financial_year", "allocations"}), "coproduction budget"),
    (
        "Working Together for Change cycle",
        frozenset({"step", "statements", "themes"}),
        "coproduction wtfc",
    ),
    ("register of a standing group", frozenset({"members"}), "coproduction measures --register"),
    ("reward policy", frozenset({"versions"}), "coproduction pay --policy"),
    ("charter", frozenset({"items", "parameters"}), "coproduction charter --charter"),
)


def looks_like(data: object, expected: str) -> Problem | None:
    """A problem naming what ``data`` looks like when it is another kind than ``expected``.

    >>> print(looks_like({"id": "c1", "participant": "p1", "claimed_total": "20.00"},
    ...                  "project record"))
    this looks like a claim, not a project record: try `coproduction pay`
    >>> looks_like({"id": "x", "title": "A project"}, "project record") is None
    True
    """
    kind = record_kind(data, expected)
    if kind is None:
        return None
    return Problem("", f"this looks like a {kind}, not a {expected}: try `{_COMMANDS[kind]}`")


_COMMANDS = {kind: command for kind, _, command in _KINDS} | {
    "project record": "coproduction ladder"
}


def record_kind(data: object, expected: str) -> str | None:
    """The kind of record ``data`` looks like, when it is not ``expected``; else None.

    >>> record_kind({"financial_year": 2025, "allocations": []}, "project record")
    'budget'
    """
    if not isinstance(data, Mapping):
        return None
    keys = set(data)
    for kind, marks, _ in _KINDS:
        if kind != expected and keys & marks:
            return kind
    if expected != "project record" and {"activities", "title"} <= keys:
        return "project record"
    return None


def load_project(source: Source) -> Project:
    """Load a project record from a ``.toml`` or ``.json`` file, or from a mapping.

    Raises :class:`ValidationError` listing every problem with its location.

    >>> load_project({"id": "x", "title": "A", "activitys": []})
    Traceback (most recent call last):
    ...
    coproduction.errors.ValidationError: 1 problem:
      activitys: unknown field (did you mean 'activities'?)
    """
    data = source if not isinstance(source, (str, os.PathLike)) else read_data(source)
    where = None if not isinstance(source, (str, os.PathLike)) else str(source)
    wrong = looks_like(data, "project record")
    if wrong is not None:
        raise ValidationError([wrong], where)
    # Already-parsed data: a mapping, or anything else, which gets a located error.
    return structure(data, Project, reference_problems, source=where)


def load_projects(*sources: Source) -> list[Project]:
    """Load several projects: files, mappings, or folders (every .toml/.json file in them).

    Problems in all of them are gathered into one :class:`ValidationError`,
    each line prefixed with the file it is in. Folders are read in name order.
    """
    projects: list[Project] = []
    problems: list[Problem] = []
    for index, source in enumerate(expand_sources(sources)):
        try:
            projects.append(load_project(source))
        except ValidationError as error:
            name = error.source or f"project [{index}]"
            problems += [
                Problem(f"{name}: {p.where}".rstrip(": "), p.message) for p in error.problems
            ]
    if problems:
        raise ValidationError(problems)
    return projects


def expand_sources(sources: Iterable[Source]) -> list[Source]:
    """Files and mappings as given, folders replaced by their .toml/.json files in name order."""
    expanded: list[Source] = []
    for source in sources:
        if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
            expanded += sorted(
                p for p in Path(source).iterdir() if p.suffix.lower() in (".toml", ".json")
            )
        else:
            expanded.append(source)
    return expanded


@attrs.frozen
class Shelf:
    """A folder of TOML records shipped inside the package (policies, charters)."""

    package: str
    folder: str
    noun: str

    def ids(self) -> list[str]:
        """The ids on the shelf: its file names without ``.toml``."""
        from importlib import resources  # noqa: PLC0415 - only when a shelf is read

        found = resources.files(self.package).joinpath(self.folder).iterdir()
        return sorted(f.name.removesuffix(".toml") for f in found if f.name.endswith(".toml"))

    def unknown(self, name: str) -> str:
        """The message for an id not on the shelf, suggesting the closest one."""
        ids = self.ids()
        import difflib  # noqa: PLC0415 - only for an unknown id

        close = difflib.get_close_matches(name, ids, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return (
            f"no packaged {self.noun} {name!r}: {hint}(packaged: {', '.join(ids)}); "
            f"or give the path to a {self.noun} file"
        )

    def load(
        self,
        source: str | os.PathLike[str] | Mapping[str, Any],
        cls: type[T],
        extra_checks: Callable[[Mapping[str, Any]], list[Problem]] | None = None,
    ) -> T:
        """A record from a packaged id, a ``.toml``/``.json`` path, or a dict."""
        if isinstance(source, Mapping):
            return structure(source, cls, extra_checks)
        if not isinstance(source, (str, os.PathLike)):
            raise ValidationError(
                [
                    Problem(
                        "",
                        f"expected a packaged {self.noun} id, a file path or a table of "
                        f"fields, got {describe(source)}",
                    )
                ]
            )
        if isinstance(source, str) and source in self.ids():
            from importlib import resources  # noqa: PLC0415 - only when a shelf is read

            text = resources.files(self.package).joinpath(self.folder, f"{source}.toml")
            data = read_text(text.read_text("utf-8"), ".toml", source)
            return structure(data, cls, extra_checks, source=source)
        if isinstance(source, str) and not Path(source).suffix:
            raise ValidationError([Problem("", self.unknown(source))])
        return structure(read_data(source), cls, extra_checks, source=str(source))


def to_json(record: object) -> str:
    """A record as JSON text (two-space indented, keys in field order)."""
    return json.dumps(to_dict(record), indent=2, ensure_ascii=False) + "\n"


def dump_project(project: Project, path: str | os.PathLike[str]) -> None:
    """Write a project record to ``path`` as JSON; loading it back gives an equal record."""
    Path(path).write_text(to_json(project), encoding="utf-8")
