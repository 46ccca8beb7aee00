#!/usr/bin/env bash
# Ed25519 interop check for `fieldkit update keygen|sign|verify` (swift-crypto) against Python's
# `cryptography` (an independent Ed25519 implementation):
#   1. our signature over the reference manifest verifies in Python (over the canonical binary bytes
#      that Scripts/update_fixtures.py encodes independently);
#   2. a signature made by Python verifies with our CLI;
#   3. a tampered manifest is refused (exit status 1).
# Needs: Examples built (`cd Examples && swift build`), python3 with `cryptography`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fk="$root/Examples/.build/debug/fieldkit"
fixtures="$root/Tests/FieldUpdateTests/Fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
pub="$("$fk" update keygen key.hex)"
"$fk" update sign "$fixtures/manifest.json" --key key.hex -o signed.json >/dev/null
"$fk" update verify signed.json --public-key "$pub" >/dev/null
sed 's/"security_counter":7/"security_counter":8/' signed.json >tampered.json
if "$fk" update verify tampered.json --public-key "$pub" 2>/dev/null; then
    echo "FAIL: tampered manifest accepted"; exit 1
fi
FIXTURES="$fixtures" python3 - <<'PY'
import json, os
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
fixtures = os.environ["FIXTURES"]
binary = open(os.path.join(fixtures, "manifest.bin"), "rb").read()
key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(open("key.hex").read().strip()))
key.public_key().verify(bytes.fromhex(json.load(open("signed.json"))["signature"]), binary)
other = Ed25519PrivateKey.generate()
doc = json.load(open(os.path.join(fixtures, "manifest.json")))
json.dump({"manifest": doc, "signature": other.sign(binary).hex()}, open("py-signed.json", "w"))
raw = other.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
open("py-pub.txt", "w").write(raw.hex())
PY
"$fk" update verify py-signed.json --public-key "$(cat py-pub.txt)" >/dev/null
echo "ed25519 interop: 3 passed, 0 failed"
