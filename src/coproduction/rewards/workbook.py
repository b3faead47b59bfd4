"""Reading an .xlsx workbook's first sheet as rows of text cells, as a CSV file gives them.

Needs the optional extra ``spreadsheets`` (openpyxl), loaded only when a workbook is read.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from pathlib import Path

from coproduction.errors import MissingDependencyError, Problem, ValidationError

__all__ = ["xlsx_rows"]


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # The shortest text that reads back as this float: what the cell shows.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()[:5] if isinstance(value, datetime.time) else value.isoformat()
    return str(value)


def xlsx_rows(path: str | os.PathLike[str]) -> list[list[str]]:
    """The first sheet's rows as text cells (trailing empty cells dropped)."""
    try:
        from openpyxl import load_workbook  # noqa: PLC0415 - an optional extra, loaded when used
    except ImportError:
        msg = "reading .xlsx needs openpyxl: pip install 'coproduction[spreadsheets]'"
        raise MissingDependencyError(msg) from None
    where = str(path)
    if not Path(path).is_file():
        raise ValidationError([Problem("", "file not found")], where)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        raise ValidationError([Problem("", "cannot be read as an .xlsx workbook")], where) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            cells = [_xlsx_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
    finally:
        book.close()
    width = len(rows[0]) if rows else 0
    # A sheet has no ragged rows: pad each data row to the header's width.
    return [rows[0], *(r + [""] * (width - len(r)) for r in rows[1:])] if rows else []
