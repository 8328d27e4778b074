"""Synthetic sample clients for ``ipt-network demo`` (a package so that ``importlib.resources``
finds them in a checkout and in an installed wheel alike)."""
