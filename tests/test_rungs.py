"""The ladder's rungs, bands and Arnstein's ladder."""

import pytest

import coproduction as cp


def test_the_seven_rungs_run_from_coercion_to_co_production_in_order() -> None:
    assert [r.label for r in cp.Rung] == [
        "coercion",
        "educating",
        "informing",
        "consultation",
        "engagement",
        "co-design",
        "co-production",
    ]
    assert [int(r) for r in cp.Rung] == list(range(1, 8))
    assert cp.Rung.CONSULTATION < cp.Rung.CO_DESIGN


@pytest.mark.parametrize(
    ("rung", "band"),
    [
        (cp.Rung.COERCION, cp.Band.DOING_TO),
        (cp.Rung.EDUCATING, cp.Band.DOING_TO),
        (cp.Rung.INFORMING, cp.Band.DOING_FOR),
        (cp.Rung.CONSULTATION, cp.Band.DOING_FOR),
        (cp.Rung.ENGAGEMENT, cp.Band.DOING_FOR),
        (cp.Rung.CO_DESIGN, cp.Band.DOING_WITH),
        (cp.Rung.CO_PRODUCTION, cp.Band.DOING_WITH),
    ],
)
def test_each_rung_sits_in_the_band_wirral_and_hammersmith_give_it(
    rung: cp.Rung, band: cp.Band
) -> None:
    assert rung.band is band


def test_every_rung_has_a_description_and_the_ladder_cites_tlap() -> None:
    assert all(len(r.description) > 20 for r in cp.Rung)
    assert "Think Local Act Personal" in cp.ladder.LADDER_CITATION
    assert "Wirral" in cp.ladder.BAND_CITATION


def test_a_rung_label_reads_back_and_a_misspelling_gets_a_suggestion() -> None:
    assert all(cp.Rung.from_label(r.label) is r for r in cp.Rung)
    with pytest.raises(ValueError, match="did you mean 'co-design'"):
        cp.Rung.from_label("codesign")


def test_arnstein_has_eight_rungs_in_three_groups() -> None:
    groups = [r.group for r in cp.ArnsteinRung]
    assert len(groups) == 8
    assert groups.count(cp.ArnsteinGroup.NONPARTICIPATION) == 2
    assert groups.count(cp.ArnsteinGroup.TOKENISM) == 3
    assert groups.count(cp.ArnsteinGroup.CITIZEN_POWER) == 3
    assert cp.ArnsteinRung.CITIZEN_CONTROL.label == "citizen-control"


def test_arnstein_corresponds_to_the_bands_only_at_band_level_both_ways() -> None:
    for band in cp.Band:
        assert band.arnstein_group.band is band
    assert cp.Rung.CO_PRODUCTION.band.arnstein_group is cp.ArnsteinGroup.CITIZEN_POWER
    assert cp.Rung.COERCION.band.arnstein_group is cp.ArnsteinGroup.NONPARTICIPATION
    assert "own" in (cp.Band.arnstein_group.__doc__ or "")
