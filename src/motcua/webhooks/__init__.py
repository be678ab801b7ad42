"""Outgoing webhooks: outbox events posted, signed, to the systems that subscribed to their topics."""
