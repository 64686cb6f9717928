from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "forcereview.cases"
    label = "cases"
