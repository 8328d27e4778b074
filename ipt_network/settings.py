"""The clinical thresholds behind every flag, hotspot and change, in one tunable object.

The defaults reproduce DESIGN section 5 exactly. A clinic that wants, say, a stricter "high"
builds ``Thresholds(high=6)`` and passes it to the analytics; nothing else in the code holds
one of these numbers. Properties of the published mood instruments (bands, reliable change)
are facts of those instruments, not local choices, and live with their sources in ``scales``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ipt_network.errors import ValidationError


@dataclass(frozen=True)
class Thresholds:
    """Cut-offs of DESIGN section 5, on the 0–10 rating scale unless said otherwise.

    Attributes
    ----------
    high : int
        T: a rating at or above this is "high" (valence, close support, conflicted links).
    high_conflict : int
        A tie's conflict at or above this makes its person a ``high_conflict`` hotspot.
    change : int
        A support or conflict rating that moved by at least this many points is a change
        worth naming when two sessions are compared.
    rising : int
        Conflict up by at least this many points since the previous session makes a
        ``rising_conflict`` hotspot.
    shrinking : int
        Size or supportive count down by at least this many since the previous session
        raises the ``shrinking`` flag.
    few_supports : int
        Fewer ties than this with support at or above ``high`` raises ``few_supports``.
    concentration : float
        Support concentration strictly above this (with at least two people) raises
        ``concentrated_support``.
    conflicted_links : int
        A person in at least this many links with conflict at or above ``high`` is a
        ``conflict_among_others`` hotspot.
    min_n : int
        Fewest paired sessions for which a rank correlation of levels is reported.
    min_n_changes : int
        Fewest pairs of session-to-session changes for which a rank correlation of changes is
        reported.
    """

    high: int = 5
    high_conflict: int = 7
    change: int = 2
    rising: int = 3
    shrinking: int = 2
    few_supports: int = 3
    concentration: float = 0.5
    conflicted_links: int = 2
    min_n: int = 4
    min_n_changes: int = 5

    def __post_init__(self) -> None:
        problems = []
        for name in ("high", "high_conflict", "change", "rising", "shrinking"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
                problems.append(f"thresholds: {name} must be a whole number 1–10, got {value!r}")
        for name in ("few_supports", "conflicted_links"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(f"thresholds: {name} must be a whole number from 1, got {value!r}")
        for name in ("min_n", "min_n_changes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 3:
                problems.append(f"thresholds: {name} must be a whole number from 3, got {value!r}")
        if isinstance(self.concentration, bool) or not isinstance(self.concentration, int | float) \
                or not 0 <= self.concentration < 1:
            problems.append(f"thresholds: concentration must be a fraction from 0 to below 1, "
                            f"got {self.concentration!r}")
        if problems:
            raise ValidationError(problems)

    def replace(self, **changes: int | float) -> Thresholds:
        """A copy with some thresholds changed, validated like the original."""
        return dataclasses.replace(self, **changes)


DEFAULT = Thresholds()
"""The thresholds of DESIGN section 5."""
