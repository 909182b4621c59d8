"""One ordinary week in the inbox of Bymiljøetaten i Fjordby kommune, for demos and tests.

`scenario(monday)` returns the items that arrive in the week starting on that Monday
(Europe/Oslo), oldest first, each in the shape of the API body. The content is written for a week
in late autumn (first snow, leaves in the drains, Christmas collection days announced early); only
the dates follow `monday`. Everything is invented: the people, the streets, the links.

The week: Monday the Christmas collection days, Tuesday new trees in Elvebakken park (Instagram),
Wednesday winter parking and towing for snow clearing, Thursday road works in Bryggeveien, Friday
at 15:30 a cleaning campaign that has every car in the centre moved by 07:00 on Monday. That last
one starts a storm: about sixty comments from Friday afternoon to Sunday night, most of them the
same three complaints, some abuse, and a dozen real questions with a Monday-morning deadline.
Saturday brings an update post that answers most of it.

`expect` is what a good responder would decide (None on the agency's own posts and replies):

- "at_once": answer as soon as the team is on duty, within the hour: a deadline, a hazard, a
  car that is gone, the first of many people asking the same thing in a storm.
- "during_day": an ordinary question or complaint; answer within the same duty day.
- "next_day": case work that needs looking up, or a thank-you; may wait until the close of the
  next working day.
- None: nothing to answer: reactions, spam and abuse (hide them), chat between citizens,
  near-duplicates covered by an answer given elsewhere.

`team` is who owns the item. Kommunikasjon (Mon–Fri 08–22, weekends 10–18) answers the comment
threads on our own posts; Kundesenter (Mon–Fri 08:00–15:30) takes messages, e-mail, the web site,
mentions, reviews and visitors' posts, except time-critical ones at the weekend, which go to
Kommunikasjon because Kundesenter is closed until Monday.

Run `python -m torget.demo.inbox_scenario [YYYY-MM-DD]` to check the week and print its counts.
"""

import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHANNELS = {"fb": "facebook", "ig": "instagram", "mail": "email", "web": "web"}
KINDS = {"post", "comment", "reply", "message", "mention", "review", "email"}
CLASSES = {"at_once", "during_day", "next_day", None}

KOM = "Kommunikasjon"
KS = "Kundesenter"
TEAMS = {KOM, KS}


# --- People -----------------------------------------------------------------------------------


def person(name: str, handle: str) -> dict:
    return {"name": name, "handle": handle}


AGENCY = person("Bymiljøetaten i Fjordby", "bymiljo.fjordby")

# Regulars who write nynorsk.
SIGRID = person("Sigrid Hauge", "sigrid.hauge")
TORLEIV = person("Torleiv Myklebust", "torleiv.myklebust")
INGVILD = person("Ingvild Rønneberg", "ingvild.ronneberg")

# Newcomers who write English.
ALEKSANDRA = person("Aleksandra Kowalska", "aleksandra.kowalska")
PRIYA = person("Priya Raman", "priya.raman")
TOMASZ = person("Tomasz Nowak", "tomasz.nowak.fjordby")
LUKAS = person("Lukas Becker", "lukas.becker")
RAVI = person("Ravi Kumar", "ravi.k")

# Everybody else (Instagram handles look like Instagram handles).
ABDI = person("Abdi Warsame", "abdi.warsame")
ANITA = person("Anita Berge", "anita.berge")
ARILD = person("Arild Tangen", "arild.tangen")
BENTE = person("Bente Fossum", "bentefossum")
BJORN_ARE = person("Bjørn Are Kvam", "bjornare.kvam")
CAMILLA = person("Camilla Rø", "camilla.ro")
DANIEL = person("Daniel Tesfaye", "daniel.tesfaye")
ELDBJORG = person("Eldbjørg Nesse", "eldbjorg.nesse")
ELIN = person("Elin Strøm", "elin.strom")
ELLEN = person("Ellen Kvalheim", "ellen.kvalheim")
ESPEN = person("Espen Hovland", "espen.hovland")
EVA = person("Eva Brekke", "eva.brekke")
FATIMA = person("Fatima Ali", "fatima.ali.92")
FRODE = person("Frode Nilsen", "frode.nilsen.77")
GEIR = person("Geir Ove Bratt", "geirove.bratt")
HAMZA = person("Hamza Rahimi", "hamza.rahimi")
HEGE = person("Hege Sørli", "hege.sorli")
HENRIK = person("Henrik Moe", "henrik.moe")
JAN_ERIK = person("Jan Erik Dahl", "janerik.dahl")
JONAS = person("Jonas Eide", "jonas.eide")
KARIM = person("Karim Benali", "karim.benali")
KJELL = person("Kjell Rune Aas", "kjellrune.aas")
KRISTINE = person("Kristine Moen", "kristine.moen")
KRISTOFFER = person("Kristoffer Lien", "kristoffer.lien")
LEYLA = person("Leyla Demir", "leylademir_")
LINN = person("Linn Kristin Bø", "linnkristinbo")
LISE = person("Lise-Marie Hovde", "lisemarie.hovde")
MAGNUS = person("Magnus Tveter", "magnus.tveter")
MAI = person("Mai Tran", "mai.tran")
MAJA = person("Maja Hestnes", "maja.hestnes")
MARIANNE = person("Marianne Solheim", "marianne.solheim")
MARIT = person("Marit Opsahl", "marit.opsahl")
MARIUS = person("Marius Fjeld", "mariusfjeld")
MONA = person("Mona Kristiansen", "mona.kristiansen")
MORTEN = person("Morten Ulvestad", "morten.ulvestad")
NASRA = person("Nasra Farah", "nasra.farah")
NORA = person("Nora Sæterdal", "nora.saeterdal")
ODD_INGE = person("Odd Inge Sæther", "oddinge.saether")
OLE_MARTIN = person("Ole Martin Lyngstad", "olemartin.lyngstad")
OMAR = person("Omar Hussein", "omar.hussein")
ROGER = person("Roger Sunde", "roger.sunde")
RONNY = person("Ronny Dahle", "ronny.dahle.5")
RUNE = person("Rune Alvestad", "rune.alvestad")
SANDER = person("Sander Olsen", "sander.olsen.9")
SILJE = person("Silje Nygård", "silje.nygard")
SPAMMER = person("Nina Lånehjelp", "nina.lanehjelp.2291")
WEB_SPAMMER = person("Kreditt Ekspressen", "kreditt.ekspress.77")
ANGRY_OWNER = person("Geir Moen", "geir.moen.81")
STIAN = person("Stian Vold", "stian.vold")
THEA = person("Thea Lund", "thea_lund97")
TONE = person("Tone Lillevik", "tone.lillevik")
TRUDE = person("Trude Haugland", "trude.haugland")
VEGARD = person("Vegard Skog", "vegard.skog")
VIBEKE = person("Vibeke Lie", "vibeke.lie")
YASMIN = person("Yasmin Ahmadi", "yasmin.ahmadi")

# E-mail senders and the web site's comment field.
BAKERY = person("Storgata Bakeri v/Leif Haugsnes", "post@storgata-bakeri.example")
GUNNHILD = person("Gunnhild Tveit", "gunnhild.tveit@example.com")
HOUSING = person("Solbakken borettslag v/styret", "styret.solbakken@example.com")
KINE = person("Kine Lid", "kine.lid@example.org")
KARI_ANNE = person("Kari-Anne", "kari-anne")
SOLBAKKEN = person("Solbakkenbeboer", "solbakkenbeboer")
TORLEIV_WEB = person("Torleiv M.", "torleiv.m")


