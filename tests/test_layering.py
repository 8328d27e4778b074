"""The one-way layering of docs/architecture.md, checked: the core never loads dash or plotly, and
the figures never load dash.

The modules of a layer are imported one by one in a fresh interpreter, so what each drags in is
seen whatever the rest of the suite has already imported, and the first module to load a forbidden
package is the one named.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

PACKAGE = ROOT / "ipt_network"
OUTSIDE_THE_CORE = ("ui/", "figures/", "export/", "store/migrations/")
"""The core is everything else (``store`` included: its migration scripts are run by Alembic)."""


def modules(*, under: str | None = None) -> list[str]:
    """Dotted names of the package's modules: those under ``under``, or the core's when ``None``
    (``__main__`` modules run a program when imported, and import nothing their package does not)."""
    found = []
    for path in sorted(set(PACKAGE.rglob("*.py")) - set(PACKAGE.rglob("__main__.py"))):
        relative = path.relative_to(PACKAGE).with_suffix("").as_posix()
        if relative.startswith(f"{under}/") if under else not relative.startswith(OUTSIDE_THE_CORE):
            found.append(".".join(["ipt_network", *relative.split("/")]).removesuffix(".__init__"))
    return found


CORE = modules()
FIGURES = modules(under="figures")

IMPORT_EACH = """
import importlib, json, sys
forbidden, loaded = set(sys.argv[1].split(",")), {}
for name in sys.argv[2:]:
    importlib.import_module(name)
    loaded[name] = sorted(forbidden & {module.split(".")[0] for module in sys.modules})
print(json.dumps(loaded))
"""


def forbidden_loads(module_names: list[str], forbidden: set[str]) -> dict[str, list[str]]:
    """Each module that, imported in this order in a fresh interpreter, left a ``forbidden`` package
    loaded, with those packages (the first one named is the culprit)."""
    result = subprocess.run([sys.executable, "-c", IMPORT_EACH, ",".join(sorted(forbidden)), *module_names],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    return {name: packages for name, packages in json.loads(result.stdout).items() if packages}


def test_the_layers_hold_the_modules_they_should():
    assert {"ipt_network.model", "ipt_network.metrics", "ipt_network.overview", "ipt_network.store.rows",
            "ipt_network.formats.json_v1", "ipt_network.cli"} <= set(CORE)
    assert not [name for name in CORE if name.startswith(("ipt_network.ui", "ipt_network.figures",
                                                          "ipt_network.export"))]
    assert {"ipt_network.figures", "ipt_network.figures.network", "ipt_network.figures.keys"} <= set(FIGURES)


def test_the_check_sees_a_module_that_loads_dash():
    assert forbidden_loads(["ipt_network.model", "ipt_network.ui.view"], {"dash", "plotly"}) == {
        "ipt_network.ui.view": ["dash", "plotly"]}


def test_the_core_loads_neither_dash_nor_plotly():
    assert forbidden_loads(CORE, {"dash", "plotly"}) == {}


def test_figures_never_load_dash():
    assert forbidden_loads(FIGURES, {"dash"}) == {}
