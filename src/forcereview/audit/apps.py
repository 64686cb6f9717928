from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_triggers(sender, using="default", **kwargs):
    from django.db import connections

    from forcereview.audit import triggers
    from forcereview.audit.models import AuditEntry

    connection = connections[using]
    if AuditEntry._meta.db_table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            for sql in triggers.statements(connection.vendor, create=True):
                cursor.execute(sql)


class AuditConfig(AppConfig):
    name = "forcereview.audit"
    label = "audit"

    def ready(self):
        # Also after a test-database flush, which removes nothing but rows.
        post_migrate.connect(_ensure_triggers, sender=self, dispatch_uid="audit-append-only-triggers")
