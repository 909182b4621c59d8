"""Every platform Torget connects to, one module each; adding a module adds the platform."""

import importlib
import pkgutil
from functools import cache

from torget.channels.connectors.base import Connector


@cache
def connectors() -> dict[str, Connector]:
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_") or module.name == "base":
            continue
        connector = importlib.import_module(f"{__name__}.{module.name}").connector
        found[connector.platform] = connector
    return found


def connector_for(platform: str) -> Connector:
    try:
        return connectors()[platform]
    except KeyError:
        known = ", ".join(sorted(connectors()))
        raise LookupError(f"no platform {platform!r}; Torget knows {known}") from None
