"""Celery application: background work in production (Redis or RabbitMQ broker)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

app = Celery("motcua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
