from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "forcereview.records"
    label = "records"
