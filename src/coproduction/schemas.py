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
from coproduction.measures.figures import AnnualFigures
from coproduction.measures.portfolio import CoproductionType
from coproduction.measures.register import Register
from coproduction.measures.survey import SurveyResults
from coproduction.plan import ForwardPlan
from coproduction.project import ActivityKind, Groups, Project, Stage
from coproduction.rewards.budget import Budget
from coproduction.rewards.budget import Category as BudgetCategory
from coproduction.rewards.claims import Claim
from coproduction.rewards.policy import Policy
from coproduction.rewards.reconciliation import Flag
from coproduction.rungs import Rung
from coproduction.wtfc.cycle import Cycle

__all__ = ["RECORDS", "record_schema", "schema", "schema_names"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The input records, by the name ``coproduction schema NAME`` takes (their document kind).
RECORDS: dict[str, type] = {
    kind_of(cls): cls
    for cls in (
        Project,
        Claim,
        Policy,
        Charter,
        Cycle,
        Register,
        Budget,
        SurveyResults,
        ForwardPlan,
        AnnualFigures,
    )
}

_MONEY = {
    "description": 'pounds: text such as "12.50" (never a float), or a whole number',
    "anyOf": [{"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,2})?$"}, {"type": "integer"}],
}
_DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
_TIME = {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", "description": "HH:MM"}


def schema_names() -> list[str]:
    """The names ``coproduction schema`` knows, in order: input records, then results."""
    return sorted(RECORDS) + sorted(RESULTS)


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (see :func:`schema_names`); KeyError if unknown."""
    if name in RESULTS:
        return {
            "$schema": DRAFT,
            "$id": f"urn:coproduction:schema:{name}:{SCHEMA_VERSION}",
            "title": name,
            **RESULTS[name],
        }
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


# ---------------------------------------------------------------- results
# The results' JSON forms are written by each result's ``to_dict``; their schemas are
# stated here, one per kind, and the tests validate every ``--json`` output against them.

_STR: dict[str, Any] = {"type": "string"}
_INT: dict[str, Any] = {"type": "integer"}
_BOOL: dict[str, Any] = {"type": "boolean"}
_DAY: dict[str, Any] = _DATE
_PENCE: dict[str, Any] = {
    "type": "string",
    "pattern": r"^-?[0-9]+\.[0-9]{2}$",
    "description": "pounds with two decimals",
}
_NUMBER: dict[str, Any] = {"type": "number"}
# A published count: null when suppressed (its path is listed under "suppressed").
_COUNT: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}
# A share from 0 to 1: null when suppressed, or when there is nobody to take a share of.
_SHARE: dict[str, Any] = {"type": ["number", "null"], "minimum": 0, "maximum": 1}


def _maybe(value: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [value, {"type": "null"}]}


def _list(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": value}


def _map(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": value}


def _doc(kind: str | None, fields: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An object with exactly ``fields`` (all required), opening with kind when given."""
    head = {"kind": {"const": kind}, "schema_version": {"const": SCHEMA_VERSION}} if kind else {}
    properties = head | fields | extra
    return {
        "type": "object",
        "properties": properties,
        "required": list(head | fields),
        "additionalProperties": False,
    }


_RUNG = {"enum": [r.label for r in Rung]}
_CRITERION = _doc(
    "criterion-result",
    {
        "id": _STR,
        "rung": _RUNG,
        "requirement": _STR,
        "met": _BOOL,
        "reason": _STR,
        "evidence": _list(_STR),
    },
)
_LINE = _doc(
    "line",
    {
        "category": _STR,
        "item": _STR,
        "what": _STR,
        "date": _DAY,
        "quantity": _STR,
        "unit": _STR,
        "rate": _maybe(_STR),
        "amount": _PENCE,
        "rule": _STR,
        "policy_version": _STR,
        "citation": _STR,
        "note": _STR,
        "points": _INT,
    },
)
_ITEM = _doc(
    "item-result",
    {
        "item": _STR,
        "label": _STR,
        "status": {"enum": ["met", "partly-met", "not-met", "no-evidence", "by-hand"]},
        "evidence": _list(_STR),
        "checks": _list(
            _doc(None, {"check": _STR, "concern": _STR, "outcome": _STR, "detail": _STR})
        ),
        "to_meet": _STR,
    },
)
_THEME = _doc(
    "theme-rank",
    {
        "id": _STR,
        "title": _STR,
        "statements": _INT,
        "rank": _INT,
        "priority": _BOOL,
        "by_category": _map(_INT),
    },
)
# A question's answers broken down by one field (measures.survey.Breakdown.published).
_BREAKDOWN = _doc(
    None,
    {
        "question": _STR,
        "by": _STR,
        "responses": _COUNT,
        "positive": _COUNT,
        "groups": _list(
            _doc(
                None,
                {
                    "group": _STR,
                    "responses": _COUNT,
                    "positive": _COUNT,
                    "share_positive": _SHARE,
                    "suppressed": _BOOL,
                },
            )
        ),
        "suppressed": _list(_STR),
    },
)
# Complaints or compliments in the annual report (measures.figures.published_tally).
_TALLY = _doc(
    None,
    {
        "source": {"enum": ["annual figures", "project records"]},
        "count": _COUNT,
        "themes": _map(_COUNT),
        "suppressed": _list(_STR),
    },
)
_PROGRESS = _doc("progress", {"total": _INT, "by_status": _map(_INT), "overdue": _list(_STR)})

_OPPORTUNITY = _doc(
    "opportunity",
    {
        "id": _STR,
        "title": _STR,
        "planned": _DAY,
        "stage": {"enum": [s.value for s in Stage]},
        "opportunity_kind": {"enum": [k.value for k in ActivityKind]},
        "project": _maybe(_STR),
        "activity": _maybe(_STR),
        "open_to": _STR,
    },
)
_ENTRY = _doc(
    "entry",
    {
        "participant": _maybe(_STR),  # null: a payment recorded without a person
        "activity": _maybe(_STR),  # null: expenses linked to no activity
        "date": _maybe(_DAY),
        "attended": _BOOL,
        "owed": _maybe(_PENCE),  # null: not worked out (no claim gives the length)
        "claimed": _PENCE,
        "paid": _PENCE,
        "difference": _maybe(_PENCE),  # null when owed is
        "claims": _list(_STR),
        "flags": _list({"enum": [f.value for f in Flag]}),
        "notes": _list(_STR),
    },
)
_TOTALS = _doc(
    "category-totals",
    {
        "category": {"enum": [*(c.value for c in BudgetCategory), "total"]},
        "budget": _PENCE,
        "committed": _PENCE,
        "paid": _PENCE,
        "remaining": _PENCE,
        "overspent": _BOOL,
    },
)
_BY_TYPE = {
    "type": "object",
    "properties": {t.value: {"type": "integer", "minimum": 0} for t in CoproductionType},
    "required": [t.value for t in CoproductionType],
    "additionalProperties": False,
}

RESULTS: dict[str, dict[str, Any]] = {
    "ladder-assessment": _doc(
        "ladder-assessment",
        {
            "project": _STR,
            "title": _STR,
            "rung": _maybe(_RUNG),
            "rung_number": _maybe({"type": "integer", "minimum": 1, "maximum": 7}),
            "band": _maybe({"enum": ["doing to", "doing for", "doing with"]}),
            "claimed": _maybe(_RUNG),
            "target": _maybe(_RUNG),
            "criteria": _list(_CRITERION),
            "gaps": _list(_CRITERION),
            "target_gaps": _list(_CRITERION),
            "stages": _map(_maybe(_RUNG)),
            "warnings": _list(_STR),
            "as_of": _maybe(_DAY),  # the day the evidence was read on
            "planned": _list(_STR),  # activities planned or dated after it
            "with_planned": _maybe(_RUNG),  # the rung the planned activities would give
        },
    ),
    "calculation": _doc(
        "calculation",
        {
            "claim": _STR,
            "participant": _STR,
            "policy": _STR,
            "policy_version": _STR,
            "choice": _STR,
            "reward": _PENCE,
            "expenses": _PENCE,
            "total": _PENCE,
            "points": _INT,
            "claimed_total": _maybe(_PENCE),
            "lines": _list(_LINE),
            "warnings": _list(_STR),
            "duplicates": _list(_STR),  # possible duplicates of another claim's items
            "check": _STR,  # agrees, differs or not checked
            "assumptions": _list(_STR),
            "differences": _list(
                _doc(None, {"item": _STR, "claimed": _PENCE, "computed": _PENCE, "reason": _STR})
            ),
        },
    ),
    "charter-report": _doc(
        "charter-report",
        {
            "project": _STR,
            "charter": _STR,
            "as_of": _DAY,
            "results": _list(_ITEM),
            "summary": _map(_INT),
        },
    ),
    "cycle-status": _doc(
        "cycle-status",
        {
            "cycle": _STR,
            "title": _STR,
            "step": _STR,
            "next": _maybe(_STR),
            "blockers": _list(_STR),
            "warnings": _list(_STR),
            "themes": _list(_THEME),
            "actions": _PROGRESS,
        },
    ),
    "cycle-advanced": _doc(
        "cycle-advanced",
        {"cycle": _STR, "from": _STR, "to": _STR, "on": _DAY, "written_to": _STR},
    ),
    "cycle-started": _doc(
        "cycle-started",
        {
            "cycle": _STR,
            "from": _STR,
            "on": _DAY,
            "actions_carried": _INT,
            "written_to": _STR,
        },
    ),
    "annual-report": _doc(
        "annual-report",
        {
            "period": _doc(None, {"start": _DAY, "end": _DAY, "name": _STR}),
            "min_count": {"type": "integer", "minimum": 1},
            "headlines": _list(_STR),
            "reach": _doc(
                None,
                {
                    "people": _COUNT,
                    "listed": _COUNT,
                    "counted_without_ids": _COUNT,
                    "projects": _INT,
                    "activities": _INT,
                    "by_stage": _map(_COUNT),
                    "by_kind": _map(_COUNT),
                    "by_format": _map(_COUNT),
                    "new_and_returning": _map(_COUNT),
                    "activities_per_person": _maybe(_NUMBER),
                    "suppressed": _list(_STR),
                },
            ),
            "representativeness": _list(
                _doc(
                    None,
                    {
                        "field": _STR,
                        "people": _COUNT,
                        "source": _STR,
                        "threshold": _NUMBER,
                        # the shares' base: "people whose group is recorded", or "everyone
                        # taking part" when the number not recorded is suppressed
                        "shares_of": _STR,
                        "groups": _list(
                            _doc(
                                None,
                                {
                                    "group": _STR,
                                    "count": _COUNT,
                                    "share": _SHARE,
                                    "population_share": _SHARE,
                                    "ratio": _maybe(_NUMBER),
                                    "under_represented": _maybe(_BOOL),
                                    "suppressed": _BOOL,
                                },
                            )
                        ),
                        "unknown": _COUNT,
                        "suppressed": _list(_STR),
                    },
                )
            ),
            "feedback_loop": _doc(
                None,
                {
                    "as_of": _DAY,
                    "items": _COUNT,
                    "by_status": _map(_COUNT),
                    "waiting": _COUNT,
                    "longest_wait_days": _maybe(_INT),
                    "median_wait_days": _maybe(_NUMBER),
                    "answered": _COUNT,  # items with a decision
                    "changed": _COUNT,  # of which accepted or implemented
                    "changed_something": _SHARE,
                    "changed_something_of": _STR,  # the share's numerator and denominator
                    "median_days_to_report_back": _maybe(_NUMBER),
                    "suppressed": _list(_STR),
                },
            ),
            "experience": _list(
                _doc(
                    None,
                    {
                        "question": _STR,
                        "responses": _COUNT,
                        "mean": _maybe(_NUMBER),
                        "satisfied": _SHARE,
                        "suppressed": _BOOL,
                    },
                )
            ),
            "registers": _list(
                _doc(
                    None,
                    {
                        "register": _STR,
                        "name": _STR,
                        "members_at_end": _COUNT,
                        "joined": _COUNT,
                        "left": _COUNT,
                        "next_election": _maybe(_DAY),
                        "seats": _maybe(_INT),
                        "vacancies_at_end": _COUNT,  # null without seats, or when suppressed
                    },
                )
            ),
            "surveys": _list(
                _doc(
                    None,
                    {
                        "survey": _STR,
                        "findings": _list(_STR),
                        "title": _STR,
                        "series": _STR,
                        "start": _DAY,
                        "end": _DAY,
                        "source": _STR,
                        "questions": _list(
                            _doc(
                                None,
                                {
                                    "question": _STR,
                                    "statement": _STR,
                                    "responses": _COUNT,
                                    "positive": _COUNT,
                                    "share_positive": _SHARE,
                                    "suppressed": _BOOL,
                                    "breakdowns": _list(_BREAKDOWN),
                                },
                            )
                        ),
                    },
                )
            ),
            "experience_by_group": _list(_BREAKDOWN),
            "compositions": _list(
                _doc(
                    None,
                    {
                        "register": _maybe(_STR),
                        "name": _STR,
                        "people": _COUNT,
                        "mix": _map(_COUNT),
                        "lived_experience_share": _SHARE,
                        "split": _maybe(_STR),
                        "by": _list(
                            _doc(
                                None,
                                {
                                    "field": _STR,
                                    "groups": _list(
                                        _doc(
                                            None,
                                            {
                                                "group": _STR,
                                                "took_part": _COUNT,
                                                "members": _COUNT,
                                                "population_share": _SHARE,
                                            },
                                        )
                                    ),
                                },
                            )
                        ),
                        "suppressed": _list(_STR),
                    },
                )
            ),
            "complaints": _TALLY,
            "compliments": _TALLY,
            "platform": _doc(
                None,
                {
                    "name": _STR,
                    "periods": _list(
                        _doc(
                            None,
                            {
                                "start": _DAY,
                                "end": _DAY,
                                "opportunities": _maybe(_INT),
                                "visits": _COUNT,  # null when suppressed or not given
                                "contributions": _COUNT,
                            },
                        )
                    ),
                    "total": _doc(
                        None, {"visits": _COUNT, "contributions": _COUNT, "opportunities": _COUNT}
                    ),
                    "suppressed": _list(_STR),
                },
            ),
            "counts": _doc(
                None,
                {
                    "items": _list(
                        _doc(None, {"id": _STR, "label": _STR, "people": _COUNT, "source": _STR})
                    ),
                    "suppressed": _list(_STR),
                },
            ),
            "impact": _doc(
                None,
                {
                    "changed": _COUNT,
                    "items": _list(
                        _doc(
                            None,
                            {
                                "project": _STR,
                                "project_title": _STR,
                                "item": _STR,
                                "status": {"enum": ["accepted", "implemented"]},
                                "decided_on": _DAY,
                                "what_changed": _STR,
                                "acted_by": _STR,
                            },
                        )
                    ),
                    # False: the items are left out, the list would give a suppressed figure.
                    "listed": {"type": "boolean"},
                    "suppressed": _list(_STR),
                },
            ),
            "previous_year": _maybe(
                _doc(
                    None,
                    {
                        "period": _doc(None, {"start": _DAY, "end": _DAY, "name": _STR}),
                        "comparisons": _list(
                            _doc(
                                None,
                                {
                                    "measure": _STR,
                                    "path": _STR,
                                    "this_year": _maybe(_NUMBER),
                                    "previous_year": _maybe(_NUMBER),
                                    "change": _maybe(_NUMBER),
                                },
                            )
                        ),
                    },
                )
            ),
            "suppressed": _list(_STR),
        },
        skipped=_list(_STR),  # the command line's: files skipped as invalid
    ),
    "charter-listing": _doc("charter-listing", {"id": _STR, "name": _STR, "items": _INT}),
    "upcoming-opportunities": _doc(
        "upcoming-opportunities",
        {
            "organisation": _STR,
            "published": _DAY,
            "as_of": _DAY,
            "opportunities": _list(_OPPORTUNITY),  # planned on or after as_of, soonest first
        },
    ),
    "reconciliation": _doc(
        "reconciliation",
        {
            "project": _STR,
            "policy": _STR,
            "pay_within_days": {"type": "integer", "minimum": 0},
            "owed": _PENCE,
            "claimed": _PENCE,
            "paid": _PENCE,
            "difference": _PENCE,  # paid minus owed, over the entries worked out
            "underpaid": _PENCE,  # the shortfalls added up (they and overpaid can cancel)
            "overpaid": _PENCE,
            "not_worked_out": {"type": "integer", "minimum": 0},  # entries left out of owed
            "entries": _list(_ENTRY),
        },
    ),
    "budget-status": _doc(
        "budget-status",
        {
            "budget": _maybe(_STR),
            "financial_year": _STR,
            "categories": _list(_TOTALS),
            "total": _TOTALS,
            "warnings": _list(_STR),
        },
    ),
    "period-total": _doc(
        "period-total",
        {
            "participant": _STR,
            "period_kind": {"enum": ["week", "month", "tax year"]},
            "period": _STR,
            "start": _DAY,
            "end": _DAY,
            "earnings": _PENCE,
            "hours": _maybe(_PENCE),  # a week's hours of involvement, two decimals
            "flags": _list(_STR),
        },
    ),
    "portfolio": _doc(
        "portfolio",
        {
            "period": _doc(None, {"start": _DAY, "end": _DAY}),
            "activities_by_type": _BY_TYPE,
            "projects_by_type": _BY_TYPE,
            "additive": _INT,
            "substitutive": _INT,
            "not_coproduced": _INT,  # activities held with no shared say
            "individual": _STR,  # why individual co-production is not counted
        },
        skipped=_list(_STR),  # the command line's: files skipped as invalid
    ),
    "schema-listing": _doc("schema-listing", {"name": _STR}),
}
