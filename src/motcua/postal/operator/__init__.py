"""The postal operator (VNPost or another licensed operator), as a plugin with a typed contract: a real
HTTP client, a local simulator with fault injection, and `check()` telling an operator whether the
connection works. The contract itself is written down in operator/contract.md."""
