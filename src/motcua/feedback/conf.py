"""Settings of the feedback app (12-factor: from the environment, overridable in Django settings)."""

import os

from django.conf import settings

DEFAULT_ANSWER_DAYS = 10


def answer_days() -> int:
    """Working days an agency has to answer a feedback item or complaint (MOTCUA_FEEDBACK_ANSWER_DAYS,
    default 10), counted through the province's legal clock from the moment it was sent."""
    value = getattr(settings, "MOTCUA_FEEDBACK_ANSWER_DAYS", None) or os.environ.get(
        "MOTCUA_FEEDBACK_ANSWER_DAYS"
    )
    try:
        days = int(value) if value else DEFAULT_ANSWER_DAYS
    except ValueError:
        days = DEFAULT_ANSWER_DAYS
    return max(days, 1)