# --- What a good responder would decide ---------------------------------------------------------


def at_once(team: str, note: str) -> dict:
    return {"class": "at_once", "team": team, "note": note}


def during_day(team: str, note: str) -> dict:
    return {"class": "during_day", "team": team, "note": note}


def next_day(team: str, note: str) -> dict:
    return {"class": "next_day", "team": team, "note": note}


def no_answer(team: str, note: str) -> dict:
    return {"class": None, "team": team, "note": note}


def duplicate(of: str) -> dict:
    return no_answer(KOM, f"near-duplicate of {of}; covered by the answer given there")


def venting() -> dict:
    return no_answer(KOM, "venting in the storm; the collective answer and update cover it")


def abuse() -> dict:
    return no_answer(KOM, "abuse without threats: hide by the moderation rules, do not answer")


# --- Item builders ------------------------------------------------------------------------------
# Items are written with a time like "fri 17:42" (Oslo wall clock in the scenario's week) and
# an external_id whose prefix names the channel: fb-, ig-, mail-, web-.


def _item(external_id, when, kind, author, text, expect, in_reply_to=None, ours=False) -> dict:
    item = {
        "channel": CHANNELS[external_id.split("-", 1)[0]],
        "external_id": external_id,
        "kind": kind,
        "author": dict(author),
        "text": text,
        "received_at": when,
    }
    if in_reply_to:
        item["in_reply_to"] = in_reply_to
    if ours:
        item["ours"] = True
    item["expect"] = expect
    return item


def post(external_id: str, when: str, text: str) -> dict:
    """One of the agency's own posts."""
    return _item(external_id, when, "post", AGENCY, text, None, ours=True)


def our_reply(external_id: str, when: str, on: str, text: str) -> dict:
    """An answer the agency gave earlier in a thread."""
    return _item(external_id, when, "reply", AGENCY, text, None, in_reply_to=on, ours=True)


def comment(external_id, when, author, on, text, expect) -> dict:
    return _item(external_id, when, "comment", author, text, expect, in_reply_to=on)


def reply(external_id, when, author, on, text, expect) -> dict:
    return _item(external_id, when, "reply", author, text, expect, in_reply_to=on)


def message(external_id, when, author, text, expect, follows=None) -> dict:
    return _item(external_id, when, "message", author, text, expect, in_reply_to=follows)


def visitor_post(external_id, when, author, text, expect) -> dict:
    return _item(external_id, when, "post", author, text, expect)


def mention(external_id, when, author, text, expect) -> dict:
    return _item(external_id, when, "mention", author, text, expect)


def review(external_id, when, author, text, expect) -> dict:
    return _item(external_id, when, "review", author, text, expect)


def email(external_id, when, author, text, expect, follows=None) -> dict:
    return _item(external_id, when, "email", author, text, expect, in_reply_to=follows)


def web_comment(external_id, when, author, text, expect) -> dict:
    return _item(external_id, when, "comment", author, text, expect)


# --- Monday: Christmas collection days ----------------------------------------------------------


def monday_collection_days() -> list[dict]:
    return [
        post(
            "fb-post-1",
            "mon 08:30",
            "♻️ Endrede tømmedager i jule- og nyttårsuka\n\n"
            "1. og 2. juledag og 1. nyttårsdag er helligdager. Har du tømming på en av disse "
            "dagene, blir dunken tømt dagen etter – også om det blir en lørdag. Julaften og "
            "nyttårsaften tømmer vi som vanlig, men vi starter kl. 06, så sett dunken ut "
            "kvelden før.\n\n"
            "Se datoene for din adresse i tømmekalenderen på fjordby.example/tomming eller i "
            "appen Min renovasjon.\n\n"
            "🎄 Juletrær henter vi i uke 2 og 3. Legg treet ved dunken, uten pynt og fot.",
        ),
        comment(
            "fb-c-101",
            "mon 08:47",
            TRUDE,
            "fb-post-1",
            "Hva med oss som har tømming annenhver uke? Blir vi bare hoppa over da eller?",
            during_day(KOM, "plain question about fortnightly collection"),
        ),
        comment(
            "fb-c-102",
            "mon 09:05",
            SIGRID,
            "fb-post-1",
            "Kvar skal vi gjere av juletreet når vi bur i blokk? Vi har ikkje eigen dunk, "
            "berre containerane i kjellaren.",
            during_day(KOM, "question about Christmas trees from flats with shared containers"),
        ),
        comment(
            "fb-c-103",
            "mon 09:41",
            GEIR,
            "fb-post-1",
            "Dunken vår i Lerkeveien ble ikke tømt på fredag. Igjen. Tredje gangen i høst!!",
            during_day(
                KOM, "missed collection: ask for the house number by DM, report to Renovasjon"
            ),
        ),
        our_reply(
            "fb-c-104",
            "mon 10:02",
            "fb-c-101",
            "Hei Trude! Annenhver uke følger samme regel: faller tømmedagen din på en "
            "helligdag, tømmer vi dagen etter. Datoene for din adresse finner du i "
            "tømmekalenderen: fjordby.example/tomming 😊 – Ingrid",
        ),
        comment(
            "fb-c-105",
            "mon 10:30",
            OMAR,
            "fb-post-1",
            "Hvor leverer man glass og metall nå? Containeren ved skolen på Nyhavna er borte",
            during_day(KOM, "where to take glass and metal"),
        ),
        comment(
            "fb-c-106",
            "mon 11:12",
            LISE,
            "fb-post-1",
            "Glassigloen ved Coop på Nyhavna er full IGJEN. Det står poser med flasker rundt "
            "hele greia og det ligger glasskår på fortauet 😡 Folk går med hund der",
            during_day(KOM, "overflowing bottle bank with broken glass: hand off to Renovasjon"),
        ),
        reply(
            "fb-c-107",
            "mon 11:20",
            OMAR,
            "fb-c-106",
            "Det var derfor jeg spurte 😅 den har vært full siden lørdag",
            no_answer(KOM, "adds that it has been full since Saturday; put it in the hand-off"),
        ),
        reply(
            "fb-c-108",
            "mon 12:41",
            TRUDE,
            "fb-c-104",
            "Har sjekka kalenderen. Der står det bare «ingen tømming» 25.12 og ingenting om "
            "dagen etter?? Og appen har ikke vært oppdatert siden oktober.",
            during_day(KOM, "follow-up: the calendar contradicts the post; check with Renovasjon"),
        ),
        comment(
            "fb-c-109",
            "mon 13:15",
            RUNE,
            "fb-post-1",
            "Farlig avfall, altså maling og gamle batterier – hvor leveres det? Koster det noe?",
            during_day(KOM, "where to take hazardous waste"),
        ),
        comment(
            "fb-c-110",
            "mon 14:02",
            ALEKSANDRA,
            "fb-post-1",
            "Hi! We just moved here from Gdańsk. Do we need to sort food waste separately? "
            "And is there a collection calendar in English?",
            during_day(KOM, "newcomer: answer in English"),
        ),
        comment(
            "fb-c-111",
            "mon 16:48",
            HEGE,
            "fb-post-1",
            "Juletrehenting i uke 2 og 3 – hvordan vet vi hvilken av ukene som gjelder oss? 🎄",
            during_day(KOM, "which week the Christmas trees are collected"),
        ),
        comment(
            "fb-c-112",
            "mon 19:22",
            KJELL,
            "fb-post-1",
            "Gebyret øker hvert eneste år og så klarer dere ikke engang å tømme i jula. "
            "Hva er det vi betaler for??",
            during_day(KOM, "public complaint about fees: short factual answer (self-cost)"),
        ),
        comment(
            "fb-c-113",
            "mon 21:37",
            CAMILLA,
            "fb-post-1",
            "Takk for god info! Deler 👏",
            no_answer(KOM, "thanks and a share; a like is enough"),
        ),
        comment(
            "fb-c-114",
            "tue 00:14",
            SANDER,
            "fb-post-1",
            "hvorfor står det ingenting om papp?? pappen vår har ikke blitt henta på 4 uker",
            during_day(KOM, "cardboard not collected for weeks: check the address by DM"),
        ),
    ]


