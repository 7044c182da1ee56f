"""Intake: e-mailed submissions (.eml, .zip, .docx, saved folders) become submitted drafts under content/."""

from .archive import Limits
from .errors import Refused
from .importer import Outcome, import_submissions, remaining_problems

__all__ = ["Limits", "Outcome", "Refused", "import_submissions", "remaining_problems"]
