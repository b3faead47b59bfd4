"""Placing a project on the ladder: the assessment, its reasons, and its gaps.

>>> import coproduction as cp
>>> result = cp.assess_ladder(cp.load_project("examples/projects/bedford-carers-strategy.toml"))
>>> result.rung
<Rung.CONSULTATION: 4>
>>> [gap.id for gap in result.gaps]
['input-changed-something']
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Any

import attrs

from coproduction._convert import document
from coproduction._shown import Shown
from coproduction.evidence import Evidence, evidence_of
from coproduction.ladder.criteria import PROJECT_CRITERIA, STAGE_CRITERIA, Criterion
from coproduction.project import Project, Stage
from coproduction.rungs import Rung

__all__ = ["CriterionResult", "LadderAssessment", "StageLevel", "assess_ladder", "to_dataframe"]

# Advice that work which only consults or engages should not call itself co-production:
# Southwark Council, "Co-production report" (2014), section 2.3; IMPACT centre,
# University of Birmingham.
_OVERCLAIM_SOURCE = "Southwark co-production report (2014) s.2.3; IMPACT centre guidance"


@attrs.frozen
class CriterionResult:
    """One criterion applied to one project: whether it holds, why, and on what evidence."""

    id: str
    rung: Rung
    requirement: str
    holds: bool
    reason: str
    evidence: tuple[str, ...] = ()

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "rung": self.rung.label,
            "requirement": self.requirement,
            "met": self.holds,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@attrs.frozen
class StageLevel:
    """The rung one stage of a project reached on its own.

    ``rung`` is None when nobody with lived experience took part at that stage.
    """

    stage: Stage
    rung: Rung | None
    activities: tuple[str, ...]


@attrs.frozen
class LadderAssessment(Shown):
    """Where a project sits on the ladder, why, and what would lift it.

    ``rung`` is None when no person with lived experience took part: the
    project is not on the ladder (which is not the same as Coercion).
    ``criteria`` holds every criterion of every rung, in ladder order;
    ``gaps`` the unmet criteria of the next rung up; ``target_gaps`` the unmet
    criteria of the project's target rung, if it has not reached it.
    ``as_of`` is the day the evidence was read on; ``planned`` the activities
    planned or dated after it (never evidence), and ``with_planned`` the rung
    the project would reach once they happen.

    The rung is placed from the evidence view's shared facts when the assessment
    is made; the reasons, gaps and stage profile are worked out from the same
    view the first time they are read, so placing many projects costs little
    more than the rung itself.
    """

    project: str
    title: str
    rung: Rung | None
    evidence: Evidence = attrs.field(repr=False, eq=False)
    claimed: Rung | None = None
    target: Rung | None = None
    warnings: tuple[str, ...] = ()
    as_of: datetime.date | None = None
    planned: tuple[str, ...] = ()

    @functools.cached_property
    def _results(self) -> dict[str, CriterionResult]:
        return _results(PROJECT_CRITERIA, self.evidence)

    @functools.cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        """Every criterion of every rung, in ladder order, with its reason and evidence."""
        return tuple(self._results.values())

    @functools.cached_property
    def gaps(self) -> tuple[CriterionResult, ...]:
        """The unmet criteria of the next rung up."""
        return _unmet(PROJECT_CRITERIA, self._results, _above(self.rung))

    @functools.cached_property
    def target_gaps(self) -> tuple[CriterionResult, ...]:
        """The unmet criteria of the target rung, if it has not been reached."""
        target = self.target
        if target is None or (self.rung is not None and self.rung >= target):
            return ()
        return _unmet(PROJECT_CRITERIA, self._results, target)

    @functools.cached_property
    def stages(self) -> tuple[StageLevel, ...]:
        """The rung each stage reached on its own (the per-stage profile)."""
        levels = []
        for stage in Stage:
            at_stage = self.evidence.at(stage)
            levels.append(
                StageLevel(
                    stage,
                    _rung(STAGE_CRITERIA, at_stage),
                    tuple(a.id for a in at_stage.activities),
                )
            )
        return tuple(levels)

    @functools.cached_property
    def with_planned(self) -> Rung | None:
        """The rung the project would reach once its planned activities have happened."""
        if not self.evidence.planned:
            return self.rung
        return _rung(PROJECT_CRITERIA, self.evidence.with_planned())

    @property
    def planned_note(self) -> str:
        """What the planned activities would add, in plain English (empty when none)."""
        if not self.planned:
            return ""
        names = ", ".join(self.planned)
        if self.with_planned is not None and (self.rung is None or self.with_planned > self.rung):
            return (
                f"With the planned {names}, this project would reach "
                f"{self.with_planned.title}; planned activities are not counted until they happen."
            )
        return f"Planned, not counted until they happen: {names} (they would not change the rung)."

    @property
    def on_ladder(self) -> bool:
        """Whether anyone with lived experience took part at all."""
        return self.rung is not None

    @property
    def next_rung(self) -> Rung | None:
        """The rung above the assessed one (Coercion when not on the ladder)."""
        return _above(self.rung)

    def stage(self, stage: Stage) -> Rung | None:
        """The rung a stage reached on its own."""
        return next(s.rung for s in self.stages if s.stage is stage)

    def criteria_for(self, rung: Rung) -> tuple[CriterionResult, ...]:
        """The results of the criteria ``rung`` requires."""
        wanted = {c.id for c in PROJECT_CRITERIA[rung]}
        return tuple(r for r in self.criteria if r.id in wanted)

    def explain(self) -> str:
        """Plain-English reasons, criterion by criterion, with the gaps and warnings."""
        from coproduction.display.text import assessment_text  # noqa: PLC0415 - edge, on use

        return assessment_text(self)

    @document
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the CLI's ``--json`` output for one project)."""
        return {
            "project": self.project,
            "title": self.title,
            "rung": self.rung.label if self.rung else None,
            "rung_number": int(self.rung) if self.rung else None,
            "band": self.rung.band.value if self.rung else None,
            "claimed": self.claimed.label if self.claimed else None,
            "target": self.target.label if self.target else None,
            "criteria": [c.to_dict() for c in self.criteria],
            "gaps": [c.to_dict() for c in self.gaps],
            "target_gaps": [c.to_dict() for c in self.target_gaps],
            "stages": {s.stage.value: s.rung.label if s.rung else None for s in self.stages},
            "warnings": list(self.warnings),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "planned": list(self.planned),
            "with_planned": self.with_planned.label if self.with_planned else None,
        }

    def to_row(self) -> dict[str, Any]:
        """One flat row for a table (see :func:`to_dataframe`)."""
        row: dict[str, Any] = {
            "project": self.project,
            "title": self.title,
            "rung": self.rung.label if self.rung else None,
            "rung_number": int(self.rung) if self.rung else None,
            "band": self.rung.band.value if self.rung else None,
            "claimed": self.claimed.label if self.claimed else None,
            "target": self.target.label if self.target else None,
            "gaps": "; ".join(g.id for g in self.gaps),
            "warnings": len(self.warnings),
        }
        for level in self.stages:
            row[f"stage_{level.stage.value}"] = level.rung.label if level.rung else None
        return row