# --- Tuesday: new trees in Elvebakken park (Instagram) ------------------------------------------


def tuesday_new_trees() -> list[dict]:
    return [
        post(
            "ig-post-1",
            "tue 10:00",
            "🌳 Nye trær i Elvebakken park! I dag har vi plantet 24 trær – lind, kirsebær og "
            "rogn – langs turveien ved dammen. Om noen år blir dette en skikkelig grønn lunge "
            "midt i byen 💚\n\n#fjordby #bymiljø #parkliv #nyetrær",
        ),
        comment(
            "ig-c-101",
            "tue 10:14",
            THEA,
            "ig-post-1",
            "Såå fint!! 😍🌸",
            next_day(KOM, "praise: thank-you candidate"),
        ),
        comment(
            "ig-c-102",
            "tue 10:31",
            INGVILD,
            "ig-post-1",
            "Endeleg! Takk til dei som har jobba med dette 🙌 Blir det benkar langs turvegen òg?",
            during_day(KOM, "praise with a question about benches"),
        ),
        comment(
            "ig-c-103",
            "tue 11:05",
            LEYLA,
            "ig-post-1",
            "Kirsebærtrær 🌸🌸 gleder meg til våren!!",
            next_day(KOM, "praise: thank-you candidate"),
        ),
        comment(
            "ig-c-104",
            "tue 12:40",
            MARIUS,
            "ig-post-1",
            "Fint med trær, men benken ved lekeplassen i Elvebakken har vært knekt i to "
            "måneder. Det stikker ut spiker. Noen kommer til å skade seg",
            during_day(KOM, "broken bench with nails sticking out: hand off to Park"),
        ),
        reply(
            "ig-c-105",
            "tue 12:52",
            INGVILD,
            "ig-c-104",
            "@mariusfjeld den ved sandkassa? Veslejenta mi fekk ein splint i handa der i "
            "førre veke",
            no_answer(KOM, "confirms the bench report (by the sandbox); one answer covers both"),
        ),
        comment(
            "ig-c-106",
            "tue 14:20",
            ABDI,
            "ig-post-1",
            "Hvem betaler for dette? Mens veiene er fulle av hull 🙄",
            during_day(KOM, "critical question about priorities: short factual answer"),
        ),
        reply(
            "ig-c-107",
            "tue 14:45",
            THEA,
            "ig-c-106",
            "@abdi.warsame trær er vel ikke så dyrt da 😅 og det er jo forskjellige budsjett",
            no_answer(KOM, "one citizen answering another; nothing wrong in it"),
        ),
        comment(
            "ig-c-108",
            "tue 17:33",
            BENTE,
            "ig-post-1",
            "Nydelig! Takk til parkarbeiderne som sto ute i regnet hele dagen i dag ❤️",
            next_day(KOM, "praise for the crew: thank and pass it on to Park"),
        ),
        comment(
            "ig-c-109",
            "tue 20:05",
            HAMZA,
            "ig-post-1",
            "Kan man sponse et tre til minne om noen? Farfar gikk tur der hver eneste dag",
            next_day(KOM, "memorial tree: needs an answer from Park"),
        ),
        comment(
            "ig-c-110",
            "wed 07:15",
            MAI,
            "ig-post-1",
            "❤️🌳",
            no_answer(KOM, "emoji only; a like is enough"),
        ),
    ]


# --- Wednesday: winter parking and towing for snow clearing -------------------------------------


def wednesday_winter_parking() -> list[dict]:
    return [
        post(
            "fb-post-2",
            "wed 09:00",
            "❄️ Vinterparkering\n\n"
            "Nå starter brøytesesongen. Når vi brøyter og kjører bort snø, må bilene vekk fra "
            "gata. Står det skilt med «Snørydding», dato og klokkeslett, må bilen være flyttet "
            "innen da. Biler som står i veien, blir tauet til Fjordby tauesenter i "
            "Industriveien.\n\n"
            "Første runde: natt til torsdag fra kl. 23 i Kirkegata, Sjøgata og Kongens gate. "
            "Neste runder varsler vi her og på fjordby.example/vinter, og du kan få SMS-varsel "
            "for gata di.",
        ),
        comment(
            "fb-c-201",
            "wed 09:24",
            TORLEIV,
            "fb-post-2",
            "Og kvar skal vi som bur i Sjøgata setje bilen? Det finst ikkje ein ledig plass i "
            "heile sentrum etter klokka fem.",
            during_day(KOM, "where residents can park during clearing"),
        ),
        comment(
            "fb-c-202",
            "wed 09:51",
            EVA,
            "fb-post-2",
            "Hvordan melder jeg meg på SMS-varselet? Finner det ikke på nettsiden",
            during_day(KOM, "how to sign up for SMS alerts"),
        ),
        comment(
            "fb-c-203",
            "wed 10:40",
            JAN_ERIK,
            "fb-post-2",
            "Jeg har beboerparkering i sone B. Gjelder kortet mitt i andre soner når det "
            "brøytes hos oss?",
            during_day(KOM, "resident permit during clearing"),
        ),
        our_reply(
            "fb-c-204",
            "wed 11:15",
            "fb-c-203",
            "Hei Jan Erik! Ja – når gata di skal ryddes, kan du med beboerkort parkere i "
            "nabosonen fra kl. 18 kvelden før til kl. 12 dagen etter. – Mats",
        ),
        comment(
            "fb-c-205",
            "wed 11:58",
            SILJE,
            "fb-post-2",
            "Hva koster det å få bilen tilbake fra tauesenteret? Spør for en venn 😅",
            during_day(KOM, "price of getting a towed car back"),
        ),
        comment(
            "fb-c-206",
            "wed 12:30",
            SPAMMER,
            "fb-post-2",
            "Trenger du lån? 💰 Raskt og enkelt, uten sikkerhet. Svar på 5 minutter! "
            "Søk her: http://raskt-laan.example/soknad?ref=fb",
            no_answer(KOM, "link spam: hide and block"),
        ),
        reply(
            "fb-c-207",
            "wed 13:02",
            JAN_ERIK,
            "fb-c-204",
            "Takk. Men hvilken sone er «nabosonen» til B? Både A og C grenser til oss, og i C "
            "er det bare 2 timer maks ifølge skiltet",
            during_day(KOM, "follow-up: our answer was unclear about which zone"),
        ),
        comment(
            "fb-c-208",
            "wed 15:10",
            FRODE,
            "fb-post-2",
            "Kunne dere ikke brøyta fortauene først for en gangs skyld. I fjor lå det is på "
            "fortauet i Skolebakken i tre uker, ungene måtte gå i veibanen.",
            during_day(KOM, "complaint about icy school pavement: answer and tell Vei"),
        ),
        reply(
            "fb-c-209",
            "wed 15:40",
            ANITA,
            "fb-c-208",
            "Helt enig Frode!! Skolebakken er livsfarlig om vinteren",
            no_answer(KOM, "agrees with another citizen; one answer to Frode covers it"),
        ),
        comment(
            "fb-c-210",
            "wed 18:26",
            YASMIN,
            "fb-post-2",
            "Kommer det skilt i Kirkegata i dag? Har ikke sett noe, og bilen min står der nå",
            at_once(KOM, "her car will be towed tonight at 23: answer before the shift ends"),
        ),
        comment(
            "fb-c-211",
            "wed 21:55",
            STIAN,
            "fb-post-2",
            "SKAL DERE TAUE BILER MIDT PÅ NATTA NÅ OGSÅ?? Dette er jo ran",
            during_day(KOM, "angry but a real question: why clearing at night"),
        ),
    ]


