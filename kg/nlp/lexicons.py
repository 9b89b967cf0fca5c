"""The data files that drive extraction, loaded once into phrase indexes.

Triggers, modality markers, offices, topic words, places and nationality adjectives all live in
data files (`data/lexicon/`, `data/gazetteer/`, `ontology/topics.ttl`); this module only reads
them, so extending coverage never needs a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from kg.arabic import noun_forms, normalize, tokens, verb_forms
from kg.gazetteer import Gazetteer
from kg.io import read_tsv
from kg.nlp.phrases import PhraseIndex
from kg.paths import GAZETTEER, LEXICON, ONTOLOGY


@dataclass(frozen=True)
class Trigger:
    form: str
    type: str
    pos: str
    frame: str
    needs_with: bool = False  # «استعرض X مع Y» is a meeting, «استعرض X المنحة» is not
    talk: bool = False  # «بحث», «مباحثات»: the parties talked, which a call in the same sentence may be
    held: bool = False  # «قمة»: a meeting only as the object of «عقد» («وعقد الزعيمان قمة»)
    visits_object: bool = False  # «زار»: its direct object is what is visited (a person met, a landmark's place)


@dataclass(frozen=True)
class Marker:
    form: str
    modality: str
    scope: str


@dataclass(frozen=True)
class Office:
    key: str
    label_en: str
    category: str
    label_ar: str  # the first Arabic form: used to label the position


@dataclass(frozen=True)
class PlaceRef:
    qid: str  # "" for a place of data/lexicon/places_extra.tsv (no Wikidata item)
    kind: str  # country | city | capital | region | territory
    iso2: str | None  # the country itself, or the country a city belongs to
    label_ar: str
    label_en: str | None


@dataclass
class Lexicons:
    triggers: PhraseIndex[Trigger]
    markers: PhraseIndex[Marker]
    offices: PhraseIndex[Office]
    # «رئيس وزراء إسرائيل», «وزير خارجية روسيا»: the construct state of an office, which names
    # the office only when a country follows (kg.nlp.mentions checks that).
    construct_offices: PhraseIndex[Office]
    places: PhraseIndex[PlaceRef]
    nationalities: PhraseIndex[str]  # adjective → iso2
    topics: PhraseIndex[str]  # word → topic concept id
    gazetteer: Gazetteer
    office_by_key: dict[str, Office]
    adjective_of: dict[str, str]  # iso2 → masculine adjective with article («الروسي»)
    common_words: frozenset[str]  # normalised ordinary words that never belong to a name
    given_names: frozenset[str]  # words that usually start a person's name, as written
    names_alone: frozenset[str] = frozenset()  # of those, surnames the corpora write alone («بوتين»), normalised
    marker_fillers: frozenset[str] = frozenset()  # words between a refusal and its trigger («مجرد تلقي»), normalised
    title_nationalities: dict[str, str] = field(default_factory=dict)  # normalised adjective → iso2, only after an office
    office_heads: frozenset[str] = frozenset()  # first words of the office titles («رئيس», «وزير», «مدير»), normalised
    name_tokens: frozenset[str] = frozenset()  # normalised words known as parts of personal names
    plural_parties: frozenset[str] = frozenset()  # «لاعبي», «القياديين»: nouns whose listed members meet as one party, normalised
    # «عمان»: normalised word → (qid the gazetteer reads, country whose capital it also names, that
    # country's cue words, the first reading's cue words) (data/lexicon/place_homonyms.tsv)
    place_homonyms: dict[str, tuple[str, str, frozenset[str], frozenset[str]]] = field(default_factory=dict)
    news_words: frozenset[str] = frozenset()  # normalised ordinary words of raw news (rarely in a name)
    mostly_not_names: frozenset[str] = frozenset()  # words read as part of a name under 20% of the time
    not_person_words: frozenset[str] = frozenset()  # «ووتش», «برس», «بحر»: an organisation, medium or place
    body_nouns: frozenset[str] = frozenset()  # «مجلس», «الحكومة»: a body whose session a meeting noun may be
    definite_given_names: frozenset[str] = frozenset()  # «الطيب», «الحبيب»: Maghreb given names with the article, normalised
    meal_nouns: frozenset[str] = frozenset()  # «عشاء», «مأدبة»: a meal of a meeting, whose attendees sat at it
    acronym_heads: frozenset[str] = frozenset()  # «وكالة … (سانا)»: a body whose short name follows in brackets
    topic_nouns: frozenset[str] = frozenset()  # «الأوضاع في غزة»: a city after them is the topic's, not the venue
    divine_names: frozenset[str] = frozenset()  # «الرحمن», «العزيز»: in a name only after «عبد», alone no person
    eponym_heads: frozenset[str] = frozenset()  # «شارع», «معهد», «حديقة»: a name after one names a place
    demonyms: frozenset[str] = frozenset()  # «روس», «ألمان», «عسكر»: broken-plural demonyms and collectives, never a person alone
    group_nouns: frozenset[str] = frozenset()  # «أنصار», «أتباع»: a group before a name, no part of it
    likely_surnames: frozenset[str] = frozenset()  # words news uses as names most of the time («السيسي»)
    person_cues: PhraseIndex[str] = field(default_factory=PhraseIndex)  # ranks, kinship, professions → kind
    benedictions: tuple[tuple[str, ...], ...] = ()  # «حفظه الله», «رحمه الله», «المعظم»: formulas and epithets that end a name
    # «فيديريكا موغيريني»: whole names of Wikidata officeholders (data/gazetteer/persons.tsv), normalised
    known_full_names: frozenset[str] = frozenset()
    # «المملكة», «القطاع»: normalised noun → (countries it may name, the place it names, places inside that one)
    place_anaphors: dict[str, tuple[frozenset[str], str | None, frozenset[str]]] = field(default_factory=dict)

    def is_name_word(self, norm: str) -> bool:
        """A normalised word that Wikidata knows as part of a person's name («بومبيو», «لافروف»),
        with or without the article («السيسي» as «سيسي»)."""
        return norm in self.name_tokens or (norm.startswith("ال") and norm[2:] in self.name_tokens) or (
            # «عبدالوهاب», «عبدالرحيم»: «عبد» glued to one of God's names is a given name
            norm.startswith("عبدال") and norm[3:] in self.divine_names)

    def is_name_word_spelled_otherwise(self, norm: str) -> bool:
        """A word of five letters or more that is a known name word with one long vowel less or
        more, as transliterations write or leave it out («وليام» for «ويليام», «يعالون» for «يعلون»)."""
        if len(norm) < 5:
            return False
        return norm in _one_vowel_less(self.name_tokens) or any(
            norm[i] in "اوي" and norm[:i] + norm[i + 1:] in self.name_tokens for i in range(1, len(norm) - 1))


@lru_cache(maxsize=2)
def _one_vowel_less(name_tokens: frozenset[str]) -> frozenset[str]:
    """Every name word of six letters or more with one inner long vowel (ا، و، ي) left out
    («ويليام» → «وليام»), computed once per lexicon."""
    return frozenset(w[:i] + w[i + 1:] for w in name_tokens if len(w) >= 6 for i in range(1, len(w) - 1) if w[i] in "اوي")


def construct_form(form: str) -> str | None:
    """The construct state of an office form: the article dropped from its last word
    («رئيس الوزراء» → «رئيس وزراء», «الرئيس» → «رئيس»), as in «رئيس وزراء إسرائيل». None when
    the last word has no article («نائب رئيس الجمهورية» keeps one: «نائب رئيس جمهورية» is
    not news Arabic, but «نائب رئيس وزراء» is, so only the last word changes)."""
    words = form.split()
    if not words or not words[-1].startswith("ال") or len(words[-1]) < 4:
        return None
    return " ".join(words[:-1] + [words[-1][2:]])


def feminine_title(form: str, heads: frozenset[str]) -> str | None:
    """The feminine of an office form whose first word is a masculine head of `heads` («رئيس
    مجلس الوزراء» → «رئيسة مجلس الوزراء»): the first word only, since the rest of the title
    belongs to the office, not its holder; None for any other form."""
    words = form.split()
    if not words:
        return None
    article = "ال" if words[0].startswith("ال") else ""
    head = words[0][len(article):]
    if head not in heads:
        return None
    return " ".join([article + head + "ة"] + words[1:])


def _word_list(path: Path) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _person_cues(path: Path) -> PhraseIndex[str]:
    idx: PhraseIndex[str] = PhraseIndex()
    if path.exists():
        for row in read_tsv(path):
            idx.add(row["form"], row["kind"])
    return idx


def _topics(path: Path) -> PhraseIndex[str]:
    idx: PhraseIndex[str] = PhraseIndex()
    if not path.exists():
        return idx
    g = Graph().parse(path)
    for concept in sorted(set(g.subjects(SKOS.inScheme, None))):
        cid = str(concept).rsplit("/", 1)[-1]
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(concept, prop):
                if getattr(label, "language", None) == "ar":
                    idx.add(str(label), cid)
    return idx


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    triggers: PhraseIndex[Trigger] = PhraseIndex()
    for row in read_tsv(LEXICON / "triggers.tsv"):
        triggers.add(row["form"], Trigger(row["form"], row["type"], row["pos"], row["frame"], talk=row.get("medium") == "talk",
                                          held=row.get("held") == "yes"))
    # Lemma rows expanded into their inflected forms; a form triggers.tsv lists already keeps its row.
    if (LEXICON / "trigger_verbs.tsv").exists():
        for row in read_tsv(LEXICON / "trigger_verbs.tsv"):
            skip = set(filter(None, row.get("skip", "").split("|")))
            for form in verb_forms(row["past"], row["present"], objects=row.get("objects", "yes") != "no"):
                if form not in triggers and form not in skip:
                    triggers.add(form, Trigger(form, row["type"], "verb", row["frame"], needs_with=row.get("with") == "yes",
                                               talk=row.get("medium") == "talk", visits_object=row.get("direct_object") == "visited"))
    if (LEXICON / "trigger_nouns.tsv").exists():
        for row in read_tsv(LEXICON / "trigger_nouns.tsv"):
            for form in noun_forms(row["noun"]):
                if form not in triggers:
                    triggers.add(form, Trigger(form, row["type"], "noun", row["frame"], talk=row.get("medium") == "talk"))
    markers: PhraseIndex[Marker] = PhraseIndex()
    fillers: set[str] = set()
    for row in read_tsv(LEXICON / "modality.tsv"):
        if row["scope"] == "between":
            fillers.add(normalize(row["form"]))
        elif row["scope"] != "prefix":
            markers.add(row["form"], Marker(row["form"], row["modality"], row["scope"]))

    gaz = Gazetteer.load()
    offices: PhraseIndex[Office] = PhraseIndex()
    construct: PhraseIndex[Office] = PhraseIndex()
    office_by_key: dict[str, Office] = {}
    feminine_heads = frozenset(_word_list(LEXICON / "feminine_title_heads.txt"))

    def with_feminines(forms: list[str]) -> list[str]:
        # «رئيس مجلس الوزراء» also as «رئيسة مجلس الوزراء» (data/lexicon/feminine_title_heads.txt)
        return list(dict.fromkeys(forms + [f for f in (feminine_title(form, feminine_heads) for form in forms) if f]))

    for off in gaz.offices():
        forms = [f for f in off.forms_ar if f.strip()]
        office = Office(off.key, off.label_en, off.category, forms[0] if forms else off.key)
        office_by_key[off.key] = office
        for form in with_feminines(forms):
            if offices.get(form) is None:
                offices.add(form, office)
    for off in gaz.offices():
        for form in with_feminines([f for f in off.forms_ar if f.strip()]):
            bare = construct_form(form)
            if bare and bare not in offices:
                construct.add(bare, office_by_key[off.key])

    places: PhraseIndex[PlaceRef] = PhraseIndex(split_words=True)
    # Countries before capitals before cities, larger first: the first place added for a form
    # wins, so «الكويت» is the country and «غزة» the larger of the places it names.
    order = {k: n for n, k in enumerate(("country", "capital", "city", "territory", "region"))}
    for place in sorted(gaz.all_places(), key=lambda p: (order.get(p.kind, 9), -(p.population or 0), p.qid)):
        iso2 = place.iso2 if place.kind == "country" else gaz.qid_to_iso(place.qid)
        ref = PlaceRef(place.qid, place.kind, iso2, place.label_ar, place.label_en or None)
        for form in place.forms_ar:
            key = " ".join(tokens(form))
            if key in place.common_keys:
                continue  # a one-word form that is mostly an ordinary word in news
            places.add(form, ref)
    # places the extract lacks (data/lexicon/places_extra.tsv): no QID; a form a place above has wins
    for place in gaz.extra_places:
        ref = PlaceRef("", place.kind, place.iso2, place.label_ar, place.label_en)
        for form in place.forms_ar:
            if places.get(form) is None:
                places.add(form, ref)

    nationalities: PhraseIndex[str] = PhraseIndex()
    adjective_of: dict[str, str] = {}
    for nat in gaz.nationalities():
        nationalities.add(nat.adjective, nat.iso2)
        if nat.adjective.startswith("ال") and not nat.adjective.endswith("ة") and nat.iso2 not in adjective_of:
            adjective_of[nat.iso2] = nat.adjective
    return Lexicons(
        triggers=triggers,
        markers=markers,
        marker_fillers=frozenset(fillers),
        title_nationalities={normalize(r["adjective"]): r["iso2"] for r in read_tsv(LEXICON / "nationalities_after_title.tsv")},
        # every form's first word: the feminine («وزيرة») heads a title as the masculine does
        office_heads=frozenset(normalize(tokens(f)[0]) for off in gaz.offices() for f in off.forms_ar if tokens(f)),
        offices=offices,
        construct_offices=construct,
        places=places,
        nationalities=nationalities,
        topics=_topics(ONTOLOGY / "topics.ttl"),
        gazetteer=gaz,
        office_by_key=office_by_key,
        adjective_of=adjective_of,
        common_words=_word_list(LEXICON / "common_words.txt"),
        given_names=_word_list(LEXICON / "given_names.txt"),
        names_alone=frozenset(normalize(w) for w in _word_list(LEXICON / "names_alone.txt")),
        plural_parties=frozenset(normalize(w) for w in _word_list(LEXICON / "plural_parties.txt")),
        place_homonyms={normalize(r["word"]): (r["qid"], r["alt_iso2"], frozenset(normalize(w) for w in r["alt_cues"].split()),
                                               frozenset(normalize(w) for w in r["cues"].split()))
                        for r in read_tsv(LEXICON / "place_homonyms.tsv", ["word", "qid", "alt_iso2", "alt_cues", "cues"])},
        name_tokens=_word_list(LEXICON / "name_tokens.txt"),
        news_words=_word_list(LEXICON / "news_words.txt"),
        mostly_not_names=frozenset(r["word"] for r in read_tsv(LEXICON / "mostly_not_names.tsv"))
        if (LEXICON / "mostly_not_names.tsv").exists() else frozenset(),
        not_person_words=frozenset(normalize(r["word"]) for r in read_tsv(LEXICON / "not_person_words.tsv"))
        if (LEXICON / "not_person_words.tsv").exists() else frozenset(),
        likely_surnames=frozenset(r["word"] for r in read_tsv(LEXICON / "likely_surnames.tsv"))
        if (LEXICON / "likely_surnames.tsv").exists() else frozenset(),
        person_cues=_person_cues(LEXICON / "person_cues.tsv"),
        eponym_heads=frozenset(normalize(w) for w in _word_list(LEXICON / "eponym_heads.txt")),
        divine_names=frozenset(normalize(w) for w in _word_list(LEXICON / "divine_names.txt")),
        body_nouns=frozenset(normalize(w) for w in _word_list(LEXICON / "body_nouns.txt")),
        definite_given_names=frozenset(normalize(w) for w in _word_list(LEXICON / "definite_given_names.txt")),
        meal_nouns=frozenset(normalize(w) for w in _word_list(LEXICON / "meal_nouns.txt")),
        place_anaphors={normalize(r["word"]): (frozenset(r["iso2"].split()), r["qid"] or None, frozenset(r["after"].split()))
                        for r in read_tsv(LEXICON / "place_anaphors.tsv", ["word", "iso2", "qid", "after"])},
        acronym_heads=frozenset(normalize(w) for w in _word_list(LEXICON / "acronym_heads.txt")),
        topic_nouns=frozenset(normalize(w) for w in _word_list(LEXICON / "topic_nouns.txt")),
        demonyms=frozenset(normalize(r["word"]) for r in read_tsv(LEXICON / "group_words.tsv") if r["kind"] in {"demonym", "collective"}),
        group_nouns=frozenset(normalize(r["word"]) for r in read_tsv(LEXICON / "group_words.tsv") if r["kind"] == "group"),
        benedictions=tuple(sorted({tuple(tokens(w)) for f in ("benedictions.txt", "ruler_epithets.txt") for w in _word_list(LEXICON / f)},
                                  key=len, reverse=True)),
        known_full_names=_known_full_names(GAZETTEER / "persons.tsv"),
    )


def _known_full_names(path: Path, most: int = 8) -> frozenset[str]:
    """Whole names of two words or more of the officeholders in the person gazetteer
    (scripts/build_persons.py): their Arabic labels and aliases, and the Arabic spellings generated
    from their English names (a word's candidates apart by «/», at most `most` spellings a
    name; a name with a word it could not spell, «_», is left out). A run of words that is one of
    them is a person however rarely the model tags its words («فيديريكا موغيريني»)."""
    if not path.exists():
        return frozenset()
    out: set[str] = set()
    for row in read_tsv(path):
        forms = [f for col in ("label_ar", "aliases_ar") for f in (row.get(col) or "").split("|") if f]
        for variant in (row.get("generated_ar") or "").split("|"):
            words = [w.split("/") for w in variant.split()]
            if len(words) < 2 or any("_" in c for c in words):
                continue
            spelled = [[]]
            for cands in words:
                spelled = [s + [c] for s in spelled for c in cands][:most]
            forms += [" ".join(s) for s in spelled]
        for form in forms:
            words = [normalize(w) for w in tokens(form)]
            if len(words) >= 2:
                out.add(" ".join(words))
    return frozenset(out)
