"""The fast path of loading: one plain function per record class, written once from its fields.

:func:`coproduction._convert.structure` first tries the function :func:`fast_structurer`
gives for the class. It reads a record's raw mapping with the checks the converter's
hooks make, written out field by field (a type test, a dictionary look-up for a
closed word, a cache of the dates already read), and builds the record with its
own constructor, so its cross-field checks run as they always do. It refuses
anything it does not recognise as valid by raising, and never says why: data that
fails is read again by the detailed converter, which lists every problem with where
it is. So the fast path changes how quickly a valid record loads, never what loads
or what an error says.

Field types it does not write out (money, times of day, rungs, a participant's
groups, anything new) use the converter's own hook for that type, exactly as the
converter would.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from coproduction._vocab import Word

__all__ = ["fast_structurer"]

Structurer = Callable[[Any], Any]


class _Refused(Exception):  # noqa: N818 - not an error: the signal to read the data again
    """The fast path does not take this data; the detailed converter reads it."""


_STR_ONLY = frozenset({str})
_MISSING = object()


class _Dates:
    """Dates already read, by their text: a file repeats the same few hundred days."""

    LIMIT = 20_000

    def __init__(self, hook: Callable[[Any, type], datetime.date]) -> None:
        self.seen: dict[str, datetime.date] = {}
        self.hook = hook

    def read(self, value: Any) -> datetime.date:
        """The date ``value`` holds, by the converter's date hook (which raises when none)."""
        day = self.hook(value, datetime.date)
        if type(value) is str:
            if len(self.seen) >= self.LIMIT:
                self.seen.clear()
            self.seen[value] = day
        return day


class _Writer:
    """Writes the source of one record class's fast function, field by field."""

    def __init__(self, builder: _Builder, cls: type) -> None:
        self.builder = builder
        self.cls = cls
        self.lines: list[str] = []

    def name(self, value: object, prefix: str) -> str:
        return self.builder.name(value, prefix)

    def value(self, tp: Any, source: str, target: str, indent: str) -> None:
        """Lines that read ``source`` as a ``tp`` into ``target`` (or raise)."""
        out = self.lines
        args = typing.get_args(tp)
        origin = typing.get_origin(tp)
        if tp is str or tp is bool or tp is int:
            out.append(f"{indent}if type({source}) is not {tp.__name__}: raise _Refused")
            out.append(f"{indent}{target} = {source}")
        elif tp is datetime.date:
            out.append(f"{indent}try: {target} = _dates[{source}]")
            out.append(f"{indent}except (KeyError, TypeError): {target} = _read_date({source})")
        elif isinstance(tp, type) and issubclass(tp, Word):
            # By value, as the word hook's usual case; anything else is not in the table.
            out.append(f"{indent}{target} = {self.name(tp._value2member_map_, 'words')}[{source}]")
        elif origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            out.append(f"{indent}if {source} is None: {target} = None")
            out.append(f"{indent}else:")
            self.value(inner, source, target, indent + "    ")
        elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            self.items(args[0], source, target, indent)
        elif (record := self.record(tp)) is not None:
            out.append(f"{indent}{target} = {record}({source})")
        else:
            hook = self.name(self.builder.converter.get_structure_hook(tp), "hook")
            out.append(f"{indent}{target} = {hook}({source}, {self.name(tp, 'type')})")

    def record(self, tp: Any) -> str | None:
        """The name of the fast function for a record class ``tp``, if it has one."""
        made = self.builder.structurer(tp) if isinstance(tp, type) and attrs.has(tp) else None
        return None if made is None else self.name(made, "record")

    def items(self, element: Any, source: str, target: str, indent: str) -> None:
        out = self.lines
        out.append(
            f"{indent}if type({source}) is not list and type({source}) is not tuple: raise _Refused"
        )
        if element is str:
            out.append(f"{indent}if {source} and {{*map(type, {source})}} != _STR_ONLY: ")
            out.append(f"{indent}    raise _Refused")
            out.append(f"{indent}{target} = tuple({source})")
        elif isinstance(element, type) and issubclass(element, Word):
            words = self.name(element._value2member_map_.__getitem__, "words")
            out.append(f"{indent}{target} = tuple(map({words}, {source}))")
        elif (record := self.record(element)) is not None:
            out.append(f"{indent}{target} = tuple(map({record}, {source}))")
        else:
            depth = len(indent)  # names of their own for a tuple inside a tuple
            each, made = f"x{depth}", f"y{depth}"
            out.append(f"{indent}{target} = []")
            out.append(f"{indent}for {each} in {source}:")
            self.value(element, each, made, indent + "    ")
            out.append(f"{indent}    {target}.append({made})")
            out.append(f"{indent}{target} = tuple({target})")

    def default(self, value: object) -> str:
        """A field's default as the function writes it: a constant, or a name holding it."""
        if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
            return "_NOTHING"  # the constructor calls the factory
        if value is None or type(value) in (bool, int, str) or value == ():
            return repr(value)
        return self.name(value, "default")

    def source(self) -> str | None:
        """The function's source, or None for a class it cannot write out."""
        fields = attrs.fields(self.cls)
        if getattr(self.cls, "__attrs_pre_init__", None) is not None:
            return None
        if any(not f.init or f.alias != f.name for f in fields):
            return None
        try:
            hints = typing.get_type_hints(self.cls)
        except (NameError, TypeError):
            return None
        known = self.name(frozenset(f.name for f in fields), "known")
        required = sum(f.default is attrs.NOTHING for f in fields)
        # Unknown keys refused, `left` counts the optional fields given: once each is
        # read, the rest take their defaults without a look-up.
        self.lines = [
            "    if type(o) is not dict or not o.keys() <= " + known + ": raise _Refused",
            "    get = o.get",
            f"    left = len(o) - {required}",
        ]
        positional, keywords = [], []
        for index, field in enumerate(fields):
            target = f"f{index}"
            if field.default is attrs.NOTHING:
                self.lines.append(f"    v = o[{field.name!r}]")
                self.value(hints[field.name], "v", target, "    ")
            else:
                self.lines.append(
                    f"    if left and (v := get({field.name!r}, _MISSING)) is not _MISSING:"
                )
                self.lines.append("        left -= 1")
                self.value(hints[field.name], "v", target, "        ")
                self.lines.append(f"    else: {target} = {self.default(field.default)}")
            if field.kw_only:
                keywords.append(f"{field.name}={target}")
            else:
                positional.append(target)
        made = self.name(self.cls, "cls")
        self.lines.append(f"    return {made}({', '.join(positional + keywords)})")
        return "\n".join(["def structure(o):", *self.lines])