# --- Thursday: road works in Bryggeveien --------------------------------------------------------


def thursday_road_works() -> list[dict]:
    return [
        post(
            "fb-post-3",
            "thu 08:15",
            "🚧 Veiarbeid i Bryggeveien\n\n"
            "Fra mandag skifter vi vann- og avløpsrør i Bryggeveien, mellom Torget og Sjøgata. "
            "Veien blir stengt for gjennomkjøring i ca. seks uker. Du kommer alltid fram til "
            "fots, og bussene kjører omkjøring via Kongens gate. Holdeplassen Bryggeveien "
            "flyttes ca. 100 meter, til Kongens gate.\n\nVi beklager ulempene!",
        ),
        comment(
            "fb-c-301",
            "thu 08:40",
            TORLEIV,
            "fb-post-3",
            "Seks veker? Sist de grov der, tok det fire månader. Eg trur det når eg ser det.",
            during_day(KOM, "sceptical; short answer on the plan and where to follow progress"),
        ),
        comment(
            "fb-c-302",
            "thu 09:02",
            ELIN,
            "fb-post-3",
            "Hva med varelevering til butikkene i Bryggeveien? Jeg har en liten kafé der.",
            during_day(KOM, "deliveries during the works"),
        ),
        comment(
            "fb-c-303",
            "thu 09:40",
            ARILD,
            "fb-post-3",
            "Når dere først graver: det er et stort hull i Granliveien rett ved "
            "bussholdeplassen ved nr. 30. Minst 15 cm dypt. Kjørte ned i det i går kveld og "
            "fikk punktering. Hvem sender jeg regningen til?",
            at_once(KOM, "deep pothole on a bus route: hand off to Vei, link the claim form"),
        ),
        reply(
            "fb-c-304",
            "thu 10:05",
            ESPEN,
            "fb-c-303",
            "Det hullet har vært der siden september. Meldte det på «Meld feil» for lenge "
            "siden, ingenting skjer",
            no_answer(KOM, "says it was reported before; mention it in the answer to Arild"),
        ),
        comment(
            "fb-c-305",
            "thu 11:20",
            ODD_INGE,
            "fb-post-3",
            "👍",
            no_answer(KOM, "a reaction; nothing to answer"),
        ),
        comment(
            "fb-c-306",
            "thu 13:48",
            DANIEL,
            "fb-post-3",
            "Går 71-bussen som vanlig opp til skolen på Lia? Sønnen min tar den hver dag",
            during_day(KOM, "bus route question: answer and point to the bus company"),
        ),
        comment(
            "fb-c-307",
            "thu 16:30",
            SIGRID,
            "fb-post-3",
            "Blir det framleis mogleg å kome med bil til legekontoret i Bryggeveien? Mannen "
            "min går dårleg og klarer ikkje gå frå Kongens gate.",
            during_day(KOM, "access for someone with reduced mobility"),
        ),
        comment(
            "fb-c-308",
            "thu 20:14",
            MONA,
            "fb-post-3",
            "Bra at det skjer noe, rørene der er vel fra 50-tallet 👏",
            no_answer(KOM, "positive remark; a like is enough"),
        ),
    ]


# --- Friday: the cleaning campaign, and the storm -----------------------------------------------


