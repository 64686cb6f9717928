from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "forcereview.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"