def _above(rung: Rung | None) -> Rung | None:
    if rung is None:
        return Rung.COERCION
    return Rung(rung + 1) if rung < Rung.CO_PRODUCTION else None


def _rung(criteria: dict[Rung, tuple[Criterion, ...]], evidence: Evidence) -> Rung | None:
    """The highest rung whose criteria all hold, from the view's facts (None: nobody took part)."""
    if not evidence.activities:
        return None
    # From the top down: the first rung whose criteria all hold is the highest.
    for rung in _TOP_DOWN:
        for criterion in criteria[rung]:
            if not criterion.holds(evidence):
                break
        else:
            return rung
    return Rung.COERCION


_TOP_DOWN = tuple(sorted(Rung, reverse=True))


def _results(
    criteria: dict[Rung, tuple[Criterion, ...]], evidence: Evidence
) -> dict[str, CriterionResult]:
    """Every criterion once, with its reason and evidence, in ladder order."""
    results: dict[str, CriterionResult] = {}
    for rung_criteria in criteria.values():
        for criterion in rung_criteria:
            if criterion.id not in results:
                finding = criterion.test(evidence)
                results[criterion.id] = CriterionResult(
                    id=criterion.id,
                    rung=criterion.rung,
                    requirement=criterion.requirement,
                    holds=finding.holds,
                    reason=finding.reason,
                    evidence=finding.evidence,
                )
    return results


def _unmet(
    criteria: dict[Rung, tuple[Criterion, ...]],
    results: dict[str, CriterionResult],
    rung: Rung | None,
) -> tuple[CriterionResult, ...]:
    if rung is None:
        return ()
    return tuple(results[c.id] for c in criteria[rung] if not results[c.id].holds)


def assess_ladder(project: Project, as_of: datetime.date | None = None) -> LadderAssessment:
    """Place ``project`` on the ladder from the evidence recorded as known on ``as_of``.

    ``as_of`` defaults to today. Activities planned (``status = "planned"``) or dated
    after ``as_of`` are not evidence; ``with_planned`` says what they would add.

    >>> import coproduction as cp
    >>> result = cp.assess_ladder(cp.load_project("examples/projects/essex-direct-payment-support.toml"))
    >>> result.rung, result.rung.band
    (<Rung.CO_PRODUCTION: 7>, <Band.DOING_WITH: 'doing with'>)
    >>> result.gaps
    ()
    """  # noqa: E501
    day = as_of if as_of is not None else datetime.date.today()
    return assess_evidence(evidence_of(project, day))


def assess_evidence(evidence: Evidence) -> LadderAssessment:
    """Place a project on the ladder from an evidence view (see :func:`assess_ladder`)."""
    project = evidence.project
    rung = _rung(PROJECT_CRITERIA, evidence)
    planned = evidence.planned
    return LadderAssessment(  # by position, in the fields' order: quicker than by name
        project.id,
        project.title,
        rung,
        evidence,
        project.claimed_level,  # claimed
        project.target_level,  # target
        _warnings(project, rung),
        evidence.as_of,
        tuple([a.id for a in planned]) if planned else (),
    )


def _warnings(project: Project, rung: Rung | None) -> tuple[str, ...]:
    claimed = project.claimed_level
    if claimed is None or (rung is not None and rung >= claimed):
        return ()
    supported = rung.title.lower() if rung else "no rung (nobody with lived experience took part)"
    message = (
        f"the project calls itself {claimed.label} but the recorded evidence supports {supported}"
    )
    if claimed >= Rung.CO_DESIGN:
        message += (
            f"; name the level the work reached rather than call it {claimed.label} "
            f"({_OVERCLAIM_SOURCE})"
        )
    return (message,)


def to_dataframe(assessments: Iterable[LadderAssessment]) -> Any:
    """A pandas DataFrame with one row per assessment (needs the optional pandas extra).

    The same as :func:`coproduction.to_dataframe`; rung columns are ordered categoricals.

    >>> import coproduction as cp
    >>> frame = cp.ladder.to_dataframe(cp.assess_ladder(p) for p in cp.load_projects("examples/projects"))
    >>> list(frame.columns[:4])
    ['project', 'title', 'rung', 'rung_number']
    """  # noqa: E501
    from coproduction.display.frames import to_dataframe as frame  # noqa: PLC0415 - edge

    return frame(list(assessments))
