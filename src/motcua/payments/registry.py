"""The payment plugins by identifier: `@register("vnpay")` on a BasePlugin subclass."""

from __future__ import annotations

from collections.abc import Callable

from .base import BasePlugin
from .errors import UnknownPlugin, message_for

_PLUGINS: dict[str, BasePlugin] = {}


def register(identifier: str) -> Callable[[type[BasePlugin]], type[BasePlugin]]:
    def decorator(cls: type[BasePlugin]) -> type[BasePlugin]:
        if identifier in _PLUGINS:
            raise ValueError(f"payment plugin {identifier!r} registered twice")
        plugin = cls()
        plugin.identifier = identifier
        _PLUGINS[identifier] = plugin
        return cls

    return decorator


def get(identifier: str) -> BasePlugin:
    try:
        return _PLUGINS[identifier]
    except KeyError:
        raise UnknownPlugin(message_for(UnknownPlugin.code), details={"plugin": identifier}) from None


def all_plugins() -> list[BasePlugin]:
    return list(_PLUGINS.values())


def get_default_id() -> str:
    from .conf import plugin_id

    return get(plugin_id()).identifier