class _Builder:
    """The fast functions of record classes, each written once and kept."""

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        dates = _Dates(converter.get_structure_hook(datetime.date))
        self.namespace: dict[str, Any] = {
            "_Refused": _Refused,
            "_MISSING": _MISSING,
            "_NOTHING": attrs.NOTHING,
            "_STR_ONLY": _STR_ONLY,
            "_dates": dates.seen,
            "_read_date": dates.read,
        }
        self.names: dict[int, str] = {}
        self.made: dict[type, Structurer | None] = {}

    def name(self, value: object, prefix: str) -> str:
        """The namespace name that holds ``value`` for the written functions."""
        key = id(value)
        if key not in self.names:
            self.names[key] = f"_{prefix}{len(self.names)}"
            self.namespace[self.names[key]] = value
        return self.names[key]

    def structurer(self, cls: type) -> Structurer | None:
        """The fast function for ``cls`` (None when it cannot be written out)."""
        if cls in self.made:
            return self.made[cls]
        # A class that holds itself: the inner records are read by the converter's hook.
        self.made[cls] = None
        source = _Writer(self, cls).source()
        if source is None:
            return None
        local: dict[str, Any] = {}
        exec(compile(source, f"<fast structure {cls.__qualname__}>", "exec"), self.namespace, local)  # noqa: S102 - our own source, written from the class's fields
        made: Structurer = local["structure"]
        self.made[cls] = made
        return made


_builders: dict[int, _Builder] = {}


def fast_structurer(cls: type, converter: cattrs.Converter) -> Structurer | None:
    """The fast function reading a ``cls`` record with ``converter``'s checks, or None.

    It returns the record for valid data and raises (saying nothing) otherwise.
    """
    builder = _builders.get(id(converter))
    if builder is None:
        builder = _builders[id(converter)] = _Builder(converter)
    return builder.structurer(cls) if attrs.has(cls) else None
