"""Writes the test certificates openssl cannot make directly: an expired RSA one.

usage: make_certs.py OUT_DIR
"""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

out = sys.argv[1]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "expired")])
cert = (
    x509.CertificateBuilder()
    .subject_name(name)
    .issuer_name(name)
    .public_key(key.public_key())
    .serial_number(x509.random_serial_number())
    .not_valid_before(datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
    .not_valid_after(datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc))
    .sign(key, hashes.SHA256())
)
with open(f"{out}/expired-cert.pem", "wb") as f:
    f.write(cert.public_bytes(serialization.Encoding.PEM))
