"""Closed vocabularies: enums whose members are written as lower-case hyphenated words."""

from __future__ import annotations

import difflib
import enum
from typing import Self

__all__ = ["Word", "unknown_word_message"]


def unknown_word_message(word: object, choices: list[str]) -> str:
    """Say that ``word`` is not one of ``choices``, suggesting the nearest.

    >>> unknown_word_message("desing", ["understand", "plan", "design"])
    "'desing' is not one of understand, plan, design (did you mean 'design'?)"
    """
    message = f"{word!r} is not one of {', '.join(choices)}"
    if isinstance(word, str):
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return message


class Word(enum.Enum):
    """Base for the package's vocabularies: each member's value is its wire word."""

    @classmethod
    def parse(cls, word: object) -> Self:
        """The member written ``word``; ``ValueError`` naming the choices otherwise."""
        for member in cls:
            if member.value == word:
                return member
        raise ValueError(unknown_word_message(word, [str(m.value) for m in cls]))

    def __str__(self) -> str:
        return str(self.value)
