"""The build's orchestration: the only place that knows the order of the stages and what is cached."""

from .lock import BuildLocked, build_lock
from .pipeline import build, check_content, read_submissions
from .values import Built, Checked, Project, Timings

__all__ = [
    "BuildLocked",
    "Built",
    "Checked",
    "Project",
    "Timings",
    "build",
    "build_lock",
    "check_content",
    "read_submissions",
]
