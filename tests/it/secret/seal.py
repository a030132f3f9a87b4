"""Seals stdin with kubesealpy for the strict scope of NAMESPACE/NAME; prints the base64.

usage: seal.py CERT.pem NAMESPACE NAME < value
Stands in for the controller's re-encryption in the /v1/rotate test.
"""
import base64
import sys

from kubesealpy import Sealer, SealingScope

cert, namespace, name = sys.argv[1], sys.argv[2], sys.argv[3]
raw = Sealer.from_certificate_file(cert).seal_value(
    sys.stdin.buffer.read(), namespace=namespace, name=name, scope=SealingScope.STRICT
)
sys.stdout.write(raw if isinstance(raw, str) else base64.b64encode(raw).decode("ascii"))
