"""The packages of the distribution: the code, plus the top-level ``assets/`` and ``data/samples/``
folders mapped to ``ipt_network.assets`` and ``ipt_network.samples``.

Mapped so that the repository keeps them where a reader looks for them, while the wheel carries
them inside the package, where ``importlib.resources`` finds them (from a checkout too).
"""

from setuptools import find_packages, setup

RESOURCES = {"ipt_network.assets": "assets", "ipt_network.samples": "data/samples"}

setup(
    packages=[*find_packages(include=["ipt_network", "ipt_network.*"]), *RESOURCES],
    package_dir=RESOURCES,
)
