"""The privacy app's event topics (the write kernel's schema, docs/events.md): counts and moments only."""

from motcua.core.kernel import topic

EXPORTED = topic(
    "privacy.exported",
    aggregate="privacy_event",
    fields=("records", "at"),
    doc="Everything held about one person was exported on their request (a data subject's request).",
)
PSEUDONYMISED = topic(
    "privacy.pseudonymised",
    aggregate="privacy_event",
    fields=("dossiers", "ended_before", "at"),
    doc="A batch of dossiers ended before the retention limit had their people's data pseudonymised.",
)
