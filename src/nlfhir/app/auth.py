"""Reading API clients from settings, and the rule for when authentication may be off.

``NLFHIR_API_KEYS`` holds ``name:sha256-hex:scope+scope`` entries separated by ``;`` (digests,
never keys: `python -c "import hashlib;print(hashlib.sha256(b'KEY').hexdigest())"`).
``NLFHIR_AUTH``: ``required`` (keys needed), ``disabled`` (explicitly off, for local use) or
``auto`` (the default): required when keys are configured or the service binds a non-loopback
address; off only for a loopback-bound service with no keys, so nothing outside the machine
can reach an unauthenticated service.
"""

from __future__ import annotations

import ipaddress
import re

from nlfhir.adapters.http_api.security import ApiClient, AuthConfig
from nlfhir.ports.errors import ConfigurationError

SCOPES = frozenset({"convert", "validate", "execute"})
_FIELDS = 3
_HEX = re.compile(r"^[0-9a-f]{64}$")


def parse_clients(raw: str) -> tuple[ApiClient, ...]:
    clients: list[ApiClient] = []
    for entry in filter(None, (e.strip() for e in raw.split(";"))):
        parts = entry.split(":")
        if len(parts) != _FIELDS or not parts[0] or not _HEX.match(parts[1].lower()):
            raise ConfigurationError("NLFHIR_API_KEYS entries are name:sha256-hex:scope+scope")
        scopes = frozenset(s for s in parts[2].split("+") if s)
        if not scopes <= SCOPES:
            raise ConfigurationError(f"unknown scope in NLFHIR_API_KEYS; known: {sorted(SCOPES)}")
        clients.append(ApiClient(name=parts[0], key_sha256=parts[1].lower(), scopes=scopes))
    return tuple(clients)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def auth_config(mode: str, raw_keys: str, host: str) -> AuthConfig:
    clients = parse_clients(raw_keys)
    if mode == "disabled":
        return AuthConfig(enabled=False)
    if mode == "required" or clients or not is_loopback(host):
        if not clients:
            raise ConfigurationError(
                f"authentication is required when serving on {host}: set NLFHIR_API_KEYS, "
                "or NLFHIR_AUTH=disabled explicitly for local use"
            )
        return AuthConfig(enabled=True, clients=clients)
    return AuthConfig(enabled=False)
