import logging

from django.apps import AppConfig

log = logging.getLogger(__name__)


class ReviewsConfig(AppConfig):
    name = "forcereview.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from django.urls import reverse

        from forcereview.deadlines.registry import DeadlineKind, register
        from forcereview.reviews import hooks, panels
        from forcereview.reviews.actions.tasks import DEADLINE_KIND, escalate_on_deadline

        register(DeadlineKind(
            DEADLINE_KIND, "Use-of-force review", escalate=escalate_on_deadline,
            target_url=lambda d: reverse("reviews:task", args=[d.target_id]),
        ))
        missing = hooks.connect()
        if missing:
            log.info("reviews: not connected to %s (not installed)", ", ".join(missing))
        panels.register()
