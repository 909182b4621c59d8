"""Tokens and app secrets, encrypted at rest, never shown back in full, never logged.

The key comes from TORGET_SECRETS_KEY (a Fernet key: `python -c "from cryptography.fernet
import Fernet; print(Fernet.generate_key().decode())"`). Without it, a key is derived from
SECRET_KEY, so an embedded installation works out of the box; set it apart in production so
that a leaked SECRET_KEY alone does not open the tokens.
"""

import base64
import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from torget.env import env_str


class SecretsUnreadableError(Exception):
    """Sealed with another key: the channel must be connected again."""


@cache
def fernet() -> Fernet:
    key = env_str("TORGET_SECRETS_KEY")
    if not key:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"torget-secrets")
        key = base64.urlsafe_b64encode(derived.derive(settings.SECRET_KEY.encode())).decode()
    return Fernet(key.encode())


def seal(values: dict[str, str]) -> str:
    return fernet().encrypt(json.dumps(values).encode()).decode() if values else ""


def unseal(sealed: str) -> dict[str, str]:
    if not sealed:
        return {}
    try:
        return json.loads(fernet().decrypt(sealed.encode()))
    except InvalidToken:
        raise SecretsUnreadableError("the channel's secrets were sealed with another key") from None


def masked(value: str) -> str:
    """What a page may show of a secret: enough to recognise it, never enough to use it."""
    return "•" * 8 + value[-4:] if len(value) > 8 else "•" * 8
