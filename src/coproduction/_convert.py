"""The package's own cattrs converter, and the translation of its errors into Problems.

The converter is strict, because council files are typed by hand: unknown keys
are errors (a misspelt key must not be silently ignored), a number is never
read as text or a flag, a date must be an ISO date, and every vocabulary word
is checked against its closed list. Hooks are registered only on this
converter, never on cattrs' global one, so a council system that uses cattrs
itself is unaffected.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from coproduction._checks import EARLIEST, LATEST, converting
from coproduction._fast import fast_structurer
from coproduction._vocab import Word
from coproduction.errors import Problem, ValidationError
from coproduction.money import pounds
from coproduction.project import Groups
from coproduction.rungs import Rung

__all__ = ["converter", "describe", "structure", "to_dict"]

T = TypeVar("T")

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


# Text a date or time field may quote back: digits and separators only, so free text
# typed into the field (perhaps a name) is never echoed.
_CODE_LIKE = re.compile(r"[a-z0-9][a-z0-9_+-]{0,39}")
_DATE_LIKE = re.compile(r"[0-9][0-9 ./:T+-]{0,19}")


def _quoted(value: str, allowed: re.Pattern[str]) -> str:
    """``: 'value'`` when the value is safe to quote back (it matches ``allowed``), else ``""``."""
    return f": {value!r}" if allowed.fullmatch(value) else ""


NESTED_TOO_DEEPLY = "the data is nested too deeply to be a record"


class _BadValueError(ValueError):
    """A value failed a hook's check; the message is safe to show (no free text)."""


