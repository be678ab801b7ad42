"""The message providers by identifier: `@register("sms_http")` on a BaseProvider subclass."""

from __future__ import annotations

from collections.abc import Callable

from .base import BaseProvider

_PROVIDERS: dict[str, BaseProvider] = {}


class UnknownProvider(LookupError):
    code = "notifications.unknown_provider"


def register(identifier: str) -> Callable[[type[BaseProvider]], type[BaseProvider]]:
    def decorator(cls: type[BaseProvider]) -> type[BaseProvider]:
        if identifier in _PROVIDERS:
            raise ValueError(f"message provider {identifier!r} registered twice")
        provider = cls()
        provider.identifier = identifier
        _PROVIDERS[identifier] = provider
        return cls

    return decorator


def get(identifier: str) -> BaseProvider:
    try:
        return _PROVIDERS[identifier]
    except KeyError:
        raise UnknownProvider(identifier) from None


def all_providers() -> list[BaseProvider]:
    return list(_PROVIDERS.values())
