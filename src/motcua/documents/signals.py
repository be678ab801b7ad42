"""When a request or a task ends, delete the files its rolled-back transactions left behind."""

from django.core.signals import request_finished
from django.dispatch import receiver

from . import files


@receiver(request_finished, dispatch_uid="documents.discard_rolled_back")
def _after_request(sender, **kwargs):
    files.discard_rolled_back()


try:
    from celery.signals import task_postrun
except ImportError:  # pragma: no cover - celery is a dependency; kept optional for tools
    task_postrun = None

if task_postrun is not None:

    @task_postrun.connect(weak=False, dispatch_uid="documents.discard_rolled_back")
    def _after_task(**kwargs):
        files.discard_rolled_back()
