import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


def _task_url(deadline, user) -> str | None:
    """A review deadline links to its review, for whoever may read it."""
    from django.urls import reverse

    from forcereview.reviews.access import tasks_for

    if not tasks_for(user).filter(pk=deadline.target_id).exists():
        return None
    return reverse("reviews:task", args=[deadline.target_id])


class ReviewsConfig(AppConfig):
    name = "forcereview.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from forcereview.deadlines.registry import DeadlineKind, register
        from forcereview.reviews import hooks, panels
        from forcereview.reviews.actions.tasks import DEADLINE_KIND, escalate_on_deadline

        register(DeadlineKind(
            DEADLINE_KIND, "Use-of-force review", escalate=escalate_on_deadline,
            target_url=_task_url,
        ))
        missing = hooks.connect()
        if missing:
            log.info("reviews: not connected to %s (not installed)", ", ".join(missing))
        panels.register()
