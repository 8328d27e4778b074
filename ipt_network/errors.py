"""The one exception hierarchy: every failure a person can act on is one of these.

The CLI turns any ``IPTNetworkError`` into exit status 2 (invalid input, unknown client or
session) or 1 (storage trouble) with its message; anything else is a bug.
"""

from __future__ import annotations

MAX_PROBLEMS = 50
"""How many problems one refusal lists before it says "and N more"."""


class IPTNetworkError(Exception):
    """Base of every error this package raises on purpose."""


class ValidationError(IPTNetworkError):
    """Input that breaks a rule of the data model; nothing was changed.

    ``problems`` holds one human sentence per problem, each naming the record and field
    ("session 8, tie for 'dan': support must be an integer 0–10, got 12"). ``source`` names
    the file or form the input came from, when there is one.
    """

    def __init__(self, problems: list[str] | str, source: str | None = None):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.source = source
        super().__init__(self.message)

    @property
    def message(self) -> str:
        shown = self.problems[:MAX_PROBLEMS]
        prefix = f"{self.source}: " if self.source else ""
        lines = [prefix + p for p in shown]
        hidden = len(self.problems) - len(shown)
        if hidden:
            lines.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''}")
        return "\n".join(lines)

    def with_source(self, source: str) -> ValidationError:
        """The same problems, attributed to ``source`` (a file name)."""
        return ValidationError(self.problems, source)


class NotFoundError(IPTNetworkError):
    """An unknown client, session, person or record was asked for."""


class StorageError(IPTNetworkError):
    """The database refused or failed; the message says what to do."""


class StaleEditError(StorageError):
    """An edit was based on an older version of the record (another tab or user saved first)."""
