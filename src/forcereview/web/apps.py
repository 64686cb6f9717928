from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "forcereview.web"
    label = "web"
