"""What records and results share for a notebook: ``_repr_html_``, drawn by the display edge.

The domain holds no HTML: a class that inherits :class:`Shown` gets a one-line
``_repr_html_`` that asks :mod:`coproduction.display.html` (loaded on first use) to draw it.
"""

from __future__ import annotations

__all__ = ["Shown"]


class Shown:
    """Gives a record Jupyter's ``_repr_html_``, drawn by :func:`coproduction.display.html.repr_html`."""  # noqa: E501

    __slots__ = ()

    def _repr_html_(self) -> str | None:
        from coproduction.display.html import repr_html  # noqa: PLC0415 - the edge, on first use

        return repr_html(self)
