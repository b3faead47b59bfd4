"""Writing output files whole or not at all.

A report is written to a temporary file beside its destination and renamed over
it, so a reader never sees half a file, and a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coproduction.errors import Problem, ValidationError

__all__ = ["write_text_atomic"]


def _mode_for_new_files() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_text_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace a file unless ``force``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_text_atomic(folder / "out.html", "<p>hello</p>")
    >>> write_text_atomic(folder / "out.html", "again")
    Traceback (most recent call last):
    ...
    coproduction.errors.ValidationError: 1 problem:
      --out: ... already exists: give --force to replace it
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise ValidationError([Problem("--out", f"no such folder: {target.parent}")])
    if target.is_dir():
        raise ValidationError([Problem("--out", f"{target} is a folder: give a file name")])
    if target.exists() and not force:
        raise ValidationError(
            [Problem("--out", f"{target} already exists: give --force to replace it")]
        )
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, _mode_for_new_files())  # mkstemp makes it private; publish it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
