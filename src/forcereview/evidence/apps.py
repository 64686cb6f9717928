from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "forcereview.evidence"
    label = "evidence"

    def ready(self) -> None:
        from forcereview.evidence.panels import incident_panel
        from forcereview.evidence.tasks import reanalyse_incident
        from forcereview.records.actions import INCIDENT_CHANGED_HOOKS
        from forcereview.web.panels import INCIDENT_PANELS, Panel

        if not any(p.name == "evidence" for p in INCIDENT_PANELS):
            INCIDENT_PANELS.append(Panel("evidence", "evidence/incident_panel.html", incident_panel, order=30))
        if reanalyse_incident not in INCIDENT_CHANGED_HOOKS:
            INCIDENT_CHANGED_HOOKS.append(reanalyse_incident)
