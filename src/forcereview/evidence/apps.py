from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "forcereview.evidence"
    label = "evidence"
