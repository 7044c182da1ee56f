"""Problems found in config or content, and the errors that carry them out of the pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "提示"}


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing an editor must fix: where it is, which field, what is wrong, how to fix it."""

    path: str
    line: int | None
    field: str
    message: str
    hint: str = ""
    # An error blocks the build and `approve`; a warning (an Annex-2 limit on the unit's material, a
    # punctuation slip) is listed and never blocks (SPEC 4.2). `rule` is the id config.yml's severities name.
    severity: Severity = "error"
    rule: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def labelled(self) -> str:
        """The line `check` prints: 错误 or 提示, then the problem."""
        return f"{self.label} {self}"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text}（{self.hint}）" if self.hint else text


class SiteError(Exception):
    """Base class for errors reported to the user without a traceback."""


class UsageError(SiteError):
    """The command line cannot be carried out as typed (exit code 2, not 1)."""


class ProblemsFound(SiteError):
    """Config or content has problems; the build stops and publishes nothing."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems), key=_sort_key))
        super().__init__(f"{len(self.problems)} problem(s)")


def _sort_key(p: Problem) -> tuple[str, int, str, str]:
    return (p.path, p.line or 0, p.field, p.message)


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def summary_line(problems: Iterable[Problem]) -> str:
    ordered = sort_problems(problems)
    files = len({p.path for p in ordered})
    errors = len(errors_of(ordered))
    if errors == len(ordered):
        return f"共 {errors} 个问题，涉及 {files} 个文件。"
    return f"共 {len(ordered)} 个问题（{errors} 个错误、{len(ordered) - errors} 条提示），涉及 {files} 个文件。"


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(set(problems), key=_sort_key))


def format_text(problems: Iterable[Problem]) -> str:
    """Problems grouped by file, one line each, and a summary count at the end."""
    ordered = sort_problems(problems)
    lines: list[str] = []
    current = None
    for problem in ordered:
        if problem.path != current:
            if current is not None:
                lines.append("")
            current = problem.path
        lines.append(problem.labelled())
    lines.append("")
    lines.append(summary_line(ordered))
    return "\n".join(lines)


def format_json(problems: Iterable[Problem]) -> str:
    ordered = sort_problems(problems)
    payload = {
        "problems": [asdict(p) | {"text": str(p)} for p in ordered],
        "count": len(ordered),
        "errors": len(errors_of(ordered)),
        "warnings": len(ordered) - len(errors_of(ordered)),
        "files": len({p.path for p in ordered}),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
