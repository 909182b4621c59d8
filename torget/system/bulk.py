"""Inserting many new rows of one model at a time, as bulk_create does, at a fraction of its cost.

bulk_create sends every value of every row through its field's whole save path (pre_save,
get_db_prep_save, field_as_sql): about 3 µs a value, which for a 30-column item is more than the
database needs to store it. Here each column picks its conversion once: None, plain strings,
numbers and booleans go to the driver as they are, aware datetimes through the backend's own
adapter, and everything else (JSON, enums, anything unusual) through the field's
get_db_prep_save, so what is stored is exactly what bulk_create would store. Primary keys come
back through RETURNING, as with bulk_create.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import DateField, DateTimeField, Field, Model
from django.utils import timezone

# The Python types each kind of column takes to the driver unchanged; any other value (a float
# for an integer, "false" for a boolean, an enum) goes through the field's own preparation.
INTEGER = (int, type(None))
PLAIN_FIELDS: dict[str, tuple[type, ...]] = {
    "BooleanField": (bool, type(None)),
    "CharField": (str, type(None)),
    "TextField": (str, type(None)),
    "FloatField": (float, int, type(None)),
    **dict.fromkeys(
        (
            *("IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField"),
            *("PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField"),
            "BigAutoField",
        ),
        INTEGER,
    ),
}
# Well under SQLite's (32,766) and PostgreSQL's (65,535) limits on parameters in one statement.
MAX_PARAMETERS = 30_000


def insert_all(objects: Sequence[Model]) -> None:
    """Insert new instances of one model and set their primary keys."""
    if not objects:
        return
    model = type(objects[0])
    fields = insertable(model)
    stamp_auto_dates(objects, fields)
    readers = [reader(field) for field in fields]
    pks = execute(model, fields, [[read(obj) for read in readers] for obj in objects])
    for obj, pk in zip(objects, pks, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias


def insert_values(model: type[Model], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows given as {attname: value}, without building instances; a column left out
    takes its field's default. Returns the new primary keys in order."""
    fields = insertable(model)
    defaults = {f.attname: f.get_default() for f in fields}
    prepares = [(f.attname, converter(f)) for f in fields]
    values = [
        [prepare(row.get(name, defaults[name])) for name, prepare in prepares] for row in rows
    ]
    return execute(model, fields, values) if rows else []


def insertable(model: type[Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]


def stamp_auto_dates(objects: Sequence[Model], fields: list[Field]) -> None:
    """auto_now and auto_now_add, as a save would set them."""
    now = timezone.now()
    for field in fields:
        if isinstance(field, DateField | DateTimeField) and (field.auto_now or field.auto_now_add):
            value = now if isinstance(field, DateTimeField) else now.date()
            for obj in objects:
                if field.auto_now or getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, value)


def reader(field: Field) -> Callable[[Model], Any]:
    """How to get one column's database value from an instance."""
    attname, prepare = field.attname, converter(field)
    if not field.is_relation:
        return lambda obj: prepare(obj.__dict__[attname])
    # A related object assigned before it was saved has its key only on the object; the
    # instance learns it here, as bulk_create would teach it.
    name = field.name

    def related_key(obj: Model) -> Any:
        related = obj._state.fields_cache.get(name)
        if related is not None:
            obj.__dict__[attname] = related.pk
        return prepare(obj.__dict__[attname])

    return related_key


def converter(field: Field) -> Callable[[Any], Any]:
    """How one column's Python value becomes what the database driver is given."""
    kind = (
        field.target_field.get_internal_type() if field.is_relation else field.get_internal_type()
    )
    prepare = field.get_db_prep_save
    if kind in PLAIN_FIELDS:
        plain = PLAIN_FIELDS[kind]
        return lambda value: value if type(value) in plain else prepare(value, connection)
    if kind == "DateTimeField":
        adapt = connection.ops.adapt_datetimefield_value

        def moment(value: Any) -> Any:
            if value is None:
                return None
            if type(value) is datetime and value.tzinfo is not None:
                return adapt(value)
            return prepare(value, connection)  # naive or unusual: Django's own warnings apply

        return moment
    return lambda value: None if value is None else prepare(value, connection)


def execute(model: type[Model], fields: list[Field], rows: list[list[Any]]) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and all(map(unnestable, fields)):
            # One array per column: the statement's size no longer grows with the rows, which
            # is what made a few hundred rows of VALUES slow to build and plan.
            cursor.execute(
                unnest_sql(model, fields), [list(col) for col in zip(*rows, strict=True)]
            )
            return [pk for (pk,) in cursor.fetchall()]
        per_statement = max(1, MAX_PARAMETERS // len(fields))
        pks: list[int] = []
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(values_sql(model, fields, len(chunk)), [v for row in chunk for v in row])
            pks += [pk for (pk,) in cursor.fetchall()]
        return pks


def unnestable(field: Field) -> bool:
    """As Django's own bulk insert on PostgreSQL decides it (see its SQLInsertCompiler)."""
    kind = field.target_field if field.is_relation else field
    return (
        not hasattr(field, "get_placeholder") and kind.get_internal_type() in connection.data_types
    )


def names(model: type[Model], fields: list[Field]) -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    return quote(model._meta.db_table), columns, quote(model._meta.pk.column)


# Only names from the model's own definition, quoted, go into these statements; every value is
# a parameter.
def values_sql(model: type[Model], fields: list[Field], rows: int) -> str:
    table, columns, pk = names(model, fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    placeholders = ", ".join([row] * rows)
    return f"INSERT INTO {table} ({columns}) VALUES {placeholders} RETURNING {pk}"  # noqa: S608


def unnest_sql(model: type[Model], fields: list[Field]) -> str:
    table, columns, pk = names(model, fields)
    # Without the length (varchar, not varchar(40)), as Django does, so nothing is cut short.
    arrays = ", ".join(f"(%s)::{f.db_type(connection).split('(')[0]}[]" for f in fields)
    return f"INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays}) RETURNING {pk}"  # noqa: S608
