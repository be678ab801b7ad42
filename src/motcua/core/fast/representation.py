"""A DRF output serializer's `to_representation`, compiled once into plain functions.

DRF walks every field of a serializer for every object it writes out: a bound method, `get_attribute`
and a None check per field, the time zone looked up again per datetime. For the dossier detail of a
reception that walk cost as much as the reception's validation. `compiled(serializer)` gives a
function with the same result for dicts (what the presenters build): fields of the common kinds are
converted inline, every other field, and anything that is not a dict, goes through DRF's own code, so
the output never differs (tests/core/test_representation.py compares the two).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from rest_framework import fields, relations, serializers
from rest_framework.settings import api_settings

__all__ = ["compiled"]


def compiled(serializer: serializers.Serializer) -> Callable[[object], dict]:
    """`serializer.to_representation`, compiled once per instance (kept on it: use a shared one)."""
    found = serializer.__dict__.get("_motcua_compiled")
    if found is None:
        found = serializer.__dict__["_motcua_compiled"] = _serializer(serializer)
    return found


def _serializer(serializer: serializers.Serializer) -> Callable[[object], dict]:
    plan = [(field.field_name, field, _converter(field)) for field in serializer._readable_fields]
    slow = serializer.to_representation

    def represent(data):
        if type(data) is not dict:
            return slow(data)
        out = {}
        for name, field, convert in plan:
            if convert is not None:
                try:
                    value = data[name]
                except KeyError:  # missing: DRF decides (default, None, skipped or an error)
                    pass
                else:
                    out[name] = None if value is None else convert(value)
                    continue
            try:  # DRF's own path for this field (sources, defaults, relations...)
                value = field.get_attribute(data)
            except fields.SkipField:
                continue
            out[name] = None if value is None else field.to_representation(value)
        return out

    return represent


def _converter(field) -> Callable | None:
    """An inline conversion of a present, non-None value; None sends the field through DRF."""
    if field.source == "*" or field.source_attrs != [field.field_name]:
        return None
    if isinstance(field, relations.RelatedField | relations.ManyRelatedField):
        return None
    kind = type(field)
    if kind is fields.CharField:
        return str
    if kind is fields.IntegerField:
        return int
    if kind is fields.BooleanField:
        slow = field.to_representation
        return lambda value: value if type(value) is bool else slow(value)
    if kind is fields.DateTimeField:
        return _datetime(field)
    if isinstance(field, serializers.ListSerializer) and isinstance(field.child, serializers.Serializer):
        child, slow = compiled(field.child), field.to_representation
        return lambda value: [child(item) for item in value] if type(value) is list else slow(value)
    if isinstance(field, serializers.Serializer):
        return compiled(field)
    if kind is fields.ListField and type(field.child) is fields.CharField:
        slow = field.to_representation
        return lambda value: (
            [None if item is None else str(item) for item in value] if type(value) is list else slow(value)
        )
    return field.to_representation


def _datetime(field) -> Callable:
    slow = field.to_representation
    own_zone = hasattr(field, "timezone")

    def convert(value):
        # DRF's default: ISO 8601 in the current time zone, "Z" for UTC; anything else is DRF's.
        if (
            own_zone
            or type(value) is not datetime.datetime
            or value.utcoffset() is None
            or not settings.USE_TZ
            or getattr(field, "format", api_settings.DATETIME_FORMAT) != fields.ISO_8601
        ):
            return slow(value)
        try:
            text = value.astimezone(timezone.get_current_timezone()).isoformat()
        except OverflowError:
            return slow(value)  # DRF's own error
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert
