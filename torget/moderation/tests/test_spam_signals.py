"""The signals a moderator reads spam by, each named with what fired it."""

from hypothesis import given
from hypothesis import strategies as st

from torget.moderation.spam_signals import History, combined, domains_in, spam_signals

LOAN_SPAM = (
    "Trenger du penger raskt? Forbrukslån uten sikkerhet, lav rente! "
    "Søk her: https://bit.ly/raskt-lan [url=https://lan-na.example]klikk[/url]"
)


def names(text: str, history: History | None = None) -> dict[str, str]:
    return {signal.name: signal.detail for signal in spam_signals(text, history)}


def test_the_sources_payday_loan_comment_fires_links_shortener_bbcode_and_money():
    fired = names(LOAN_SPAM)
    assert {"links", "link_shortener", "bbcode_link", "money_talk"} <= set(fired)
    assert fired["link_shortener"] == "bit.ly"
    assert "forbrukslån" in fired["money_talk"] and "rente" in fired["money_talk"]
    assert combined(spam_signals(LOAN_SPAM)) > 0.9


def test_a_citizens_question_fires_nothing():
    question = "Når blir glasset hentet i Tøyengata? Det har stått fullt siden mandag."
    assert spam_signals(question) == []
    assert combined([]) == 0.0


def test_promotion_in_english_and_norwegian():
    assert "promotion" in names("Check out my channel and subscribe!!")
    assert "promotion" in names("Sjekk ut kanalen min og abonner")


def test_history_adds_what_the_text_cannot_say():
    history = History(
        spam_domains=frozenset({"lan-na.example"}),
        same_text_authors=5,
        same_text_by_author=3,
        new_author=True,
    )
    fired = names(LOAN_SPAM, history)
    assert fired["domain_seen_in_spam"] == "lan-na.example"
    assert {"same_text_many_authors", "same_text_repeated", "new_author"} <= set(fired)


def test_a_new_author_alone_is_no_sign_of_spam():
    assert spam_signals("Takk for god hjelp i dag!", History(new_author=True)) == []


def test_keyword_stuffing_names_the_stuffed_word():
    filler = ["gode", "tilbud", "hver", "dag", "hele", "uken", "her", "hos", "oss"] * 3
    stuffed = " ".join(["billig"] * 8 + filler)
    assert names(stuffed)["keyword_stuffing"] == "billig ×8"
    assert "keyword_stuffing" not in names(" ".join(["billig"] * 2 + filler))


def test_domains_are_read_from_links_and_bare_names():
    text = "Se https://www.example.org/a og bit.ly/x eller besøk spam-shop.com og example.org"
    assert domains_in(text) == ["example.org", "bit.ly", "spam-shop.com"]


@given(st.text(max_size=400))
def test_any_text_gives_signals_with_weights_between_0_and_1(text):
    signals = spam_signals(text, History(new_author=True, same_text_authors=3))
    assert all(0 < signal.weight <= 1 for signal in signals)
    assert 0.0 <= combined(signals) <= 1.0


def test_a_throwaway_writer_adds_to_other_signs_but_is_no_sign_alone():
    from torget.moderation.spam_signals import throwaway

    assert throwaway("nina.lanehjelp.2291") and throwaway("Lan@Mailinator.com")
    assert not throwaway("ronny.dahle.5") and not throwaway("kari@fjordby.no")
    assert not throwaway("100012345678901")  # a Facebook or Instagram account id
    disposable = History(throwaway_author=True)
    assert "throwaway_author" in names("Billige lån: https://bit.ly/x", disposable)
    assert spam_signals("Når tømmes glasset?", disposable) == []
