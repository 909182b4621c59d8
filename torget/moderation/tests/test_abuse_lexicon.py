"""The abuse lexicon finds whole words of each kind, in Norwegian and English, as written."""

from torget.moderation.abuse_lexicon import matches


def test_it_finds_insults_swearing_and_threats_as_whole_words():
    found = matches("Din jævla idiot, jeg vet hvor du bor")
    assert found == {"insult": ["idiot"], "swearing": ["jævla"], "threat": ["vet hvor du bor"]}


def test_stems_take_endings_but_not_other_words_containing_them():
    assert matches("Idiotene i bystyret")["insult"] == ["idiotene"]
    assert matches("Vi har tett dialog med kommunen om dumping") == {}


def test_an_organizations_own_list_is_read_instead():
    own = {"insult": ["bompengeslusk*"]}
    assert matches("Bompengesluskene igjen!", own) == {"insult": ["bompengesluskene"]}
    assert matches("Din idiot", own) == {}


def test_words_under_allowed_are_never_a_match_though_a_stem_takes_them():
    lexicon = {"threat": ["skyt*"], "allowed": ["skyttarvegen"]}
    assert matches("Skyt dem i Skyttarvegen", lexicon) == {"threat": ["skyt"]}
    assert matches("Skyttarvegen er stengt", lexicon) == {}


def test_insults_norwegians_and_danes_share_are_found():
    found = matches("Din hjernedøde kraftidiot, åndssvake landssviker")
    assert found == {"insult": ["hjernedøde", "kraftidiot", "åndssvake", "landssviker"]}
