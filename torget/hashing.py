import hashlib


def sha256_hex(secret: str) -> str:
    """Secrets handed to people (tokens, invitation links) are stored only as this hash."""
    return hashlib.sha256(secret.encode()).hexdigest()
