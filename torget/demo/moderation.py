"""The agency's moderation: published house rules, saved explanations, its own words in the
lexicon, and one automatic rule. Set up before the week's items arrive, so the payday-loan
spam is caught and hidden as it comes; after them, the moderators' own steps."""

from django.utils import timezone

from torget.inbox.models import Item
from torget.moderation.actions.moderating import do_moderate
from torget.moderation.models import AutoRule, Explanation, HouseRules, LexiconEntry
from torget.orgs.models import Membership, Organization

HOUSE_RULES = {
    "nb": (
        "Vi svarer alle som skriver til oss, så fort vi kan, og vi ønsker en saklig og "
        "hyggelig tone i kommentarfeltene våre.\n\n"
        "Vi skjuler eller sletter innlegg som inneholder trusler, hets, rasisme, "
        "personangrep, banning rettet mot andre, reklame og spam, eller personopplysninger "
        "om andre.\n\n"
        "Trusler mot ansatte anmeldes til politiet. Den som bryter reglene gjentatte "
        "ganger, kan bli utestengt. Spørsmål om en sak du har hos oss tar vi gjerne i en "
        "direktemelding."
    ),
    "nn": (
        "Vi svarar alle som skriv til oss, så fort vi kan, og vi ønskjer ein sakleg og "
        "hyggjeleg tone i kommentarfelta våre.\n\n"
        "Vi skjuler eller slettar innlegg med truslar, hets, rasisme, personåtak, banning "
        "retta mot andre, reklame og spam, eller personopplysningar om andre.\n\n"
        "Truslar mot tilsette blir melde til politiet. Den som bryt reglane fleire gonger, "
        "kan bli utestengd. Spørsmål om ei sak du har hos oss tek vi gjerne i ei "
        "direktemelding."
    ),
    "en": (
        "We answer everyone who writes to us as soon as we can, and we want a civil and "
        "friendly tone in our comment fields.\n\n"
        "We hide or delete comments with threats, harassment, racism, personal attacks, "
        "swearing at others, advertising and spam, or other people's personal details.\n\n"
        "Threats against staff are reported to the police. Anyone who breaks the rules "
        "again and again may be banned. Questions about your own case are best sent to us "
        "as a direct message."
    ),
}
EXPLANATIONS = [
    (
        "Skjult: personangrep",
        "Vi har skjult en kommentar som gikk til personangrep. Vi vil gjerne høre hva du "
        "mener om saken, men uten skjellsord. Se husreglene våre.",
        "Vi har skjult ein kommentar som gjekk til personåtak. Vi vil gjerne høyre kva du "
        "meiner om saka, men utan skjellsord. Sjå husreglane våre.",
        "We have hidden a comment that attacked people personally. We would like to hear "
        "what you think about the matter, without the name-calling. See our house rules.",
    ),
    (
        "Skjult: reklame og spam",
        "Vi har fjernet en kommentar med reklame. Kommentarfeltet er for spørsmål og "
        "meninger om saken.",
        "Vi har fjerna ein kommentar med reklame. Kommentarfeltet er for spørsmål og "
        "meiningar om saka.",
        "We removed a comment with advertising. The comment field is for questions and "
        "views on the matter.",
    ),
]
# Words the agency met in its own comment fields that the built-in list does not hold.
LEXICON = [("klovn*", "insult"), ("kommunedritt", "insult")]


def set_up_moderation(organization: Organization, owner: Membership) -> None:
    HouseRules.objects.create(
        organization=organization,
        text_nb=HOUSE_RULES["nb"],
        text_nn=HOUSE_RULES["nn"],
        text_en=HOUSE_RULES["en"],
        is_published=True,
        updated_by=owner,
    )
    for title, text_nb, text_nn, text_en in EXPLANATIONS:
        Explanation.objects.create(
            organization=organization,
            title=title,
            text_nb=text_nb,
            text_nn=text_nn,
            text_en=text_en,
        )
    for word, kind in LEXICON:
        LexiconEntry.objects.create(organization=organization, word=word, kind=kind, added_by=owner)
    AutoRule.objects.create(
        organization=organization,
        name="Skjul lenkespam fra nye skribenter",
        conditions={"verdicts": ["spam"], "links": True, "new_author": True},
        action=AutoRule.Action.HIDE,
        is_active=True,
        created_by=owner,
        switched_on_at=timezone.now(),
    )


def moderate_the_week(organization: Organization, people: dict[str, Membership]) -> None:
    """What the moderators did: the loan spammer banned, the coarsest insult hidden with an
    explanation posted under it; the rest is left in the queue for the visitor to decide."""
    items = Item.objects.filter(organization=organization)
    spam = items.get(external_id="fb-c-206")
    do_moderate(people["kari"], spam, "ban", reason="Lånespam med lenke, ny profil.")
    insult = items.get(external_id="fb-c-414")
    explanation = Explanation.objects.get(organization=organization, title="Skjult: personangrep")
    do_moderate(people["ola"], insult, "hide", "Skjellsord mot de ansatte.", explanation)
