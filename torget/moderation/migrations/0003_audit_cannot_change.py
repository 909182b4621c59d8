"""The audit log refuses every UPDATE in the database itself, whatever code asks."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER moderation_audit_no_update BEFORE UPDATE ON moderation_auditentry
    BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END""",
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS moderation_audit_no_update"]
POSTGRESQL = [
    """CREATE FUNCTION moderation_audit_refuse() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the audit log cannot be changed'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER moderation_audit_no_update BEFORE UPDATE ON moderation_auditentry
    FOR EACH ROW EXECUTE FUNCTION moderation_audit_refuse()""",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS moderation_audit_no_update ON moderation_auditentry",
    "DROP FUNCTION IF EXISTS moderation_audit_refuse()",
]


def run(statements: dict):
    def apply(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("moderation", "0002_actions_and_audit")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        )
    ]
