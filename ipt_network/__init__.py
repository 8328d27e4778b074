"""ipt-network: a client's relationships, session by session, for Interpersonal Psychotherapy."""

__version__ = "0.1.0"
