"""Middleware of our own."""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty

__all__ = ["LazyMessageMiddleware"]


class LazyMessageMiddleware(MessageMiddleware):
    """Django's message middleware, with the storage built on first use: the API and most pages never
    read or add a message, and building the cookie and session storages cost about 5 % of an API
    reception (py-spy). Unused, nothing is read and nothing is written back, as with Django's."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        lazy = getattr(request, "_messages", None)
        if isinstance(lazy, SimpleLazyObject) and lazy._wrapped is empty:
            return response
        return super().process_response(request, response)