def _describe(value: object) -> str:  # noqa: PLR0911 - one return per kind of value
    """A short, privacy-safe description of a value of the wrong type."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}" if abs(value) < 10**15 else "a very large number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, (list, tuple)):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, datetime.datetime):
        return "a date with a time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time of day"
    return "a value of another kind"


describe = _describe


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        # Text fields can hold personal details typed in the wrong place: never echo the value.
        kind = (
            "a number"
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else _describe(value)
        )
        raise _BadValueError(f"expected text, got {kind}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValueError(f"expected a whole number, got {_describe(value)}")
    return value


def _in_range(day: datetime.date) -> datetime.date:
    if not EARLIEST <= day <= LATEST:
        raise _BadValueError(
            f"{day.isoformat()} is outside the dates a record may hold "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return day


def _structure_date(value: object, _: type) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise _BadValueError("expected a date (YYYY-MM-DD), got a date with a time")
    if isinstance(value, datetime.date):
        return _in_range(value)
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return _in_range(day)
        raise _BadValueError(f"not a date{_quoted(value, _DATE_LIKE)} (use YYYY-MM-DD)")
    raise _BadValueError(f"expected a date (YYYY-MM-DD), got {_describe(value)}")


def _structure_decimal(value: object, _: type) -> Decimal:
    try:
        return pounds(value)
    except ValidationError as error:
        raise _BadValueError(error.problems[0].message) from None


def _structure_time(value: object, _: type) -> datetime.time:
    if isinstance(value, datetime.time):
        return value
    if isinstance(value, str) and _TIME.fullmatch(value):
        try:
            return datetime.time.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, str):
        raise _BadValueError(f"not a time of day{_quoted(value, _DATE_LIKE)} (use HH:MM)")
    raise _BadValueError(f"expected a time of day (HH:MM), got {_describe(value)}")


def _structure_word(value: object, cls: type[Word]) -> Word:
    if type(value) is str and (member := cls._value2member_map_.get(value)) is not None:
        return typing.cast("Word", member)  # the usual case: a word of the list, by value
    if not isinstance(value, str):
        choices = ", ".join(str(m.value) for m in cls)
        raise _BadValueError(f"expected one of {choices}, got {_describe(value)}")
    try:
        return cls.parse(value)
    except ValueError as error:
        raise _BadValueError(str(error)) from None


def _structure_rung(value: object, _: type) -> Rung:
    if not isinstance(value, str):
        raise _BadValueError(f"expected a rung name such as 'co-design', got {_describe(value)}")
    try:
        return Rung.from_label(value)
    except ValueError as error:
        raise _BadValueError(str(error)) from None


def _structure_groups(value: object, _: type) -> Groups:
    if not isinstance(value, Mapping):
        raise _BadValueError(f"expected a table of field = group, got {_describe(value)}")
    bad = [str(k) for k, v in value.items() if not isinstance(k, str) or not isinstance(v, str)]
    if bad:
        raise _BadValueError(f"every group must be text (check {', '.join(sorted(bad))})")
    return Groups(value)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], tuple[Any, ...]]:
    element = typing.get_args(tp)[0]
    handler = conv.get_structure_hook(element)
    wants_table = attrs.has(element)

    def first_problem_stops(value: Any, _: Any) -> tuple[Any, ...]:
        # The first try (see `structure`): any failure is read again in detail.
        if not isinstance(value, (list, tuple)):
            raise _BadValueError(f"expected a list, got {_describe(value)}")
        if wants_table and not all(type(item) is dict for item in value):
            raise _BadValueError("expected a table of fields")
        return tuple([handler(item, element) for item in value])

    if not conv.detailed_validation:
        return first_problem_stops

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        # A string is iterable; without this check "p1" would become ("p", "1").
        if not isinstance(value, (list, tuple)):
            raise _BadValueError(f"expected a list, got {_describe(value)}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                if wants_table and not isinstance(item, Mapping):
                    raise _BadValueError(f"expected a table of fields, got {_describe(item)}")
                items.append(handler(item, element))
            except Exception as error:  # noqa: BLE001 - collected, translated by _problems
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(f"index {index}", index, element),
                ]
                errors.append(error)
        if errors:
            raise IterableValidationError("list items failed", errors, tp)
        return tuple(items)

    return structure_tuple


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    return union and len(args) == 2 and type(None) in args


def _optional_hook(tp: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    inner = next(a for a in typing.get_args(tp) if a is not type(None))
    handler = conv.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else handler(value, inner)

    return structure_optional


def _make_converter(*, detailed: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook(datetime.time, _structure_time)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(Rung, _structure_rung)
    conv.register_structure_hook(Groups, _structure_groups)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Word), _structure_word
    )
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda t: _tuple_hook(t, conv))
    if not detailed:  # the first try: an optional field's hook found once, not on each value
        conv.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(t, conv))

    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    conv.register_unstructure_hook(datetime.time, datetime.time.isoformat)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(Rung, lambda rung: rung.label)
    conv.register_unstructure_hook(Groups, dict)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, Word), lambda word: word.value
    )
    return conv


converter = _make_converter()
# The same hooks without cattrs' detailed validation: it stops at the first problem, and is
# tried first by `structure`; only data that fails goes through `converter`, which lists
# every problem with where it is. Both build the same records from data that is valid.
_first_try = _make_converter(detailed=False)


def _unknown_field_problems(error: ForbiddenExtraKeysError, path: str) -> list[Problem]:
    known = [f.name for f in attrs.fields(error.cl)] if attrs.has(error.cl) else []
    problems = []
    for key in sorted(error.extra_fields):
        if not key:
            problems.append(Problem(path or "(top level)", "a field with an empty name"))
            continue
        message = "unknown field"
        import difflib  # noqa: PLC0415 - only for a misspelt field, not on every start

        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        problems.append(Problem(f"{path}.{key}" if path else key, message))
    return problems


def _leaf_message(error: BaseException) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, _BadValueError):
        return str(error)
    if isinstance(error, AttributeError) and "items" in str(error):
        return "expected a table of fields"
    return "invalid value"


def _problems(error: BaseException, path: str) -> list[Problem]:
    """Every problem in a cattrs error tree, each at its field path."""
    if isinstance(error, ValidationError):
        return [p.under(path) for p in error.problems]
    if isinstance(error, ForbiddenExtraKeysError):
        return _unknown_field_problems(error, path)
    if isinstance(error, IterableValidationError):
        items, others = error.group_exceptions()
        found = [p for e, item in items for p in _problems(e, f"{path}[{item.index}]")]
        return found + [p for e in others for p in _problems(e, path)]
    if isinstance(error, ClassValidationError):
        fields, others = error.group_exceptions()
        found = [
            p
            for e, field in fields
            for p in _problems(e, f"{path}.{field.name}" if path else field.name)
        ]
        return found + [p for e in others for p in _problems(e, path)]
    return [Problem(path, _leaf_message(error))]


def structure(
    data: object,
    cls: type[T],
    extra_checks: Callable[[Mapping[str, Any]], list[Problem]] | None = None,
    source: str | None = None,
) -> T:
    """Build a ``cls`` record from plain data, or raise ValidationError with every problem.

    ``extra_checks`` runs on the raw mapping as well (cross-record checks such
    as references), so its problems are listed even when fields also fail. The
    record is first built by the class's fast function (see ``_fast``), which stops
    at the first problem, without ``extra_checks`` (a record's own construction
    checks what they check); only data that fails is read again, to list every
    problem with where it is.
    """
    if not isinstance(data, Mapping):
        raise ValidationError(
            [Problem("", f"expected a table of fields at the top level, got {_describe(data)}")],
            source,
        )
    data, problems = _document_head(data, cls)
    if problems:
        raise ValidationError(problems, source)
    fast = fast_structurer(cls, _first_try)
    try:
        with converting():
            return fast(data) if fast is not None else _first_try.structure(data, cls)
    except Exception:  # noqa: BLE001, S110 - read again below, to list every problem
        pass
    if extra_checks:
        try:
            problems = extra_checks(data)
        except Exception:  # noqa: BLE001 - malformed data the field checks below will name
            problems = []
    try:
        with converting():
            return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as error:
        found = _problems(error, "")
        problems = found + [p for p in problems if p not in found]
    except ValidationError as error:
        problems += [p for p in error.problems if p not in problems]
    except RecursionError:
        problems.append(Problem("", NESTED_TOO_DEEPLY))
    except Exception as error:  # noqa: BLE001 - any structuring failure is bad input
        problems.append(Problem("", _leaf_message(error)))
    raise ValidationError(problems, source)


# The version of the JSON documents' shapes: raised when a shape changes incompatibly.
SCHEMA_VERSION = 1

P = typing.ParamSpec("P")


def kind_of(cls: type) -> str:
    """The name of a record's or result's kind of JSON document (its class name, hyphenated).

    >>> from coproduction.project import Project
    >>> kind_of(Project)
    'project'
    """
    return re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()


def document(
    method: Callable[typing.Concatenate[Any, P], dict[str, Any]],
) -> Callable[typing.Concatenate[Any, P], dict[str, Any]]:
    """Mark a result's ``to_dict`` as its JSON form, opening with kind and schema_version."""

    def wrapped(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        head = {"kind": kind_of(type(self)), "schema_version": SCHEMA_VERSION}
        return head | method(self, *args, **kwargs)

    wrapped.__doc__ = method.__doc__
    wrapped.__name__ = method.__name__
    wrapped._document = True  # type: ignore[attr-defined]
    return wrapped


def to_dict(record: object) -> dict[str, Any]:
    """A record or result as JSON-ready data, opening with its ``kind`` and ``schema_version``.

    Dates are ISO text, words their wire form, money text with two decimals. The same
    as ``record.to_dict()``; loading a record's form back gives an equal record.
    """
    own = getattr(type(record), "to_dict", None)
    if getattr(own, "_document", False):
        data: dict[str, Any] = record.to_dict()  # type: ignore[attr-defined]
        return data
    body = converter.unstructure(record)
    if not isinstance(body, dict):
        msg = f"not a record: {type(record).__name__}"
        raise TypeError(msg)
    kind = kind_of(type(record))
    if "kind" in body:  # the record has a field of that name (a charter's): renamed beside
        body = {(f"{kind}_kind" if k == "kind" else k): v for k, v in body.items()}
    return {"kind": kind, "schema_version": SCHEMA_VERSION} | body


def _document_head(data: Mapping[str, Any], cls: type) -> tuple[dict[str, Any], list[Problem]]:
    """The data without its ``kind`` and ``schema_version``, and any problem with them.

    A record with a field of its own called ``kind`` (a charter) has it written as
    ``<kind>_kind`` in a document; a file that gives ``kind`` alone means the field.
    """
    if "kind" not in data and "schema_version" not in data:
        return dict(data) if type(data) is not dict else data, []  # the usual record file
    expected = kind_of(cls)
    renamed = f"{expected}_kind"
    body = dict(data)
    version = body.pop("schema_version", None)
    kind = None
    if not (attrs.has(cls) and "kind" in attrs.fields_dict(cls)):
        kind = body.pop("kind", None)
    elif renamed in body or body.get("kind") == expected:
        kind = body.pop("kind", None)
        if renamed in body:
            body["kind"] = body.pop(renamed)
    problems = []
    if kind is not None and kind != expected:
        named = f"a {kind!r}" if isinstance(kind, str) and _CODE_LIKE.fullmatch(kind) else "another"
        problems.append(Problem("kind", f"this is {named} document, not a {expected!r}"))
    if version is not None and (
        isinstance(version, bool) or not isinstance(version, int) or version > SCHEMA_VERSION
    ):
        plain = isinstance(version, int) and not isinstance(version, bool) and abs(version) < 10**9
        shown = f"{version}" if plain else "that"
        problems.append(
            Problem(
                "schema_version",
                f"{shown} is not a version this package reads ({SCHEMA_VERSION} or "
                "earlier): upgrade coproduction",
            )
        )
    return body, problems
