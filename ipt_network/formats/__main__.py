"""``python -m ipt_network.formats`` prints the JSON Schema published as docs/ipt-network-v2.schema.json."""

from ipt_network.formats.json_v1 import schema_text

print(schema_text(), end="")
