from torget.inbox.models import Department, HandOff
from torget.inbox.tests.conftest import body, receive


def test_it_hands_a_pothole_to_the_roads_department_and_lists_it(inbox):
    roads = Department.objects.create(organization=inbox.alice.organization, name="Vei")
    item = receive(inbox, body("c1", text="Stort hull i veien i Kongens gate!"))[0]
    client = inbox.client_for(inbox.bob)
    client.post(f"/inbox/{item.pk}/hand-off/", {"department": roads.pk, "note": "Utenfor nr. 12"})
    page = client.get("/inbox/hand-offs/").content.decode()
    assert "Vei" in page and "Stort hull" in page
    handoff = HandOff.objects.get()
    client.post(f"/inbox/hand-offs/{handoff.pk}/", {"state": "done", "note": "Hullet er tettet"})
    handoff.refresh_from_db()
    assert handoff.state == "done" and "tettet" in handoff.note
    assert "Stort hull" not in client.get("/inbox/hand-offs/").content.decode()


def test_it_refuses_a_department_of_another_organization(inbox):
    theirs = Department.objects.create(organization=inbox.mallory.organization, name="Vei")
    item = receive(inbox, body("c1"))[0]
    response = inbox.client_for(inbox.bob).post(
        f"/inbox/{item.pk}/hand-off/", {"department": theirs.pk}
    )
    assert response.status_code == 404


def test_it_counts_unanswered_and_overdue_on_the_dashboard(inbox):
    receive(inbox, body("c1"), body("c2", author={"handle": "other"}))
    page = inbox.client_for(inbox.bob).get("/inbox/dashboard/").content.decode()
    assert '<a href="/inbox/">2</a>' in page


def test_the_week_per_class_counts_on_time_median_and_no_reply_apart(inbox):
    from datetime import timedelta

    from torget.inbox.models import Item, Status
    from torget.inbox.stats import class_week
    from torget.inbox.tests.conftest import oslo

    at = oslo(2026, 11, 23, 9, 0)

    def item(answered_after=None, status=Status.OPEN):
        answered = at + timedelta(minutes=answered_after) if answered_after is not None else None
        return Item(
            received_at=at, due_at=at + timedelta(minutes=30), answered_at=answered, status=status
        )

    week = class_week(
        inbox.at_once,
        [
            item(10, Status.ANSWERED),  # on time
            item(50, Status.ANSWERED),  # late
            item(20, Status.ANSWERED),  # on time
            item(status=Status.NO_REPLY),
            item(),
        ],
    )
    assert (week.received, week.answered, week.no_reply) == (5, 3, 1)
    assert week.on_time_share == 2 / 3
    assert week.median_first_response_minutes == 20