def friday_cleaning_campaign() -> list[dict]:
    return [
        post(
            "fb-post-4",
            "fri 15:30",
            "🧹 RYDDEAKSJON I SENTRUM PÅ MANDAG!\n\n"
            "Før frosten setter inn, feier vi løv og grus og renser sluk i hele sentrum. "
            "Mandag fra kl. 07:00 må alle biler være flyttet fra Storgata, Havnegata, "
            "Kirkegata, Sjøgata og Torget. Biler som står igjen, blir tauet.\n\n"
            "Vi holder på til ca. kl. 18. Kart over gatene: fjordby.example/ryddeaksjon\n\n"
            "Takk for at du hjelper oss å holde byen ren! 💚",
        ),
        comment(
            "fb-c-401",
            "fri 15:38",
            TONE,
            "fb-post-4",
            "Hvorfor sier dere ifra på fredag ettermiddag?! Halve byen er bortreist i helga.",
            at_once(KOM, "first of many 'why on a Friday': apologise and explain once, pin it"),
        ),
        comment(
            "fb-c-402",
            "fri 15:44",
            KJELL,
            "fb-post-4",
            "Typisk kommunen 🙄",
            venting(),
        ),
        comment(
            "fb-c-403",
            "fri 15:49",
            BJORN_ARE,
            "fb-post-4",
            "Hvor skal vi parkere da?? Det er jo ikke plass noe sted i sentrum fra før",
            at_once(KOM, "first of many 'where do we park': answer with the alternatives"),
        ),
        comment(
            "fb-c-404",
            "fri 15:52",
            NASRA,
            "fb-post-4",
            "Hvorfor sier dere fra på fredag ettermiddag??",
            duplicate("fb-c-401"),
        ),
        comment(
            "fb-c-405",
            "fri 15:58",
            STIAN,
            "fb-post-4",
            "HVA I ALLE DAGER. Kl 07 på en mandag?? Noen av oss jobber ikke 8-16",
            venting(),
        ),
        comment(
            "fb-c-406",
            "fri 16:03",
            ELLEN,
            "fb-post-4",
            "Gjelder dette hele Storgata eller bare fra Torget og ned til brua?",
            at_once(KOM, "which stretch is affected"),
        ),
        comment(
            "fb-c-407",
            "fri 16:07",
            GEIR,
            "fb-post-4",
            "Typisk kommunen. Penger skal dere ha uansett",
            venting(),
        ),
        comment(
            "fb-c-408",
            "fri 16:11",
            LEYLA,
            "fb-post-4",
            "Jeg har beboerparkering i Havnegata. Gjelder dette meg også? Har ingen andre "
            "steder å sette bilen",
            at_once(KOM, "do resident permits protect against towing"),
        ),
        comment(
            "fb-c-409",
            "fri 16:15",
            OLE_MARTIN,
            "fb-post-4",
            "Hvor skal vi parkere da??",
            duplicate("fb-c-403"),
        ),
        comment(
            "fb-c-410",
            "fri 16:22",
            KARIM,
            "fb-post-4",
            "Noen som vet om P-huset på Nyhavna er gratis i helgene?",
            at_once(KOM, "parking alternative; others will rely on the answer"),
        ),
        our_reply(
            "fb-c-411",
            "fri 16:25",
            "fb-c-406",
            "Hei Ellen! Det gjelder hele Storgata, fra Torget til rundkjøringen ved brua. "
            "Kartet ligger her: fjordby.example/ryddeaksjon – Hanne",
        ),
        reply(
            "fb-c-412",
            "fri 16:29",
            ESPEN,
            "fb-c-410",
            "@Karim Benali det er gratis fra lørdag kl 15 til mandag 07 tror jeg",
            at_once(KOM, "a citizen's answer that is wrong: correct it kindly before people act"),
        ),
        comment(
            "fb-c-413",
            "fri 16:35",
            MONA,
            "fb-post-4",
            "Og dette skal skje samme dag som dere stenger Bryggeveien?? Snakker dere ikke "
            "sammen internt i det hele tatt",
            during_day(KOM, "fair question about two closures on one Monday: check with Vei"),
        ),
        comment(
            "fb-c-414",
            "fri 16:41",
            RONNY,
            "fb-post-4",
            "Dere er noen jævla idioter alle sammen",
            abuse(),
        ),
        comment(
            "fb-c-415",
            "fri 16:44",
            ANITA,
            "fb-post-4",
            "Hvorfor sier dere ifra på fredag ettermiddag?! Folk har planer i helga!!",
            duplicate("fb-c-401"),
        ),
        comment(
            "fb-c-416",
            "fri 16:50",
            TORLEIV,
            "fb-post-4",
            "Kvifor vart ikkje dette varsla ei veke før, slik som vanleg? Eg er på hytta til "
            "tysdag, og bilen står i Sjøgata.",
            at_once(KOM, "away until Tuesday, car in the zone: he needs a way out"),
        ),
        reply(
            "fb-c-417",
            "fri 16:58",
            ELLEN,
            "fb-c-411",
            "Lenken går til en side som sier «Siden finnes ikke» 🙃",
            at_once(KOM, "follow-up: our link is broken; fix it and answer with a working one"),
        ),
        comment(
            "fb-c-418",
            "fri 17:05",
            CAMILLA,
            "fb-post-4",
            "Typisk kommunen altså",
            venting(),
        ),
        our_reply(
            "fb-c-419",
            "fri 17:12",
            "fb-c-401",
            "Hei Tone, og alle andre som lurer: Vi beklager at varselet kom så sent. Skiltene "
            "ble satt opp i gatene i går, og dette innlegget skulle vært ute samtidig. Det er "
            "vår feil. Vi ser på om vi kan tilby gratis parkering, og kommer tilbake med svar "
            "i morgen formiddag. – Hanne",
        ),
        reply(
            "fb-c-420",
            "fri 17:31",
            TONE,
            "fb-c-419",
            "Skilt i går?? Det står ikke ett eneste skilt i Havnegata. Gikk forbi nå nettopp.",
            at_once(KOM, "follow-up contradicts our answer: check with the crew, correct it"),
        ),
        comment(
            "fb-c-421",
            "fri 17:40",
            HEGE,
            "fb-post-4",
            "Hva med oss som har hjemmesykepleie? Bilen til sykepleieren må jo kunne stå "
            "utenfor om morgenen",
            at_once(KOM, "home nursing visits on Monday morning"),
        ),
        comment(
            "fb-c-422",
            "fri 17:46",
            JONAS,
            "fb-post-4",
            "haha @Sander Olsen flytt bilen din da 😂",
            no_answer(KOM, "tagging a friend"),
        ),
        reply(
            "fb-c-423",
            "fri 17:53",
            SANDER,
            "fb-c-422",
            "@Jonas Eide 😂😂 den har stått der siden august",
            no_answer(KOM, "banter between friends"),
        ),
        comment(
            "fb-c-424",
            "fri 18:04",
            PRIYA,
            "fb-post-4",
            "Sorry, I don't read Norwegian well – does this apply to Sjøgata too? My car is "
            "parked there.",
            at_once(KOM, "newcomer with a car in the zone: answer in English"),
        ),
        comment(
            "fb-c-425",
            "fri 18:15",
            FRODE,
            "fb-post-4",
            "Kor skal vi parkere da? Skal vi sove i bil'n på Nyhavna??",
            duplicate("fb-c-403"),
        ),
        comment(
            "fb-c-426",
            "fri 18:32",
            MARIT,
            "fb-post-4",
            "Hva koster det hvis bilen blir tauet? Står ingenting om det",
            at_once(KOM, "cost of towing; people decide this weekend whether to move"),
        ),
        comment(
            "fb-c-427",
            "fri 18:47",
            ABDI,
            "fb-post-4",
            "Kommunen gidder ikke bry seg om oss som bor i sentrum. Skattepengene går til "
            "trær i parken og fancy kontorer 🤡",
            venting(),
        ),
        comment(
            "fb-c-428",
            "fri 19:05",
            ODD_INGE,
            "fb-post-4",
            "FÆLT AT DERE IKKE KLARER Å PLANLEGGE NOE SOM HELST. HELT UTROLIG.",
            venting(),
        ),
        reply(
            "fb-c-429",
            "fri 19:20",
            BJORN_ARE,
            "fb-c-403",
            "Ingen svar her nei. Typisk",
            no_answer(KOM, "nudge on his own question; answering fb-c-403 settles it"),
        ),
        comment(
            "fb-c-430",
            "fri 19:41",
            VEGARD,
            "fb-post-4",
            "Gjelder det ladeplassene for elbil i Kirkegata også? Bilen min lader der natt til "
            "mandag",
            at_once(KOM, "EV charging bays in the zone"),
        ),
        comment(
            "fb-c-431",
            "fri 20:03",
            SILJE,
            "fb-post-4",
            "Hvor skal vi parkere da?? 🙄🙄",
            duplicate("fb-c-403"),
        ),
        comment(
            "fb-c-432",
            "fri 20:20",
            KRISTINE,
            "fb-post-4",
            "Dere burde skamme dere. Idioter.",
            abuse(),
        ),
        comment(
            "fb-c-433",
            "fri 20:45",
            SIGRID,
            "fb-post-4",
            "Kva med oss som har HC-kort? Eg kan ikkje gå langt, og det er ingen HC-plassar "
            "att når Torget er stengt.",
            at_once(KOM, "disabled parking permit holders"),
        ),
        comment(
            "fb-c-434",
            "fri 21:10",
            GEIR,
            "fb-post-4",
            "Hvorfor sier dere ifra på fredag ettermiddag? Rent tilfeldig at ingen kan ringe "
            "dere før mandag kl 08 eller?",
            duplicate("fb-c-401"),
        ),
        reply(
            "fb-c-435",
            "fri 21:33",
            ANITA,
            "fb-c-434",
            "Nettopp!!! De gjør det med vilje",
            venting(),
        ),
        comment(
            "fb-c-436",
            "fri 21:52",
            MORTEN,
            "fb-post-4",
            "Ka faen e det dokker holde på med. Jævla kommunedritt",
            abuse(),
        ),
        comment(
            "fb-c-437",
            "fri 22:20",
            NASRA,
            "fb-post-4",
            "Hvor skal vi parkere??? Skal vi ta med bilen inn i stua?",
            duplicate("fb-c-403"),
        ),
        comment(
            "fb-c-438",
            "fri 23:05",
            KJELL,
            "fb-post-4",
            "Så nå svarer dere ikke lenger? Sjølsagt. Stenger kl 22 mens vi sitter her",
            no_answer(KOM, "after hours; the morning update answers it"),
        ),
        comment(
            "fb-c-439",
            "sat 00:12",
            INGVILD,
            "fb-post-4",
            "Kjem de faktisk til å taue alle? Eller er det berre for å skremme oss 😅",
            at_once(KOM, "will you really tow: answer when the shift starts at 10"),
        ),
        comment(
            "fb-c-440",
            "sat 00:48",
            STIAN,
            "fb-post-4",
            "DERE ER NOEN KLOVNER 🤡🤡🤡",
            abuse(),
        ),
        comment(
            "fb-c-442",
            "sat 02:10",
            ANGRY_OWNER,
            "fb-post-4",
            "Jeg vet hvor du bor, du som tauet bilen min. Dette skal du få svi for.",
            at_once(KOM, "threat against staff: escalated to the lead; report to the police"),
        ),
        comment(
            "fb-c-441",
            "sat 01:30",
            TOMASZ,
            "fb-post-4",
            "Hello, I work night shift until 8 on Monday. My car is in Havnegata. What do I "
            "do?? I cannot move it at 7.",
            at_once(KOM, "cannot move the car in time: answer in English"),
        ),
        comment(
            "fb-c-442",
            "sat 07:15",
            ELIN,
            "fb-post-4",
            "Jeg har kafé i Havnegata. Hvordan blir det med varelevering på mandag? "
            "Leveransen kommer 06:30.",
            at_once(KOM, "business delivery before the deadline"),
        ),
        comment(
            "fb-c-443",
            "sat 08:05",
            LISE,
            "fb-post-4",
            "Typisk kommunen. Plutselig skal alt skje på en gang",
            venting(),
        ),
        comment(
            "fb-c-444",
            "sat 08:40",
            HAMZA,
            "fb-post-4",
            "Vi har betalt beboerparkering for hele året i Kirkegata. Får vi refusjon for "
            "mandagen?",
            during_day(KOM, "refund question; less urgent than moving the car"),
        ),
        comment(
            "fb-c-445",
            "sat 09:12",
            VIBEKE,
            "fb-post-4",
            "Kan ikke noen bare svare på spørsmålene her? Folk lurer på helt konkrete ting, "
            "ikke alle trenger et nytt innlegg",
            no_answer(KOM, "meta-complaint; answering the real questions is the answer"),
        ),
        comment(
            "fb-c-446",
            "sat 11:50",
            ANITA,
            "fb-post-4",
            "Hvorfor sier dere ifra på fredag ettermiddag? Ikke alle sitter på Facebook hele helga",
            duplicate("fb-c-401"),
        ),
        comment(
            "fb-c-447",
            "sat 13:30",
            OMAR,
            "fb-post-4",
            "Hvor skal vi parkere da? P-huset på Nyhavna har jo bare 200 plasser",
            during_day(KOM, "capacity of the free car park: the update does not say"),
        ),
        comment(
            "fb-c-448",
            "sat 15:10",
            MAI,
            "fb-post-4",
            "Hvor skal vi parkere da??",
            duplicate("fb-c-403"),
        ),
        comment(
            "fb-c-449",
            "sat 17:45",
            DANIEL,
            "fb-post-4",
            "Hvorfor kan dere ikke gjøre dette i juli når halve byen er på ferie?",
            during_day(KOM, "fair question: leaves and drains must be done before the frost"),
        ),
    ]


