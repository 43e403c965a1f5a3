"""Cryptographic building blocks shared by the store, keys, tokens and batches.

Only ``cryptography`` (AES-GCM, Ed25519, HKDF) and ``argon2-cffi`` (passphrase
KDF) are used; every sealed blob starts with a version byte so that a future
change of algorithm is an explicit, detectable format change.
"""
