"""Unseals a sealed-secrets.yaml with kubesealpy, an implementation independent of ours.

usage: unseal.py PRIVATE_KEY.pem SEALED_SECRETS.yaml [OVERRIDES_JSON]

OVERRIDES_JSON may replace the top-level metadata name and namespace, as if the SealedSecret had
been renamed or moved: the controller takes the label from there. Prints one JSON object, either
{"data": {KEY: base64(plaintext)}} or {"error": "..."}. Plaintext never travels in arguments.
"""
import json
import sys

from kubesealpy import Unsealer
from kubesealpy.models import SealedSecret

key_path, manifest_path = sys.argv[1], sys.argv[2]
overrides = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
with open(manifest_path, encoding="utf-8") as f:
    sealed = SealedSecret.from_yaml(f.read())
if "name" in overrides:
    sealed.metadata.name = overrides["name"]
if "namespace" in overrides:
    sealed.metadata.namespace = overrides["namespace"]
try:
    secret = Unsealer.from_private_key_file(key_path).unseal(sealed)
except Exception as e:  # any failure to unseal is the answer, not a crash
    print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
else:
    print(json.dumps({"data": secret.data or {}}))
