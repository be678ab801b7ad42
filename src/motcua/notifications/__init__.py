"""Notifications: messages to citizens (e-mail, SMS, Zalo OA) and to officers (in-app) from outbox events."""
