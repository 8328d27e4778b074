"""``python -m ipt_network`` is the ``ipt-network`` command."""

from ipt_network.cli import main

main()
