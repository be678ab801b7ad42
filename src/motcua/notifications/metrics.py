"""Counters of this process's deliveries (Prometheus); the queues' gauges are read at scrape time
(motcua.notifications.collector)."""

from prometheus_client import Counter

NOTIFICATIONS = Counter(
    "motcua_notifications_total", "Messages to citizens by channel and outcome", ["channel", "status"]
)
WEBHOOKS = Counter("motcua_webhook_deliveries_total", "Webhook deliveries by outcome", ["status"])
