"""Intake, errors: a submission refused, with what is wrong and what the editor can do."""

from __future__ import annotations

from ..core import SiteError


class Refused(SiteError):
    """One submission cannot be imported; the others still are."""

    def __init__(self, message: str, hint: str = "", left_out: tuple[tuple[str, str], ...] = ()) -> None:
        self.message = message
        self.hint = hint
        self.left_out = left_out  # the parts that could not be read, when they are why nothing was imported
        super().__init__(f"{message}（{hint}）" if hint else message)


class Unreadable(Refused):
    """A part that is damaged, not hostile: inside a submission it is left out and named, the rest imported."""
