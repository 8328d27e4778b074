"""The dashboard's stylesheets, scripts and favicon, served under ``/assets/`` (a package so that
``importlib.resources`` finds it in a checkout and in an installed wheel alike)."""