def saturday_update() -> list[dict]:
    return [
        post(
            "fb-post-5",
            "sat 10:45",
            "Oppdatering om ryddeaksjonen på mandag 🧹\n\n"
            "Takk for alle innspill. Vi hører dere, og vi beklager at varselet kom så sent.\n"
            "• Gratis parkering i P-hus Nyhavna fra søndag kl. 18 til mandag kl. 18 for alle "
            "som må flytte bilen.\n"
            "• Biler med HC-kort blir ikke tauet – vi rydder rundt dem.\n"
            "• Hjemmesykepleien og hjemmetjenesten kan stoppe i gata som vanlig.\n"
            "• Kan du ikke flytte bilen selv (reise, sykdom)? Send oss en melding innen "
            "søndag kl. 18, så flytter vi den gratis til P-hus Nyhavna.\n"
            "• Kartet virker nå: fjordby.example/ryddeaksjon-kart\n\n"
            "Vi svarer i kommentarfeltet hele helga fram til kl. 18. – Hanne og Mats",
        ),
        comment(
            "fb-c-501",
            "sat 10:58",
            TONE,
            "fb-post-5",
            "Takk for at dere lytter 👍",
            next_day(KOM, "thanks after the storm: worth a short reply"),
        ),
        comment(
            "fb-c-502",
            "sat 11:09",
            KJELL,
            "fb-post-5",
            "Burde tenkt på det før dere la ut det første innlegget.",
            no_answer(KOM, "fair criticism the update already apologises for"),
        ),
        comment(
            "fb-c-503",
            "sat 11:30",
            BJORN_ARE,
            "fb-post-5",
            "Gjelder gratisparkeringen også bobil? Den får ikke plass i P-huset",
            at_once(KOM, "motorhome does not fit in the car park"),
        ),
        comment(
            "fb-c-504",
            "sat 12:15",
            TORLEIV,
            "fb-post-5",
            "Eg sende melding om bilen min i går kveld, men har ikkje fått svar. Gjeld "
            "tilbodet om flytting for meg òg?",
            at_once(KOM, "same case as his message fb-m-9: answer the message, confirm here"),
        ),
        comment(
            "fb-c-505",
            "sat 13:02",
            PRIYA,
            "fb-post-5",
            "Thank you for the update! Is there an English version of the map?",
            during_day(KOM, "answer in English"),
        ),
        comment(
            "fb-c-506",
            "sat 14:40",
            STIAN,
            "fb-post-5",
            "Så nå skal dere flytte biler gratis for de som ikke gidder?? Jeg har betalt for "
            "parkering i 3 år",
            no_answer(KOM, "venting about the offer; no answer needed"),
        ),
        comment(
            "fb-c-507",
            "sat 16:20",
            KARIM,
            "fb-post-5",
            "Står det skilt i Havnegata nå? Var der i morges og så ingenting",
            at_once(KOM, "signs missing in Havnegata (as fb-c-420 said): check with the crew"),
        ),
        comment(
            "fb-c-508",
            "sun 11:05",
            MARIT,
            "fb-post-5",
            "Må man registrere seg for gratisparkeringen i P-huset eller er det bare å kjøre inn?",
            at_once(KOM, "how the free parking works; needed before tonight"),
        ),
        comment(
            "fb-c-509",
            "sun 17:52",
            HEGE,
            "fb-post-5",
            "Takk for rask avklaring om hjemmesykepleien 🙏",
            next_day(KOM, "thanks: thank-you candidate"),
        ),
        comment(
            "fb-c-510",
            "sun 19:30",
            SILJE,
            "fb-post-5",
            "Hvor lenge gjelder gratisparkeringen? Til mandag kl 18 eller til dere er ferdige?",
            at_once(KOM, "after the Sunday shift; answer first thing Monday morning"),
        ),
        comment(
            "fb-c-511",
            "sun 23:40",
            NASRA,
            "fb-post-5",
            "Fikk aldri svar på meldingen min. Bilen står fortsatt i Kirkegata. Hva skjer kl 07??",
            at_once(KOM, "her message ig-m-3 was missed; nobody on duty before the deadline"),
        ),
    ]


# --- Direct messages ----------------------------------------------------------------------------


