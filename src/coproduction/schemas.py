"""JSON Schemas (draft 2020-12) for the input records, generated from the record classes.

Each schema is made from the attrs record class the loader builds, so it cannot drift
from what the loader accepts: field names, which fields are required, types, the
vocabularies' words, and no unknown fields. An editor given the schema checks a
council's file as it is typed (for TOML, e.g. with Taplo or Even Better TOML). The
loader remains the authority: it also checks what a schema cannot say (references
between records, dates in order, money exact to the penny).

>>> schema = record_schema("project")
>>> schema["$schema"], schema["title"], schema["required"]
('https://json-schema.org/draft/2020-12/schema', 'project', ['id', 'title'])
>>> schema["properties"]["claimed_level"]["anyOf"][0]["enum"][:2]
['coercion', 'educating']
"""

from __future__ import annotations

import datetime
import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from coproduction._convert import SCHEMA_VERSION, kind_of
from coproduction.charters.charter import Charter
from coproduction.measures.register import Register
from coproduction.project import Groups, Project
from coproduction.rewards.budget import Budget
from coproduction.rewards.claims import Claim
from coproduction.rewards.policy import Policy
from coproduction.rungs import Rung
from coproduction.wtfc.cycle import Cycle

__all__ = ["RECORDS", "record_schema", "schema", "schema_names"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The input records, by the name ``coproduction schema NAME`` takes (their document kind).
RECORDS: dict[str, type] = {
    kind_of(cls): cls for cls in (Project, Claim, Policy, Charter, Cycle, Register, Budget)
}

_MONEY = {
    "description": 'pounds: text such as "12.50" (never a float), or a whole number',
    "anyOf": [{"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,2})?$"}, {"type": "integer"}],
}
_DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
_TIME = {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", "description": "HH:MM"}


def schema_names() -> list[str]:
    """The names ``coproduction schema`` knows, in order."""
    return sorted(RECORDS)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (see :func:`schema_names`); KeyError if unknown."""
    return record_schema(name)


class _Builder:
    """Walks a record class's fields, collecting nested records as ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            # JSON may say null for an optional field (TOML leaves it out).
            inner = [self.of(a) for a in args if a is not type(None)]
            if type(None) in args:
                inner.append({"type": "null"})
            return inner[0] if len(inner) == 1 else {"anyOf": inner}
        if origin is tuple or origin is list:
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is dict or tp is Groups:
            value = self.of(args[1]) if len(args) == 2 else {"type": "string"}
            return {"type": "object", "additionalProperties": value}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if isinstance(tp, type) and attrs.has(tp):
            return self.record(tp)
        return self.leaf(tp)

    def leaf(self, tp: Any) -> dict[str, Any]:
        if tp is Rung:
            return {"enum": [r.label for r in Rung]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        simple: dict[Any, dict[str, Any]] = {
            str: {"type": "string"},
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            Decimal: _MONEY,
            datetime.date: _DATE,
            datetime.time: _TIME,
        }
        if tp in simple:
            return dict(simple[tp])
        return {}  # a type the loader checks by itself

    def record(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder while building, for records that nest themselves
            self.defs[name] = self.body(cls)
        return {"$ref": f"#/$defs/{name}"}

    def body(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            name = field.name
            properties[name] = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(name)
        body: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            body["required"] = required
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        if doc:
            body["description"] = doc
        return body


def record_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one input record (see :func:`schema_names`); KeyError if unknown."""
    cls = RECORDS[name]
    builder = _Builder()
    body = builder.body(cls)
    document = {"const": name, "description": "the kind of document (optional in a file)"}
    head: dict[str, Any] = {
        "kind": document,
        "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
    }
    own = body["properties"].pop("kind", None)
    if own is not None:
        # The record's own field called kind (a charter's): written <kind>_kind in a
        # document, and plain kind in a council's file.
        head["kind"] = {"anyOf": [document, own]}
        head[f"{name}_kind"] = own
    body["properties"] = head | body["properties"]
    schema = {
        "$schema": DRAFT,
        "$id": f"urn:coproduction:schema:{name}:{SCHEMA_VERSION}",
        "title": name,
        **body,
    }
    if builder.defs:
        schema["$defs"] = builder.defs
    return schema
