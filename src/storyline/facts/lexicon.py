"""Word lists of the facts stage: number words, units, qualifiers, news event concepts, titles.

These are general English and general news vocabulary, not words of any one text. Stems are the output
of :func:`storyline.facts.text.stem`.
"""

from __future__ import annotations

SMALL_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
UNITS_1_9 = {"one": 1, **{k: v for k, v in SMALL_NUMBERS.items() if v < 10}}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
}
CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "#": "GBP"}  # '#' is a mangled '£'
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF",
}

# Units: the word (singular, lower case) -> the unit name facts compare on.
UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade", "century": "century",
    "percent": "percent", "%": "percent", "pct": "percent", "percentage": "percentage point",
    "km": "km", "kilometer": "km", "kilometre": "km", "mile": "mile", "meter": "m", "metre": "m",
    "foot": "foot", "feet": "foot", "inch": "inch", "kg": "kg", "kilogram": "kg", "ton": "tonne",
    "tonne": "tonne", "barrel": "barrel", "gallon": "gallon", "litre": "litre", "liter": "litre",
    "acre": "acre", "hectare": "hectare", "degree": "degree", "magnitude": "magnitude",
    "mph": "mph", "kph": "kph", "point": "point", "cent": "cent", "bpd": "barrel per day",
    "square-metre": "square metre", "square-meter": "square metre", "square-foot": "square foot",
    "square-feet": "square foot", "square-mile": "square mile", "square-kilometre": "square km",
    "square-kilometer": "square km", "sq": "square", "knot": "knot",
}

# Qualifiers before a number (longest first when matching) -> the qualifier name.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than", "upwards of": "more than",
    "in excess of": "more than", "just over": "more than", "exceeding": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "almost": "nearly", "nearly": "nearly",
    "close to": "nearly", "just under": "nearly", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "at most": "up to", "fewer than": "less than", "less than": "less than",
    "under": "less than", "below": "less than", "exactly": "exactly", "only": "exactly",
}
QUALIFIERS_AFTER = {"or more": "at least", "plus": "at least", "or so": "about"}

# Words that make a figure a possibility rather than a report ("could face five years", "may have died").
HEDGES = frozenset("could would may might can faces face facing potential possible possibly expected".split())

# Words that say a figure is a new value of something that changes (a running total, a later count).
UPDATE_CUES = (
    "additional", "another", "a further", "further", "more", "total", "bringing", "brings", "raising",
    "rose to", "risen to", "rising to", "climbed to", "increased to", "jumped to", "now", "new toll",
    "latest", "so far", "to date", "cumulative", "in all",
)

# News event concepts: a stem -> the concept mentions are compared on ("deaths", "killed", "fatalities"
# all count the dead).
EVENT_CONCEPTS = {
    "kill": "killed", "death": "killed", "dead": "killed", "die": "killed", "fatality": "killed",
    "fatalitie": "killed", "toll": "killed", "perish": "killed", "lives": "killed", "bodies": "killed",
    "body": "killed",
    "injur": "injured", "injury": "injured", "wound": "injured", "hurt": "injured",
    "arrest": "arrested", "detain": "arrested", "detention": "arrested", "jail": "arrested",
    "imprison": "imprisoned", "incarcerat": "imprisoned",
    "releas": "released", "free": "released", "freed": "released", "pardon": "released",
    "evacuat": "evacuated", "evacuee": "evacuated", "displac": "displaced", "homeless": "displaced",
    "miss": "missing", "missing": "missing", "rescu": "rescued", "infect": "infected", "case": "infected",
    "sick": "infected", "hospitaliz": "hospitalised", "hospitalis": "hospitalised",
    "vot": "votes", "vote": "votes", "ballot": "votes", "elect": "election", "election": "election",
    "poll": "election", "protest": "protest", "demonstrat": "protest", "march": "protest",
    "attack": "attack", "strike": "attack", "bomb": "attack", "explosion": "explosion", "explod": "explosion",
    "blast": "explosion", "blew": "explosion", "earthquake": "earthquake", "quake": "earthquake",
    "fire": "fire", "flood": "flood", "crash": "crash", "spill": "spill", "leak": "spill",
    "sentenc": "sentenced", "convict": "sentenced", "charg": "charged", "indict": "charged",
    "fin": "fined", "fine": "fined", "cost": "cost", "spend": "cost", "spent": "cost", "pay": "paid",
    "paid": "paid", "rais": "raised", "donat": "raised", "pledg": "pledged", "grant": "granted",
    "sold": "sold", "sell": "sold", "bought": "bought", "buy": "bought", "deploy": "deployed",
    "troop": "troops", "soldier": "troops", "employ": "employed", "job": "jobs", "cut": "cut",
    "lay": "cut", "fir": "cut", "hir": "hired",
}
# Counted nouns that are generic: they never tell two facts apart ("28 people killed" vs "28 killed").
GENERIC_HEADS = frozenset("person individual man woman resident civilian other total figure number".split())
# Irregular forms the suffix stemmer gets wrong.
IRREGULAR = {
    "people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child",
    "died": "die", "dying": "die", "freed": "free", "fled": "flee", "lives": "life", "feet": "foot",
    "went": "go", "gone": "go", "said": "say", "told": "tell", "held": "hold", "won": "win", "lost": "lose",
    "bodies": "body", "casualties": "casualty", "fatalities": "fatality", "injuries": "injury",
    "wounded": "wound", "news": "news", "species": "species", "series": "series", "was": "be",
    "were": "be", "is": "be", "are": "be", "has": "have", "had": "have",
}