def direct_messages() -> list[dict]:
    return [
        message(
            "fb-m-1",
            "mon 07:12",
            MARIANNE,
            "Hei! Restavfallet vårt i Bjørkeveien 14 ble ikke tømt på fredag. Dunken sto ute "
            "som vanlig. Kan dere komme og ta den?",
            during_day(KS, "missed collection: order an extra pickup from Renovasjon"),
        ),
        message(
            "fb-m-2",
            "mon 07:19",
            MARIANNE,
            "Glemte å si at det er den grå dunken. Papiret ble tatt.",
            during_day(KS, "same case as fb-m-1; answer both together"),
            follows="fb-m-1",
        ),
        message(
            "ig-m-1",
            "mon 20:31",
            NORA,
            "hei! dunken vår har fått en stor sprekk i lokket etter at søppelbilen tok den 😬 "
            "kan vi få ny? bor i Lerkeveien",
            next_day(KS, "new bin: ask for the house number and order it"),
        ),
        message(
            "fb-m-3",
            "tue 11:02",
            FATIMA,
            "Hei, jeg fikk parkeringsbot i går på Strandkaien kl 14:10 men jeg hadde betalt i "
            "appen fra 13:30 til 15:30. Hvordan kan det skje?",
            next_day(KS, "possibly wrong fine: check it and explain how to appeal"),
        ),
        message(
            "fb-m-4",
            "tue 11:09",
            FATIMA,
            "[bilde] Her er kvitteringen fra appen. Sone 3, betalt 13:28.",
            next_day(KS, "receipt for fb-m-3; same case"),
            follows="fb-m-3",
        ),
        message(
            "fb-m-5",
            "wed 20:15",
            LUKAS,
            "Hi, I just moved to Nyhavna from Germany. Which bin is for plastic? We only got "
            "two bins and a roll of green bags.",
            during_day(KS, "newcomer: answer in English in the morning"),
        ),
        message(
            "fb-m-6",
            "thu 06:52",
            YASMIN,
            "Bilen min er BORTE fra Kirkegata!! Er den tauet??? Jeg må på jobb kl 8",
            at_once(KS, "towed car: where it is and how to get it; she asked on fb-c-210"),
        ),
        message(
            "fb-m-7",
            "thu 07:10",
            YASMIN,
            "Hallo??? Ringte tauesenteret, ingen svarer. Jeg trenger bilen NÅ",
            at_once(KS, "same case as fb-m-6"),
            follows="fb-m-6",
        ),
        message(
            "ig-m-2",
            "thu 10:20",
            SIGRID,
            "Hei. Kan de hente ein gammal sofa og eit kjøleskap hos oss på Solbakken? Kva "
            "kostar det?",
            next_day(KS, "bulky waste pickup: price and booking"),
        ),
        message(
            "fb-m-8",
            "fri 14:10",
            GEIR,
            "Nå har dunken i Lerkeveien 7 ikke blitt tømt for fjerde gang. Har skrevet i "
            "kommentarfeltet også. Hva er det som skjer??",
            during_day(KS, "repeated misses (see fb-c-103): escalate to Renovasjon today"),
        ),
        message(
            "fb-m-9",
            "fri 22:40",
            TORLEIV,
            "Hei. Eg er på hytta til tysdag, og bilen står i Sjøgata. Raud Toyota Yaris. Kva "
            "skal eg gjere? Eg kan ikkje kome heim før.",
            at_once(KOM, "before the Monday deadline, Kundesenter closed: weekend duty answers"),
        ),
        message(
            "fb-m-10",
            "sat 09:20",
            KRISTOFFER,
            "Bilen min ble tauet i natt fra Havnegata?? Det sto INGEN skilt der i går kveld. "
            "Hvor henter jeg den? Må på jobb kl 14.",
            at_once(KOM, "towed car at the weekend: Kundesenter closed; check the signs too"),
        ),
        message(
            "ig-m-3",
            "sat 19:05",
            NASRA,
            "Hei, jeg er på sykehuset med mamma hele helga og kan ikke flytte bilen fra "
            "Kirkegata. Kan dere flytte den sånn som dere skrev? Sølvgrå Golf",
            at_once(KOM, "moving offer ends Sunday 18: answer when the shift opens Sunday 10"),
        ),
        message(
            "fb-m-11",
            "sun 00:20",
            MAGNUS,
            "Fikk bot i Sjøgata i går kveld selv om skiltet var helt dekka av snø. Har bilde. "
            "Hvordan klager jeg?",
            next_day(KS, "appeal guidance; the photo goes with the appeal"),
        ),
    ]


# --- E-mail, the web site, mentions, reviews and visitors' posts --------------------------------


