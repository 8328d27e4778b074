"""The network measures in plain words, for chart rows, legends and choices."""

from __future__ import annotations

MEASURE_WORDS = {
    "size": "People in the circle",
    "inner_circle": "People in the inner circle",
    "total_support": "Total support",
    "total_conflict": "Total conflict",
    "mean_support": "Average support",
    "mean_conflict": "Average conflict",
    "supportive": "Supportive ties",
    "ambivalent": "Mixed ties (support and conflict)",
    "aversive": "Mostly-conflict ties",
    "indifferent": "Ties neither strong",
    "conflicted_ties": "Conflicted ties (mixed or mostly conflict)",
    "density": "How many of them know each other (density)",
    "effective_size": "Effective size",
    "constraint": "Constraint",
    "support_concentration": "Share of support from one person",
}
"""Measure names of DESIGN section 5 in plain words."""


def measure_words(measure: str) -> str:
    """A measure's plain words; an unknown one from its name (``"new_measure"`` → ``"New measure"``)."""
    return MEASURE_WORDS.get(measure, measure.replace("_", " ").capitalize())
