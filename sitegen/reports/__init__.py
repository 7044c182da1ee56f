"""Editorial accounting (`build.py report`): quotas, adoption, media levels and the Annex 2/3 workbooks."""

from .annex import ANNEX2_HEADERS, ANNEX3_ACTIVITIES, ANNEX3_LEVELS, ANNEX3_MEASURES
from .forms import Forms, read_forms
from .media import MediaCount, media_counts, outlet_level
from .quotas import QuotaRow, accountable, quota_day, quota_period, quota_rows, shortfalls
from .run import blank_forms, column_reports, edition_title, make_reports
from .tables import ADOPTION_HEADERS, quota_headers

__all__ = [
    "ADOPTION_HEADERS",
    "ANNEX2_HEADERS",
    "ANNEX3_ACTIVITIES",
    "ANNEX3_LEVELS",
    "ANNEX3_MEASURES",
    "Forms",
    "MediaCount",
    "QuotaRow",
    "accountable",
    "blank_forms",
    "column_reports",
    "edition_title",
    "make_reports",
    "media_counts",
    "outlet_level",
    "quota_day",
    "quota_headers",
    "quota_period",
    "quota_rows",
    "read_forms",
    "shortfalls",
]
