"""Writes of the queue: one function per use case, one transaction each, an audit row per status change.

booking: `book_online`, `issue_walk_in`, `check_in`, `cancel`; calling: `call_next`, `recall`,
`start_serving`, `finish`, `mark_no_show`; expiry: `expire_due`.
"""

from .booking import book_online, cancel, check_in, issue_walk_in
from .calling import call_next, finish, mark_no_show, recall, start_serving
from .expiry import expire_due

__all__ = [
    "book_online",
    "call_next",
    "cancel",
    "check_in",
    "expire_due",
    "finish",
    "issue_walk_in",
    "mark_no_show",
    "recall",
    "start_serving",
]