# Function words: never a counted noun, an event or a name.
STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without within into onto upon over under
    about above below between among through during before after since until till than then as so such
    that this these those there here which who whom whose what when where why how while whereas if
    unless because although though whether it its it's he she they we you i me him her them us our your
    their his hers theirs my mine is are was were be been being am has have had having do does did done
    will would shall should can could may might must not no yes also only just even still yet ever very
    more most less least much many some any each every all both either neither few several other another
    own same too again further once up down out off away back per via including include includes
    according said says say told tell one amid amidst despite
    against across along toward towards beyond near following ahead instead prior behind beside besides""".split()
)

# Titles and roles that precede a name ("Minister Diosdado Cabello", "opposition leader Edmundo Gonzalez").
TITLES = frozenset(
    """president minister secretary leader chief director spokesman spokeswoman spokesperson chairman
    chairwoman chair ceo executive governor mayor senator sen rep representative congressman congresswoman
    judge justice ambassador envoy general gen attorney prosecutor commissioner inspector officer sergeant
    captain colonel lieutenant admiral commander king queen prince princess emperor pope cardinal bishop
    archbishop rabbi imam sheikh chancellor premier vice deputy head founder candidate coach manager
    professor prof dr doctor mr mrs ms miss sir dame lord lady speaker treasurer mp analyst economist
    lawyer attorney-general president-elect spokesmen correspondent reporter editor pastor father
    councillor councilman official minister-designate superintendent chief-executive""".split()
)
# Titles written abbreviated ("Sen. Ted Kennedy"): after a name they are not a title but part of it, since
# a trailing title is written out ("Venezuela President") while these words end real names (Hun Sen, Amartya
# Sen, Ye Rep) when no period follows them.
ABBREVIATED_TITLES = frozenset("sen rep gen prof dr mr mrs ms".split())
# Title words that make the titled name a person for sure.
PERSON_TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president minister senator sen governor mayor judge king
    queen prince princess pope professor prof spokesman spokeswoman ambassador general""".split()
)
# Words inside a name that make it an organisation.
ORG_WORDS = frozenset(
    """court service party organization organisation ministry council committee agency association bank
    company corp corporation inc ltd plc llc group university institute commission department union army
    police forces force authority reuters press network news times post journal guardian bbc cnn agency
    federation foundation fund board office parliament congress senate assembly government administration
    club league airlines airways hospital school college church petroleum oil energy motors bureau
    tribunal academy alliance coalition movement front brigade corps navy guard center centre trust""".split()
)
# Words inside a name that make it a place.
PLACE_WORDS = frozenset(
    """city county province state island islands river lake mountain mountains valley gulf sea ocean bay
    coast street avenue square airport port district region republic kingdom""".split()
)
# Capitalised words that are never names on their own.
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec i a an
    the this that these those he she it they we you his her its their our my mr mrs ms dr
    however meanwhile but and or so yet also then now in on at to for from by with after before
    despite although though while when where if as original source useful information like unlike
    i'm i've i'll i'd we're we've we'll you're they're it's that's there's""".split()
)
# Name particles that may stand lower case inside a name ("Organization of American States").
# Possessives that belong inside an organisation's name ("Cambodian People's Party", "Children's Hospital"):
# any other possessive inside a run of capitalised words ends one name and starts the next ("Hun Sen's
# Phnom Penh", "Ranariddh's FUNCINPEC").
NAME_POSSESSIVES = frozenset(
    """people women men children workers worker farmers veterans citizens nations king queen saint st lord
    god mother father martyrs fishermen traders teachers students""".split()
)
NAME_CONNECTORS = frozenset("of de del la da dos das van von der bin al el le du y".split())
# Verbs that introduce the speaker of a quote.
# Capitalised plural or group nouns that open a sentence as the subject of a speech verb ("Critics say") but
# name no one: not a quote's speaker.
COMMON_SPEAKERS = frozenset(
    """critics officials analysts experts residents witnesses police authorities observers diplomats sources
    aides supporters opponents protesters lawyers doctors officers investigators economists scientists
    others some many most people""".split()
)
SPEECH_VERBS = frozenset(
    """said says say told tells added adds explained explains stated states declared declares wrote
    writes noted notes insisted insists argued argues warned warns asked asks replied replies announced
    announces claimed claims recalled recalls continued continues commented comments""".split()
)
