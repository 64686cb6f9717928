"""The Celery application, used only when ``CELERY_BROKER_URL`` is set.

Messages carry nothing but a job id; the job's row says what to do and holds its state, so a
lost, repeated or late message does no harm (``tasks.run_job`` claims the row first).
Workers: ``forcereview evidence worker --concurrency 2``.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

TASK_NAME = "forcereview.evidence.run_job"


@lru_cache(maxsize=4)
def app_for(broker_url: str, queue: str):
    from celery import Celery

    app = Celery("forcereview", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=queue,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        task_acks_late=True,  # a worker that dies mid-job leaves the message for another
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # long jobs: take one at a time, leave the rest to others
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )

    @app.task(name=TASK_NAME)
    def run_job(job_id: int) -> str:
        from django.db import close_old_connections

        from forcereview.evidence.tasks import run_job as run

        close_old_connections()  # a worker lives long: drop connections the database closed
        try:
            return run(int(job_id))
        finally:
            close_old_connections()

    return app


def current_app():
    return app_for(settings.CELERY_BROKER_URL, settings.TASK_QUEUE)


def send_job(job_id: int) -> None:
    current_app().send_task(TASK_NAME, args=[job_id], queue=settings.TASK_QUEUE)
