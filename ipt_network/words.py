"""Small helpers that turn findings into calm, plain English sentences."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

VOICES = ("therapist", "client")
"""Who a sentence is for: clinical terms with numbers, or plain words a client can read."""


def check_voice(voice: str) -> str:
    if voice not in VOICES:
        raise ValueError(f"voice must be 'therapist' or 'client', got {voice!r}")
    return voice


def list_in_words(items: Iterable[str]) -> str:
    """``"Dan"``, ``"Dan and Sis"``, ``"Dan, Sis and Jo"``.

    >>> list_in_words(["Dan", "Sis", "Jo"])
    'Dan, Sis and Jo'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 tie"``, ``"3 ties"``.

    >>> plural(1, "tie"), plural(3, "person", "people")
    ('1 tie', '3 people')
    """
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def sentence(clauses: Iterable[str], joiner: str = "; ") -> str:
    """Clauses joined into one sentence: first letter upper case, one full stop.

    >>> sentence(["conflict with Mum 8/10", "Mum is in the inner circle"])
    'Conflict with Mum 8/10; Mum is in the inner circle.'
    """
    text = joiner.join(clauses)
    return text[:1].upper() + text[1:] + "." if text else ""


@dataclass(frozen=True)
class TwoVoices:
    """Base of a finding told in two voices, its sentences built on first use.

    Most callers (JSON, tables, figures) never read the sentences, so they are made only when
    asked for. ``words`` returns ``(therapist, client)``; it is not part of equality.
    """

    words: Callable[[], tuple[str, str]] = field(compare=False, repr=False, kw_only=True)

    @cached_property
    def _sentences(self) -> tuple[str, str]:
        return self.words()

    @property
    def therapist(self) -> str:
        """Clinical terms, with the ratings."""
        return self._sentences[0]

    @property
    def client(self) -> str:
        """Plain words a client can read."""
        return self._sentences[1]
