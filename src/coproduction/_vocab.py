"""Closed vocabularies: enums whose members are written as lower-case hyphenated words."""

from __future__ import annotations

import enum
import re
from typing import Self

__all__ = ["Word", "unknown_word_message"]

# A value that looks like a code (short, lower case, no spaces) may be quoted back;
# anything else may be free text typed into a coded field, perhaps personal, and is not.
_CODE_LIKE = re.compile(r"[a-z0-9][a-z0-9_+-]{0,29}")


def unknown_word_message(word: object, choices: list[str], *, personal: bool = False) -> str:
    """Say that ``word`` is not one of ``choices``, suggesting the nearest.

    The word is quoted only when it looks like a code and the vocabulary is not
    ``personal`` (a benefit declared is; an activity kind is not):

    >>> unknown_word_message("desing", ["understand", "plan", "design"])
    "'desing' is not one of understand, plan, design (did you mean 'design'?)"
    >>> unknown_word_message("Jane's carer", ["understand", "plan", "design"])
    'the value is not one of understand, plan, design'
    >>> unknown_word_message("esa-x", ["esa", "pip"], personal=True)
    'the value is not one of esa, pip'
    """
    if personal or not isinstance(word, str) or not _CODE_LIKE.fullmatch(word):
        return f"the value is not one of {', '.join(choices)}"
    message = f"{word!r} is not one of {', '.join(choices)}"
    if isinstance(word, str):
        import difflib  # noqa: PLC0415 - only for a misspelt word, not on every start

        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return message


class Word(enum.Enum):
    """Base for the package's vocabularies: each member's value is its wire word."""

    @classmethod
    def parse(cls, word: object) -> Self:
        """The member written ``word``; ``ValueError`` naming the choices otherwise."""
        if not isinstance(word, cls):  # a member is not its own wire word
            try:
                return cls(word)  # by value, as `member.value == word`, without a scan
            except ValueError:
                pass
        choices = [str(m.value) for m in cls]
        raise ValueError(unknown_word_message(word, choices, personal=cls.personal()))

    @classmethod
    def personal(cls) -> bool:
        """Whether a value of this vocabulary says something personal (never quoted back)."""
        return False

    def __str__(self) -> str:
        return str(self.value)
