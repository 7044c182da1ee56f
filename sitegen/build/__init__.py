"""The build's orchestration: the only place that knows the order of the stages and what is cached."""

from .pipeline import Project, Timings, build, check_content, read_submissions

__all__ = ["Project", "Timings", "build", "check_content", "read_submissions"]
