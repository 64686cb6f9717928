"""A database trigger that keeps an evidence item's file facts (hash, size, type, incident,
uploader, upload time) as they were at upload, whatever writes to the table."""

from __future__ import annotations

TABLE = "evidence_evidenceitem"
FIXED = ("incident_id", "kind", "sha256", "size", "content_type", "format", "original_name",
         "uploaded_by_id", "uploaded_by_label", "uploaded_at")
MESSAGE = "evidence file facts are fixed at upload"


def statements(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        if not create:
            return ["DROP TRIGGER IF EXISTS evidence_item_fixed;"]
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in FIXED)
        return [f"CREATE TRIGGER IF NOT EXISTS evidence_item_fixed BEFORE UPDATE ON {TABLE} "
                f"WHEN {changed} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"]
    if vendor == "postgresql":
        if not create:
            return [f"DROP TRIGGER IF EXISTS evidence_item_fixed ON {TABLE};",
                    "DROP FUNCTION IF EXISTS evidence_item_fixed();"]
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in FIXED)
        return [
            f"""CREATE OR REPLACE FUNCTION evidence_item_fixed() RETURNS trigger AS $$
            BEGIN IF {changed} THEN RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;""",
            f"DROP TRIGGER IF EXISTS evidence_item_fixed ON {TABLE};",
            f"CREATE TRIGGER evidence_item_fixed BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION evidence_item_fixed();",
        ]
    return []


def install(apps, schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        for sql in statements(schema_editor.connection.vendor, create=True):
            cursor.execute(sql)


def remove(apps, schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        for sql in statements(schema_editor.connection.vendor, create=False):
            cursor.execute(sql)
