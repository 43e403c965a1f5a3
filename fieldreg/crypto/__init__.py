"""Cryptographic building blocks shared by the store, keys, tokens, batches and HQ.

``aead`` seals fields, ``kdf`` derives keys from passphrases, ``chain`` is the
audit log's hash chain that a post writes and HQ checks.

Only ``cryptography`` (AES-GCM, Ed25519, HKDF) and ``argon2-cffi`` (passphrase
KDF) are used; every sealed blob starts with a version byte so that a future
change of algorithm is an explicit, detectable format change.
"""
