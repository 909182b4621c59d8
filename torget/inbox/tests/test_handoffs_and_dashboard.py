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
