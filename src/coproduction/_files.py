"""Writing output files whole or not at all.

A report is written to a temporary file beside its destination and renamed over
it, so a reader never sees half a file, and a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coproduction.errors import Problem, ValidationError

__all__ = ["target_problems", "write_bytes_atomic", "write_text_atomic"]


def _mode_for_new_files() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def target_problems(
    path: str | os.PathLike[str], *, force: bool = False, option: str = "--out"
) -> list[Problem]:
    """Why ``path`` cannot be written: no such folder, a folder, or a file (without ``force``).

    Check every output before writing any, so a command writes all its files or none.
    """
    target = Path(path)
    if not target.parent.is_dir():
        return [Problem(option, f"no such folder: {target.parent}")]
    if target.is_dir():
        return [Problem(option, f"{target} is a folder: give a file name")]
    if target.exists() and not force:
        return [Problem(option, f"{target} already exists: give --force to replace it")]
    return []


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, force: bool = False, option: str = "--out"
) -> None:
    """Write ``text`` to ``path`` atomically; refuse to replace a file unless ``force``.

    ``option`` names the command-line option the path came from, for the problems.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_text_atomic(folder / "out.html", "<p>hello</p>")
    >>> write_text_atomic(folder / "out.html", "again")
    Traceback (most recent call last):
    ...
    coproduction.errors.ValidationError: 1 problem:
      --out: ... already exists: give --force to replace it
    """
    write_bytes_atomic(path, text.encode("utf-8"), force=force, option=option)


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, force: bool = False, option: str = "--out"
) -> None:
    """Write ``data`` to ``path`` atomically (a spreadsheet, say); as :func:`write_text_atomic`."""
    target = Path(path)
    problems = target_problems(target, force=force, option=option)
    if problems:
        raise ValidationError(problems)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise _cannot_write(option, target.parent, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _mode_for_new_files())  # mkstemp makes it private; publish it
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(option, target, error) from error
        raise


def _cannot_write(option: str, where: Path, error: OSError) -> ValidationError:
    """A folder or disk that refuses the file is the user's to fix (exit 2), not a bug.

    >>> print(_cannot_write("--out", Path("/proc"), PermissionError(13, "Permission denied")))
    1 problem:
      --out: cannot write to /proc: permission denied
    """
    reason = (error.strerror or type(error).__name__).lower()
    return ValidationError([Problem(option, f"cannot write to {where}: {reason}")])
