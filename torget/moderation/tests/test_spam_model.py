"""The spam classifier learns an organization's spam from its decisions and tells new spam of
the same kind from citizens' questions it has not seen."""

from torget.moderation.spam_model import spam_classifier

SPAM = [
    "Forbrukslån uten sikkerhet! Søk nå på https://bit.ly/lan{n}",
    "Tjen penger hjemmefra, {n}000 kr i uka: https://rask-gevinst.example/{n}",
    "Check out my channel and subscribe!!! https://youtube.example/c/{n}",
    "Gratis bitcoin til de {n} første, klikk her https://krypto.example/{n}",
]
HAM = [
    "Når blir glasset hentet i gate nummer {n}?",
    "Takk for rask hjelp med søppeldunken i går, {n} stjerner!",
    "Bossbilen kom ikke i dag heller, vi bor i nummer {n}.",
    "Hvorfor er gjenvinningsstasjonen stengt på lørdag {n}.?",
]


def examples(templates: list[str], numbers) -> list[str]:
    return [template.format(n=n) for template in templates for n in numbers]


def test_it_tells_new_spam_from_new_questions_after_learning_from_decisions():
    texts = examples(SPAM, range(1, 8)) + examples(HAM, range(1, 8))
    labels = [1] * (len(SPAM) * 7) + [0] * (len(HAM) * 7)
    model = spam_classifier().fit(texts, labels)
    unseen_spam = examples(SPAM, range(40, 43))
    unseen_ham = examples(HAM, range(40, 43))
    assert list(model.predict(unseen_spam)) == [1] * len(unseen_spam)
    assert list(model.predict(unseen_ham)) == [0] * len(unseen_ham)