def outside_channels() -> list[dict]:
    return [
        web_comment(
            "web-1",
            "mon 09:33",
            SOLBAKKEN,
            "Tømmekalenderen for Solbakken viser papir på onsdag, men bilen kom i dag "
            "(mandag). Hva stemmer?",
            during_day(KS, "the web calendar may be wrong: check with Renovasjon"),
        ),
        email(
            "mail-1",
            "mon 10:15",
            HOUSING,
            "Hei!\n\nVi i styret i Solbakken borettslag vil gjerne bestille container til "
            "hageavfall og grovavfall til dugnaden vår om tre uker. Hva koster det, og hvor "
            "tidlig må vi bestille? Vi lurer også på om vi kan få en ekstra glassigloo, den vi "
            "har blir full på få dager.\n\nMvh\nstyret",
            next_day(KS, "container order and a bottle bank request: case work"),
        ),
        email(
            "mail-2",
            "mon 14:40",
            HOUSING,
            "Tillegg: Vi har 64 leiligheter. Kan vi også få et tilbud på nedgravde "
            "containere?\n\nMvh\nRagnhild, styreleder",
            next_day(KS, "same case as mail-1"),
            follows="mail-1",
        ),
        mention(
            "fb-mention-1",
            "tue 18:10",
            VIBEKE,
            "Morgentur i Elvebakken parken og plutselig står det 24 nye trær der 🌳 Bra jobba "
            "Bymiljøetaten i Fjordby! Endelig litt grønt i byen vår",
            next_day(KS, "praise on her own post: thank-you candidate"),
        ),
        web_comment(
            "web-3",
            "wed 03:12",
            WEB_SPAMMER,
            "Forbrukslån uten sikkerhet, svar på 5 minutter! Søk nå: https://bit.ly/3xLaan",
            no_answer(KS, "link spam from a new writer: hidden by the automatic rule"),
        ),
        web_comment(
            "web-2",
            "tue 19:40",
            KARI_ANNE,
            "Hei. Tar gjenvinningsstasjonen imot gamle vinduer og dører? Og må jeg betale for det?",
            during_day(KS, "recycling station question"),
        ),
        email(
            "mail-3",
            "wed 13:06",
            KINE,
            "Hei!\n\n5. trinn ved Lia skole vil rydde søppel rundt skolen og i Elvebakken "
            "neste uke. Kan vi låne hansker, ryddeklyper og sekker, og kan dere hente sekkene "
            "etterpå?\n\nVennlig hilsen\nKine Lid, kontaktlærer 5B",
            next_day(KS, "school clean-up: lend equipment, arrange pickup"),
        ),
        review(
            "fb-review-1",
            "wed 14:30",
            ROGER,
            "Anbefaler ikke. Ringte kundesenteret tre ganger om den knuste dunken vår og ble "
            "lovet ny innen en uke. Det var for en måned siden.",
            next_day(KS, "negative review with a real case: invite to DM, check the order"),
        ),
        mention(
            "ig-mention-1",
            "thu 07:48",
            LINN,
            "Klokka er 07:45 og Fjellveien er ikke brøyta. Bussen står fast og halve Lia kommer "
            "for seint på jobb. Bra jobba @bymiljo.fjordby 🙄❄️",
            at_once(KS, "road not ploughed on a bus route: hand off to Vei when we open"),
        ),
        visitor_post(
            "fb-vpost-1",
            "thu 12:30",
            HENRIK,
            "Hei Bymiljøetaten. Hvorfor feier dere fortauet i Kongens gate med den store "
            "maskinen midt i morgenrushet? Hele fortauet var sperra kl 08 og vi måtte gå i "
            "veien med barnevogn.",
            during_day(KS, "complaint about sweeping in rush hour: answer, tell Vei"),
        ),
        web_comment(
            "web-3",
            "thu 15:05",
            TORLEIV_WEB,
            "Kvifor står det ingenting om gravearbeidet i Bryggeveien her på nettsida? Ein må "
            "visst ha Facebook for å få vite noko i denne kommunen.",
            during_day(KS, "web page missing the road works notice: fix it and answer"),
        ),
        email(
            "mail-4",
            "thu 23:10",
            GUNNHILD,
            "Klage på parkeringsgebyr nr. P-448812\n\n"
            "Jeg fikk gebyr i Kongens gate natt til torsdag for å stå i veien for brøytingen. "
            "Det var ikke satt opp skilt der da jeg parkerte kl 17. Jeg ber om at gebyret "
            "annulleres.\n\nMed vennlig hilsen\nGunnhild Tveit",
            next_day(KS, "formal appeal: register the case and confirm receipt"),
        ),
        email(
            "mail-5",
            "sat 08:30",
            BAKERY,
            "Hei. Vi leverer brød til butikkene i Storgata mandag kl 05:30–06:45, med bil. Går "
            "det an? Og får vi stå på varelevering etter kl 07? Ingen svarer på telefon.\n\n"
            "Leif, Storgata Bakeri",
            at_once(KOM, "deadline Monday morning, Kundesenter closed: weekend duty answers"),
        ),
        visitor_post(
            "fb-vpost-2",
            "sat 21:15",
            ELDBJORG,
            "ÅPENT BREV TIL BYMILJØETATEN\n\nJeg er 78 år og har bodd i Kirkegata i 40 år. "
            "Jeg har ikke bil, men hjemmehjelpen min har. Hun kommer kl 07:30 hver morgen. "
            "Skal hun nå gå fra Nyhavna? Dere tenker bare på dere selv.\n\n"
            "Hilsen en sint pensjonist",
            at_once(KOM, "storm spill-over after hours: the update covers it, answer Sunday"),
        ),
        review(
            "fb-review-2",
            "sun 12:20",
            MAJA,
            "Anbefaler! Fikk svar på Messenger samme dag og ny dunk to dager etter. Hyggelige "
            "folk 😊",
            next_day(KS, "positive review: thank-you candidate"),
        ),
        web_comment(
            "web-4",
            "sun 14:10",
            RAVI,
            "The page about the cleaning campaign says 'Monday from 07:00', but the sign in "
            "Kirkegata says 06:00. Which one is correct?",
            at_once(KOM, "contradicting times before the deadline: check and answer in English"),
        ),
    ]


# --- The week -----------------------------------------------------------------------------------

SECTIONS = (
    monday_collection_days,
    tuesday_new_trees,
    wednesday_winter_parking,
    thursday_road_works,
    friday_cleaning_campaign,
    saturday_update,
    direct_messages,
    outside_channels,
)


def local_time(monday: date, when: str) -> datetime:
    """'fri 17:42' in the week of `monday`, Oslo time, with that moment's own UTC offset."""
    day, clock = when.split()
    hour, minute = (int(part) for part in clock.split(":"))
    on = monday + timedelta(days=DAYS.index(day))
    wall = datetime(on.year, on.month, on.day, hour, minute, tzinfo=OSLO)
    # A round trip through UTC moves a wall time the spring clock change skips to a real one.
    return wall.astimezone(UTC).astimezone(OSLO)


def scenario(monday: date) -> list[dict]:
    """The week's inbox, oldest first; see the module docstring."""
    if monday.weekday() != 0:
        raise ValueError(f"{monday} is not a Monday")
    items = [item for section in SECTIONS for item in section()]
    moments = {id(item): local_time(monday, item["received_at"]) for item in items}
    items.sort(key=lambda item: moments[id(item)])
    for item in items:
        item["received_at"] = moments[id(item)].isoformat()
    return items


def check(items: list[dict]) -> None:
    """Assert that the items make a consistent inbox."""
    seen: dict[tuple[str, str], dict] = {}
    previous = None
    for item in items:
        where = f"{item['channel']}/{item['external_id']}"
        assert item["channel"] in CHANNELS.values(), where
        assert item["kind"] in KINDS, where
        assert item["text"].strip(), where
        assert item["author"]["name"] and item["author"]["handle"], where
        key = (item["channel"], item["external_id"])
        assert key not in seen, f"{where} is not unique"

        parent_id = item.get("in_reply_to")
        if parent_id is not None:
            parent = seen.get((item["channel"], parent_id))
            assert parent is not None, f"{where} answers {parent_id}, not an earlier item"
            if item["kind"] == "comment":
                assert parent["kind"] == "post", f"{where} comments on a {parent['kind']}"
            if item["kind"] == "reply":
                assert parent["kind"] in ("comment", "reply"), f"{where} replies to a post"
            if item["kind"] in ("message", "email"):
                assert parent["kind"] == item["kind"], f"{where} follows a {parent['kind']}"
        else:
            assert item["kind"] != "reply", f"{where} replies to nothing"

        moment = datetime.fromisoformat(item["received_at"])
        assert moment.utcoffset() is not None, f"{where} has no UTC offset"
        in_oslo = moment.astimezone(OSLO)
        assert moment.utcoffset() == in_oslo.utcoffset(), f"{where} has the wrong offset"
        assert moment.replace(tzinfo=None) == in_oslo.replace(tzinfo=None), where
        assert previous is None or moment > previous, f"{where} is not after the item before"
        previous = moment

        if item.get("ours"):
            assert item["author"] == AGENCY, where
            assert item["kind"] in ("post", "reply"), where
            assert item["expect"] is None, f"{where}: our own items expect nothing"
        else:
            assert "ours" not in item, where
            expect = item["expect"]
            assert expect["class"] in CLASSES, where
            assert expect["team"] in TEAMS, where
            assert expect["note"], where
        seen[key] = item


def summary(items: list[dict]) -> str:
    def block(title: str, counter: Counter) -> str:
        rows = "".join(f"  {name:<14}{count:>4}\n" for name, count in counter.most_common())
        return f"{title}:\n{rows}"

    expected = [item["expect"] for item in items if item["expect"] is not None]
    return (
        f"{len(items)} items\n"
        + block("kind", Counter(item["kind"] for item in items))
        + block("channel", Counter(item["channel"] for item in items))
        + block("expected class", Counter(str(expect["class"]) for expect in expected))
        + block("team", Counter(expect["team"] for expect in expected))
        + f"ours: {sum(1 for item in items if item.get('ours'))}\n"
    )


if __name__ == "__main__":
    week = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date(2026, 11, 16)
    # Weeks with a clock change (spring and autumn) and a summer week must check out too.
    for monday in (week, date(2026, 3, 23), date(2026, 6, 15), date(2026, 10, 19)):
        check(scenario(monday))
    sys.stdout.write(f"Week of {week}: ")
    sys.stdout.write(summary(scenario(week)))
