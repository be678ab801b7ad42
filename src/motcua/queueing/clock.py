"""The queue's idea of "now" (local time): one function, so every page, service and test agrees."""

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.localtime(timezone.now())
