"""The rungs of the ladder of co-production, its bands, and Arnstein's ladder.

Shared vocabulary: the project record names rungs (its claimed and target levels), and
the ladder assesses them; both import them from here.

The seven rungs are those of the ladder of co-production made by Think Local
Act Personal's National Co-production Advisory Group (TLAP/NCAG), itself drawn
from Arnstein (1969). Source: TLAP, "Ladder of co-production",
thinklocalactpersonal.org.uk/Latest/Co-production-The-ladder-of-co-production/
(rung texts also reproduced by Norfolk County Council, norfolk.gov.uk/article/39266).
The descriptions below are the package's own paraphrase.

The three bands ("doing to", "doing for", "doing with") are not cited to
TLAP: they are stated by the versions of the ladder published by Wirral
Council and by Hammersmith & Fulham Council. Whether TLAP's own graphic
carries them is unconfirmed.

>>> Rung.CO_DESIGN.label, Rung.CO_DESIGN.band.value
('co-design', 'doing with')
>>> Rung.from_label("consultation") < Rung.CO_PRODUCTION
True
"""

from __future__ import annotations

import enum

from coproduction._vocab import unknown_word_message

__all__ = [
    "ARNSTEIN_CITATION",
    "BAND_CITATION",
    "LADDER_CITATION",
    "ArnsteinGroup",
    "ArnsteinRung",
    "Band",
    "Rung",
]

LADDER_CITATION = (
    "Think Local Act Personal, National Co-production Advisory Group, 'Ladder of co-production', "
    "thinklocalactpersonal.org.uk/Latest/Co-production-The-ladder-of-co-production/ "
    "(rung texts also reproduced at norfolk.gov.uk/article/39266)"
)
BAND_CITATION = (
    "Bands as stated in the ladder versions published by Wirral Council and by "
    "Hammersmith & Fulham Council (not confirmed as part of TLAP's own graphic)"
)
ARNSTEIN_CITATION = (
    "Arnstein, S. R. (1969) 'A ladder of citizen participation', Journal of the American "
    "Institute of Planners 35(4), pp. 216-224"
)


class Band(enum.Enum):
    """The three bands the rungs fall into (cited to Wirral and Hammersmith & Fulham)."""

    DOING_TO = "doing to"
    DOING_FOR = "doing for"
    DOING_WITH = "doing with"

    @property
    def arnstein_group(self) -> ArnsteinGroup:
        """The Arnstein group this band corresponds to.

        This is the package's own band-level correspondence, not an official
        table: no published rung-by-rung mapping between the two ladders exists.

        >>> Band.DOING_FOR.arnstein_group
        <ArnsteinGroup.TOKENISM: 'tokenism'>
        """
        return _BAND_TO_GROUP[self]


class Rung(enum.IntEnum):
    """A rung of the TLAP ladder of co-production, ordered bottom (1) to top (7).

    On the wire a rung is its lower-case, hyphenated label (``"co-design"``).
    """

    COERCION = 1
    EDUCATING = 2
    INFORMING = 3
    CONSULTATION = 4
    ENGAGEMENT = 5
    CO_DESIGN = 6
    CO_PRODUCTION = 7

    @property
    def label(self) -> str:
        """The rung's name as written in files and JSON, e.g. ``co-production``."""
        return self.name.lower().replace("_", "-")

    @property
    def title(self) -> str:
        """The rung's name for display, e.g. ``Co-production``."""
        return self.label.capitalize()

    @property
    def band(self) -> Band:
        """The band the rung falls in."""
        return _RUNG_BAND[self]

    @property
    def description(self) -> str:
        """A short paraphrase of the rung's meaning (source: :data:`LADDER_CITATION`)."""
        return _RUNG_DESCRIPTION[self]

    @classmethod
    def from_label(cls, label: str) -> Rung:
        """The rung named by ``label``; raises ``ValueError`` naming the choices.

        >>> Rung.from_label("co-producton")
        Traceback (most recent call last):
        ...
        ValueError: 'co-producton' is not one of coercion, educating, informing, consultation, engagement, co-design, co-production (did you mean 'co-production'?)
        """  # noqa: E501
        for rung in cls:
            if rung.label == label:
                return rung
        raise ValueError(unknown_word_message(label, [r.label for r in cls]))


_RUNG_BAND = {
    Rung.COERCION: Band.DOING_TO,
    Rung.EDUCATING: Band.DOING_TO,
    Rung.INFORMING: Band.DOING_FOR,
    Rung.CONSULTATION: Band.DOING_FOR,
    Rung.ENGAGEMENT: Band.DOING_FOR,
    Rung.CO_DESIGN: Band.DOING_WITH,
    Rung.CO_PRODUCTION: Band.DOING_WITH,
}

_RUNG_DESCRIPTION = {
    Rung.COERCION: (
        "People are present only to receive; nobody asks what they think or acts on it."
    ),
    Rung.EDUCATING: (
        "People are helped to understand how services are designed and run, and no more."
    ),
    Rung.INFORMING: ("People are told about services and about what was decided, and why."),
    Rung.CONSULTATION: (
        "People are asked for their views; without a route to influence, this is tokenistic."
    ),
    Rung.ENGAGEMENT: (
        "People have repeated or ongoing chances to give views and some influence, "
        "within limits the organisation sets."
    ),
    Rung.CO_DESIGN: (
        "People design with professionals, drawing on their experience, with real "
        "influence over the design but no share in strategic decisions or delivery."
    ),
    Rung.CO_PRODUCTION: (
        "An equal relationship from start to finish: people share strategic decisions "
        "and take part in design, delivery and review."
    ),
}


class ArnsteinGroup(enum.Enum):
    """Arnstein's three groups of rungs (source: :data:`ARNSTEIN_CITATION`)."""

    NONPARTICIPATION = "nonparticipation"
    TOKENISM = "tokenism"
    CITIZEN_POWER = "citizen power"

    @property
    def band(self) -> Band:
        """The TLAP band this group corresponds to (the package's own correspondence)."""
        return _GROUP_TO_BAND[self]


class ArnsteinRung(enum.IntEnum):
    """A rung of Arnstein's ladder of citizen participation (1969), bottom (1) to top (8).

    Arnstein's ladder is a separate scale: the package relates it to the TLAP
    ladder only at band level (see :attr:`Band.arnstein_group`), because no
    published rung-by-rung mapping exists. TLAP has nothing equal to
    Delegated power or Citizen control.

    >>> ArnsteinRung.PLACATION.group.band
    <Band.DOING_FOR: 'doing for'>
    """

    MANIPULATION = 1
    THERAPY = 2
    INFORMING = 3
    CONSULTATION = 4
    PLACATION = 5
    PARTNERSHIP = 6
    DELEGATED_POWER = 7
    CITIZEN_CONTROL = 8

    @property
    def label(self) -> str:
        """The rung's name in lower case with hyphens, e.g. ``delegated-power``."""
        return self.name.lower().replace("_", "-")

    @property
    def group(self) -> ArnsteinGroup:
        """The group Arnstein places the rung in."""
        if self <= ArnsteinRung.THERAPY:
            return ArnsteinGroup.NONPARTICIPATION
        if self <= ArnsteinRung.PLACATION:
            return ArnsteinGroup.TOKENISM
        return ArnsteinGroup.CITIZEN_POWER


# The package's own band-level correspondence (not an official mapping).
_BAND_TO_GROUP = {
    Band.DOING_TO: ArnsteinGroup.NONPARTICIPATION,
    Band.DOING_FOR: ArnsteinGroup.TOKENISM,
    Band.DOING_WITH: ArnsteinGroup.CITIZEN_POWER,
}
_GROUP_TO_BAND = {group: band for band, group in _BAND_TO_GROUP.items()}
