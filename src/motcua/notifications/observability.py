"""Prometheus: the /metrics endpoint (django-prometheus's exporter) and the queues' gauges.

The gauges are read from the database at scrape time, so every web and worker process reports the
same numbers: the outbox's depth, the age of its oldest pending event (lag), the events that failed at
least once, and the notification and webhook queues with their dead letters. Delivery rates are the
counters of motcua.notifications.metrics (`rate(motcua_notifications_total[5m])`), summed by Prometheus
over the processes.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView
from prometheus_client.core import REGISTRY, GaugeMetricFamily

log = logging.getLogger("motcua.notifications")


class QueueCollector:
    def describe(self):
        return []  # without it, registering would call collect(), a database read while apps load

    def collect(self):
        from motcua.dossiers.models import OutboxMessage
        from motcua.webhooks.models import DeliveryStatus, WebhookDelivery

        from .models import Delivery, Status

        try:
            pending = OutboxMessage.objects.filter(published_at__isnull=True)
            depth = pending.count()
            oldest = pending.order_by("id").values_list("created_at", flat=True).first()
            failing = pending.filter(attempts__gt=0).count()
            queues = {
                "notifications": (
                    Delivery.objects.filter(status__in=[Status.PENDING, Status.FAILED]).count(),
                    Delivery.objects.filter(status__in=[Status.DEAD, Status.UNCERTAIN]).count(),
                ),
                "webhooks": (
                    WebhookDelivery.objects.filter(
                        status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]
                    ).count(),
                    WebhookDelivery.objects.filter(status=DeliveryStatus.DEAD).count(),
                ),
            }
        except DatabaseError:  # no database (a scrape during a restart): report nothing, not an error page
            log.warning("metrics: database not readable")
            return
        lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("motcua_outbox_depth", "Outbox events not yet published", value=depth)
        yield GaugeMetricFamily(
            "motcua_outbox_lag_seconds", "Age of the oldest unpublished outbox event", value=max(lag, 0.0)
        )
        yield GaugeMetricFamily(
            "motcua_outbox_failing", "Unpublished outbox events that failed at least once", value=failing
        )
        depth_family = GaugeMetricFamily("motcua_queue_depth", "Deliveries waiting", labels=["queue"])
        dead_family = GaugeMetricFamily(
            "motcua_dead_letters", "Deliveries given up (or of unknown outcome)", labels=["queue"]
        )
        for queue, (waiting, dead) in queues.items():
            depth_family.add_metric([queue], waiting)
            dead_family.add_metric([queue], dead)
        yield depth_family
        yield dead_family


_registered = False


def register_collector() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(QueueCollector())
        _registered = True


@require_GET
def metrics_view(request):
    """GET /metrics; with MOTCUA_METRICS_TOKEN set, only with "Authorization: Bearer TOKEN"."""
    token = getattr(settings, "MOTCUA_METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return HttpResponse("unauthorized\n", status=401, content_type="text/plain")
    return ExportToDjangoView(request)
