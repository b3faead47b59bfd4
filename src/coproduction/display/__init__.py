"""Rendering at the edge: the board report as one self-contained HTML page.

The domain modules return records; this package turns them into what people
read. The HTML is built from Jinja2 templates with autoescaping on (the
optional ``report`` extra: ``pip install 'coproduction[report]'``).

>>> import coproduction as cp
>>> board = cp.display.board_report(
...     cp.load_projects("examples/measures/projects"), cp.Period.financial_year(2022)
... )
>>> page = cp.display.render_board_html(board)
>>> page.startswith("<!DOCTYPE html>"), '<html lang="en-GB">' in page
(True, True)
"""

from coproduction.display.board import BoardReport, board_report, render_board_html

__all__ = ["BoardReport", "board_report", "render_board_html"]
