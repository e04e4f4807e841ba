"""The one error a bad data file raises: it names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A data file is missing, malformed or inconsistent.

    ``line`` is the 1-based line of the file (the header is line 1), or ``None`` when the
    problem is the file as a whole.
    """

    def __init__(self, path: Path | str, line: int | None, problem: str, rule: str = "") -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        self.rule = rule
        where = f"{self.path}, line {line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {problem}")
