"""The Friday lesson: a post that draws a surge of angry comments is seen and answered together."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from torget.inbox.models import Conversation, Item, Reply
from torget.inbox.storm import is_storm, similar_groups
from torget.inbox.tests.conftest import body, oslo, receive

POSTED = oslo(2026, 11, 20, 15, 30)


def test_it_sees_a_surge_against_the_posts_own_usual_rate():
    calm = [POSTED + timedelta(hours=h) for h in range(1, 30)]
    assert not is_storm(calm, POSTED, calm[-1])
    surge = calm + [calm[-1] + timedelta(minutes=m) for m in range(1, 20)]
    assert is_storm(surge, POSTED, surge[-1])


def test_it_groups_near_duplicate_comments():
    groups = similar_groups(
        {
            1: "Hvorfor sier dere ifra på fredag ettermiddag?!",
            2: "HVORFOR sier dere ifra fredag ettermiddag",
            3: "Hvor skal vi parkere da??",
            4: "Hvor skal vi parkere da?? Typisk",
            5: "Takk for fine trær i parken",
        }
    )
    assert sorted(map(sorted, groups)) == [[1, 2], [3, 4]]


def storm(inbox, posted=POSTED):
    post = body(
        "p1",
        kind="post",
        ours=True,
        text="Ryddeaksjon!",
        author={"handle": "etaten"},
        received_at=posted.isoformat(),
    )
    angry = [
        body(
            f"c{n}",
            in_reply_to="p1",
            author={"handle": f"p{n}"},
            text="Hvorfor sier dere ifra på fredag ettermiddag?!",
            received_at=(posted + timedelta(minutes=20 + n)).isoformat(),
        )
        for n in range(15)
    ]
    return receive(inbox, post, *angry)


def test_it_marks_the_storm_and_shows_a_banner(inbox):
    from django.utils import timezone

    storm(inbox, posted=timezone.now() - timedelta(hours=2))  # the banner shows recent storms
    conversation = Conversation.objects.get(key="p1")
    assert conversation.storm_since is not None
    page = inbox.client_for(inbox.bob).get("/inbox/?status=all").content.decode()
    assert 'class="banner"' in page


def test_it_answers_all_near_duplicates_at_once(inbox):
    items = storm(inbox)
    client = inbox.client_for(inbox.bob)
    assert "Send to all 15" in client.get(f"/inbox/{items[1].pk}/").content.decode()
    client.post(f"/inbox/{items[1].pk}/reply-similar/", {"text": "Vi beklager kort varsel."})
    assert Reply.objects.count() == 15


@given(
    # Bursts within a few hours and calm spread over three days, so both outcomes occur.
    st.lists(st.integers(0, 4 * 60) | st.integers(0, 72 * 60), max_size=80),
    st.integers(min_value=-120, max_value=120),
)
def test_it_finds_where_a_storm_starts_as_checking_every_comment_would(minutes, posted):
    from torget.inbox.storm import storm_start

    times = sorted(POSTED + timedelta(minutes=m) for m in minutes)
    posted_at = POSTED + timedelta(minutes=posted)
    expected = next((t for t in times if is_storm(times, posted_at, t)), None)
    assert storm_start(times, posted_at) == expected


@given(
    st.lists(st.integers(0, 4 * 60) | st.integers(0, 72 * 60), max_size=80),
    st.integers(min_value=-120, max_value=120),
    st.integers(0, 72 * 60),
)
def test_it_needs_only_the_last_hour_before_new_comments_and_a_count_of_the_rest(
    minutes, posted, new_from
):
    """What ingest reads for a post with thousands of comments: the hour before the earliest new
    one and everything after, plus how many came before that."""
    from torget.inbox.storm import WINDOW, storm_start

    times = sorted(POSTED + timedelta(minutes=m) for m in minutes)
    posted_at, since = POSTED + timedelta(minutes=posted), POSTED + timedelta(minutes=new_from)
    expected = next((t for t in times if t >= since and is_storm(times, posted_at, t)), None)
    recent = [t for t in times if t > since - WINDOW]
    before = len(times) - len(recent)
    assert storm_start(recent, posted_at, checked_from=since, before=before) == expected


def test_the_banner_stays_while_an_old_storms_comments_wait(inbox):
    from django.utils import timezone

    storm(inbox, posted=timezone.now() - timedelta(days=5))  # before the banner's three days
    client = inbox.client_for(inbox.bob)
    assert 'class="banner"' in client.get("/inbox/").content.decode()
    for comment in Item.objects.filter(conversation__key="p1", ours=False):
        client.post(f"/inbox/{comment.pk}/close/")
    assert 'class="banner"' not in client.get("/inbox/").content.decode()


def comments_on(post: str, minutes: list[int], start=POSTED, tag="c"):
    return [
        body(
            f"{post}-{tag}{n}",
            in_reply_to=post,
            author={"handle": f"{post}-{tag}{n}"},
            received_at=(start + timedelta(minutes=m)).isoformat(),
        )
        for n, m in enumerate(minutes)
    ]


def test_one_batch_over_many_posts_weighs_each_against_its_own_history(inbox):
    """A busy old post (about nine comments an hour for two days) and a quiet new one get
    twenty and fifteen comments within the hour, in one batch: only the new one storms, the old
    one's twenty are its usual traffic once its earlier comments are counted."""
    two_days_ago = POSTED - timedelta(days=2)
    posts = [
        body(key, kind="post", ours=True, author={"handle": "etaten"}, received_at=at.isoformat())
        for key, at in (("old", two_days_ago), ("new", POSTED))
    ]
    receive(inbox, *posts, *comments_on("old", list(range(0, 48 * 60, 7)), start=two_days_ago))
    busy = comments_on("old", [30 + 3 * n for n in range(20)], tag="late")
    surge = comments_on("new", [30 + n for n in range(15)])
    receive(inbox, *busy, *surge)
    storms = dict(Conversation.objects.values_list("key", "storm_since"))
    assert storms["old"] is None
    assert storms["new"] == POSTED + timedelta(minutes=39)  # the tenth comment
