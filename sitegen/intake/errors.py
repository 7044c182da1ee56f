"""Intake, errors: a submission refused, with what is wrong and what the editor can do."""

from __future__ import annotations

from ..core import SiteError


class Refused(SiteError):
    """One submission cannot be imported; the others still are."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}（{hint}）" if hint else message)
