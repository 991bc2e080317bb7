"""The secret in a client link: long, random, and kept by the server only as a hash.

A token carries 256 random bits, so a plain SHA-256 is enough to keep it useless if the table
leaks (there is nothing to guess, unlike a password); the hash is what the database looks up.
"""

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
