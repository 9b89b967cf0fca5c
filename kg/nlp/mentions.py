"""Entity mentions of one article: persons (NER + titles), places (gazetteer), organisations (NER),
roles read from titles, and within-article coreference of short forms.

Output is per-token bookkeeping that the event extractor needs (which entity a token refers to,
by name or by title) plus the article's EntityRecords.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from kg.arabic import NASAB, clitic_readings, imperfect_dual_or_plural, match_key, normalize, phonetic_key, tokens, with_article_written
from kg.nlp.dates import time_words
from kg.nlp.lexicons import Lexicons, Office, PlaceRef
from kg.nlp.phrases import TokenView
from kg.records import EntityRecord, Mention, Role, Span

# Words that cannot be part of a personal name that follows a title: prepositions, conjunctions,
# temporal words, verbs of saying/arriving that often follow the name. Kept short on purpose:
# unknown words are allowed, the name stops at punctuation or at one of these.
NAME_STOP = set(
    tokens(
        """في إلى الى على عن من مع أن إن ان بأن خلال لدى عند قد كان كانت وكان اليوم أمس غدا يوم
        الذي التي الذين والوفد الوفد المرافق له لها الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد
        فجر صباح مساء وصل يصل قال أكد أعلن أشار أضاف أعرب بحث التقى استقبل زار لزيارة زيارة هذا هذه
        السيد والسيد الدكتور سماحة فخامة دولة معالي سعادة نظيره نظيرته رئيس وزير نائب مستشار سكرتير
        أمين حيث بين و أو ثم بعد قبل منذ حول بشأن لبحث بضمنها عبر ضمن بالإضافة وفد ووفد وفدا الأخ الاخ حسب وفق وفقا
        بي معي مني عني"""
    )
)
# «علي» as written (dotted ي) is the name Ali; normalised it is «على» (on), a common word
ALI_FORMS = {"علي", "وعلي"}
# Stop words that are also given names, read as names after «بن» («إياد بن أمين مدني»)
OFFICE_NAMES = set(tokens("أمين"))
POSTED_TO_CATEGORIES = frozenset(("envoy", "ambassador"))  # offices whose title goes on «إلى/لدى» + a place
COMPASS_WORDS = set(tokens("شرق غرب شمال جنوب شرقي غربي شمالي جنوبي وسط"))  # before a place: «شرق سوريا»
HONORIFICS = set(tokens("السيد السيدة الدكتور المهندس الراحل المرحوم الفقيد الشهيد سماحة فخامة دولة معالي سعادة سمو الشيخ الأمير السابق السابقة الأسبق الأخ الاخ "
                        "المخلوع المعزول الدكتورة المهندسة الراحلة المرحومة الفقيدة الشهيدة الشيخة الأميرة اللورد السير البارونة"))  # «الرئيس المخلوع علي صالح»: an epithet, like «الراحل»; «سمو الشيخ»: his Highness
# Honorifics that follow a name («الرئيس السابق»), so that inside a name they open no next one
EPITHETS_AFTER = set(tokens("السابق السابقة الأسبق المخلوع المعزول"))
# «النائب جميل السيد», «رضوان السيد»: an honorific that is also a family name, read as one at a name's
# end when no name follows it
SURNAME_HONORIFICS = set(tokens("السيد"))
# «دولة قطر الشقيقة», «جمهورية الهند الصديقة»: epithets of a country (sisterly, friendly) that
# follow its name; «الصديقة» is also a Wikidata name word, so no word list keeps it out of a name
COUNTRY_EPITHETS = set(tokens("الشقيقة الصديقة الشقيق الصديق الشقيقتين الصديقتين"))
# Honorifics of princes and sheikhs that introduce a name as a title does («الشيخ صباح الأحمد
# الجابر الصباح», «الأمير تركي الفيصل»): the name after them is read whole, over a first word that is
# also an ordinary or time word («صباح»: morning), when some word of it is a name word
NAME_HONORIFICS = set(tokens("الشيخ الشيخة الأمير الأميرة"))
# «المسؤول الروسي», «الوزيرة الأمريكية»: heads of a nominal reference to the one person of a nationality
NOMINAL_HEADS = set(tokens("المسؤول الضيف الوزير الرئيس المبعوث المسؤولة الضيفة الوزيرة الرئيسة المبعوثة ضيفه ضيفها ضيفته"))  # «مع ضيفه البرازيلي»: his guest
# «مع», «وبين»: a person after them is a party of his own, never the holder of the title before
WITH_PREPOSITIONS = set(tokens("مع ومع وبين"))
# Styles written after a name: «سعد زغلول باشا», «فلان بك», «فلان أفندي» (no part of the name)
STYLES_AFTER = set(tokens("باشا بك بيك أفندي افندي"))
# Words inside compound names: «فيصل بن فرحان», «عبد اللطيف رشيد», «محمد بن عبد الرحمن آل ثاني».
NAME_LINKS = set(tokens("بن بنت ابن ولد عبد أبو ابو آل"))  # «ولد»: the Mauritanian «son of»
# «ماهر مخلوف ابن خال الرئيس», «ابن خاله نجيب»: after «ابن/بنت» a kinship noun makes a relation
# (a cousin, a nephew), not the father's name of a nasab.
KIN_LINKS = set(tokens("ابن بن بنت ابنه"))
KIN_AFTER_LINK = set(tokens("خال خاله خالها خالهم عم عمه عمها عمهم أخ أخي أخيه أخيها أخت أخته أختها شقيق شقيقه شقيقها شقيقة عمة خالة"))
# A title with one of these is a former holder's: a bare title refers to the present one.
FORMER_WORDS = set(tokens("السابق السابقة الأسبق الأسبقة الراحل الراحلة المخلوع المخلوعة"))
AFFAIRS_WORDS = set(tokens("لشؤون لشئون"))  # «… لشؤون الشرق الأدنى»: the field of an office
HYPHENS = {"-", "‐", "‑"}  # ASCII hyphen, Unicode hyphen, non-breaking hyphen
# Korean and Vietnamese names have three syllables, each written as a word; some syllables are
# also Arabic function words («إن» in «مون جاي إن», «هو» in «ري يونج هو», «هي», «وا» in «كانغ كيونغ وا»,
# «بين» in «فام بين مين»).
SYLLABLE_NAME_COUNTRIES = frozenset(("KR", "KP", "VN"))
SYLLABLE_WORDS = set(tokens("إن ان هو هي وا بين"))
# Offices after which an adjective of nationalities_after_title.tsv is a nationality: offices of a
# state («الرئيس المالي», «وزير الخارجية المالي»), not those a trade shares («المستشار المالي»:
# a financial adviser; «المتحدث», «المحافظ», «الأمين العام»).
TITLE_NATIONALITY_CATEGORIES = frozenset((
    "head_of_state", "deputy_head_of_state", "head_of_government", "deputy_head_of_government", "minister",
    "deputy_minister", "foreign_minister", "defence_minister", "interior_minister", "ambassador", "envoy",
    "speaker", "deputy_speaker", "king", "emir", "crown_prince", "military_chief", "commander_in_chief"))
# Nominal heads after which such an adjective refers back to a person of that nationality
# («الوزير المالي», «الرئيس المالي»), not «المسؤول المالي» (a finance official).
TITLE_NATIONALITY_HEADS = set(tokens("الوزير الرئيس الضيف الوزيرة الرئيسة السفير"))
# «نظيره الأردني أيمن الصفدي»: a counterpart, then optionally a nationality, then the name.
PLURAL_COUNTERPARTS = set(tokens("نظيراه نظيراها نظيريه نظرائه"))
COUNTERPARTS = set(tokens("نظيره نظيرته نظيرها نظيريه نظيراه نظيراها نظرائه نظيري نظيرتي نظيرنا"))  # «التقيت نظيري …»: in a quote; «ونظيراه»: his two counterparts
# Words before a person that make the person a topic of the sentence, not an actor in it:
# «تحيات الرئيس الروسي»، «رسالة خطية من رئيس حكومة روسيا».
NON_ACTOR_CUES = set(tokens("تحيات تحية رسالة رسالته رغبة تطلع باسم نيابة عن من باسمه"))
# Offices held under someone else («مستشار الرئيس», «مدير ديوان الملك», «مبعوث الأمين العام»): the name
# after the principal's title, when a person is named right before the office, is the principal's
SUBORDINATE_OFFICES = set(tokens("مستشار مستشارة كبير مدير مبعوث مبعوثة ممثل ممثلة سكرتير المستشار المبعوث الممثل مساعد مساعدة"))
OFFICE_OF = set(tokens("ديوان مكتب"))
PRINCIPAL_TITLES = set(tokens("الرئيس الملك الأمير العاهل السلطان الأمين ولي رئيس"))
# «… مع بوتين وليس (مع) لافروف», «دون لافروف»: the person after a negation was not part of it
NON_ACTOR_CUES |= set(tokens("وليس ليس لا دون بدون"))
# «نقلت الوكالة عن X قوله إنه التقى …»: after «عن» and before his «saying», X is the speaker who acts
QUOTED_SAYING = set(tokens("قوله قولها قولهم قولهما تأكيده تأكيدها تصريحه إشارته"))
# Stops told from a name by their hamza only: «أمام» (in front of) is «إمام» (imam, a surname) normalised
WRITTEN_STOPS = {"أمام", "وأمام"}
# «كي» (so that) and «كى»: after «بان» they make «بان كي مون», not «بأن كي» (ungrammatical)
BAN_PARTICLES = set(tokens("كي كى"))
# «الجميع», «الكل» (everyone, all): definite words that are never a family name after «بن X»
QUANTIFIERS = set(tokens("الجميع الكل"))
# Words that go on a military rank: retired, reserve, staff («الفريق متقاعد», «الجنرال احتياط», «العقيد ركن»,
# «اللواء أركان حرب»)
RANK_MODIFIERS = set(tokens("متقاعد المتقاعد احتياط الاحتياط ركن الركن أركان حرب"))
# «سموه», «معاليه»: an honorific with «his», and the honorific words that name its person before
HONORIFIC_PRONOUNS = {normalize(k): set(tokens(v)) for k, v in {
    "سموه": "سمو السمو", "سموها": "سمو السمو", "معاليه": "معالي", "سعادته": "سعادة", "فخامته": "فخامة",
    "جلالته": "جلالة", "دولته": "دولة", "سيادته": "سيادة", "سماحته": "سماحة"}.items()}
# «الأخير» (the latter) after an event word names the person named last
LATTER = set(tokens("الأخير الأخيرة"))
# what may stand before «الأخير» as a subject: «أن الأخير تلقى», «وكان الأخير قد التقى»
LATTER_OPENERS = set(tokens("أن إن وأن وإن فإن لأن بأن كان وكان كما ثم حيث فيما بينما"))
# The form of a state before its name in formal titles («ملك مملكة البحرين», «أمير دولة قطر»)
STATE_FORMS = set(tokens("مملكة دولة جمهورية سلطنة إمارة المملكة الدولة الجمهورية السلطنة الإمارة"))
# A head of state's style after an office names the state whose office it is: «سفير خادم الحرمين
# الشريفين» (the Custodian of the Two Holy Mosques: the Saudi king) is Saudi Arabia's ambassador
STATE_STYLES = ((tuple(tokens("خادم الحرمين الشريفين")), "SA"),)
# «حط X رحاله في Y» (set down his saddlebags: arrived): after «حط» the saddlebags end the name
# («الرحال» is also a family name)
SET_DOWN = set(tokens("حط حطت"))
SADDLEBAGS = set(tokens("رحاله رحالها رحالهم الرحال رحالهما"))
# Regnal numbers («عبد الله الثاني», «محمد السادس»): ordinals, rarely names, yet part of a monarch's name
REGNAL = set(tokens("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر"))
# Words a page glues to the name before them when a space is lost («غريفيثفي», «طلالقام»); longest first
GLUED_TAILS = tuple(sorted(set(tokens("في من على عن إلى قام قال وقال أكد")), key=len, reverse=True))
PERSON_LABELS = {"PER", "PERS", "PERSON"}
ORG_LABELS = {"ORG", "ORGANIZATION"}


# «ولاية صفاقس», «مدينة سوتشي», «جزيرة كريت»: words for a kind of place between a preposition and the place's name
PLACE_KIND_WORDS = frozenset(tokens("جزيرة الجزيرة مدينة المدينة منطقة ولاية مقاطعة إقليم بلدة قرية محافظة"))


@dataclass
class TokenRef:
    """A stretch of tokens that refers to an entity of the article."""

    start: int
    end: int
    entity: str  # EntityRecord.local_id
    how: str  # name | title | place | org
    actor: bool = True  # False when the text only speaks *about* the entity


@dataclass
class TitleMatch:
    start: int
    end: int
    office: Office
    country: str | None
    text: str
    start_char: int
    end_char: int


@dataclass
class ArticleMentions:
    entities: list[EntityRecord] = field(default_factory=list)
    refs: list[TokenRef] = field(default_factory=list)  # sorted by start
    titles: list[TitleMatch] = field(default_factory=list)
    view: TokenView | None = None

    def refs_in(self, start: int, end: int) -> list[TokenRef]:
        return [r for r in self.refs if r.start >= start and r.end <= end]

    def by_id(self, local_id: str) -> EntityRecord:
        for e in self.entities:
            if e.local_id == local_id:
                return e
        raise KeyError(local_id)


def _sentence_spans(doc: Doc, view: TokenView) -> list[Span]:
    """The sentence (character span, trailing space trimmed) of every token, computed once."""
    out: list[Span] = [Span(0, 0)] * len(doc)
    text = view.doc_text
    for sent in view.sentences:
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        for i in range(sent.start, sent.end):
            out[i] = Span(start, end)
    return out


def _clean_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Trim punctuation, spaces and guillemets at the edges of a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def title_like(sent: SpacySpan) -> bool:
    """Short (at most 12 words) and with no final stop: how a title line reads. A closing quote
    is looked through where no colon introduces the quote («… ويعتبر زيارته «إعلاناً عن نوايا»» is a
    headline; «وقال: «سنواصل الحوار»» is a quoted line)."""
    text = sent.text.strip()
    if ":" not in text:
        text = text.rstrip("\"»”")
    return text[-1:] not in ".!?؟:\"»”" and sum(t.is_alpha for t in sent) <= 12


def title_line(sent: SpacySpan) -> bool:
    """A line of its own that reads as a title: the article's headline, or another story's."""
    doc = sent.doc
    if not sent.text.strip():
        return False
    line_start = sent.start == 0 or "\n" in doc[sent.start - 1].text or "\n" in doc[sent.start - 1].whitespace_
    line_end = sent.end >= len(doc) or doc[sent.end - 1].is_space or "\n" in doc[sent.end - 1].whitespace_ or (sent.end < len(doc) and doc[sent.end].is_space)
    return line_start and line_end and title_like(sent)


class _Builder:
    def __init__(self, doc: Doc, lex: Lexicons) -> None:
        self.doc = doc
        self.lex = lex
        self.out = ArticleMentions()
        self.by_key: dict[tuple[str, str], str] = {}
        self.taken: set[int] = set()
        self.view = TokenView(doc)
        self.toks = self.view.tokens
        self.out.view = self.view
        self.ents = _join_across_name_word(doc, _join_adjacent_persons(doc, list(doc.ents), lex), lex)
        self.sent_spans = _sentence_spans(doc, self.view)
        self.text = self.view.doc_text
        v = self.view
        self.vocab = {v.norm[i] for i in range(len(v)) if not v.is_punct[i] and not v.is_space[i]}
        # Words the NER model tags as (part of) a person here win over the common-word list.
        self.known_names = {normalize(t.text) for e in doc.ents if e.label_ in PERSON_LABELS for t in e}
        self._full_name_end: dict[int, int] = {}  # token → end of the officeholder's whole name starting there
        self._ner_person_tokens = {t.i for e in doc.ents if e.label_ in PERSON_LABELS for t in e}
        # tokens of title lines (short, no final stop), where the subject comes before its verb
        self._headline_tokens = {t.i for sent in self.view.sentences if title_line(sent) for t in sent}
        self._title_words = {w for off in lex.office_by_key.values() for w in tokens(off.label_ar)}
        self.anchored: set[str] = set()  # persons named right after a title or «نظيره»
        self.counterparts: set[str] = set()  # persons named right after «نظيره» (someone's counterpart)
        self.kin: set[str] = set()  # persons introduced by a kinship word («زوجته صوفي …»)
        self._kin_starts: set[int] = set()
        self.cue_tokens: set[int] = set()  # tokens of a rank, kinship word or profession
        self._given_norm = {normalize(w) for w in lex.given_names}
        self._first_names = self._given_norm - lex.names_alone  # given names that need a surname after them

    # -- entity bookkeeping ----------------------------------------------------------------
    def new_entity(self, type_: str, name: str) -> EntityRecord:
        prefix = {"Person": "p", "Organization": "o"}.get(type_, "l")
        ent = EntityRecord(local_id=f"{prefix}{len(self.out.entities) + 1}", type=type_, name=name)  # type: ignore[arg-type]
        self.out.entities.append(ent)
        return ent

    def add_mention(self, ent: EntityRecord, start_char: int, end_char: int, tok: Token, rename: bool = True) -> None:
        text = " ".join(self.text[start_char:end_char].split())  # «مايك  بنس» (a hashtag read as a space)
        span = Span(start_char, end_char)
        if any(m.span == span for m in ent.mentions):
            return
        ent.mentions.append(Mention(text=text, span=span, sentence=self.sent_spans[tok.i]))
        if rename and len(tokens(text)) > len(tokens(ent.name)):
            ent.name = text

    # -- places ------------------------------------------------------------------------------
    def places(self) -> None:
        ner_person = {t.i for e in self.ents if e.label_ in PERSON_LABELS for t in e}
        in_long_name = {t.i for e in self.ents if e.label_ in PERSON_LABELS and len(e) > 1 for t in e}
        name_from = {e.start: (e.start, e.end) for e in self.ents if e.label_ in PERSON_LABELS and len(e) > 1}
        for m in self.lex.places.find(self.view):
            ref: PlaceRef = self._homonym_reading(m.start, m.end, m.payload)
            if ref.kind == "city" and m.end - m.start == 1 and m.start in ner_person and (
                    m.start in in_long_name or not self._after_place_preposition(m.start)):
                continue  # «هايكو ماس» (Heiko Maas, not Haikou): a city name the model reads as a person
                # («في سوتشي»: after «في/إلى/من» a one-word span is the place, whatever the model says)
            if m.end - m.start == 1 and m.start in in_long_name and m.start + 1 in in_long_name:
                continue  # «جورجيا ميلوني»: a place name that begins a longer person's name
            if self._article_peeled(m):
                continue  # «الدعم المالي», «الجانب الجيبوتي»: an adjective, not «مالي» or «جيبوتي»
            if self._word_peeled_to_place(m):
                continue  # «وبابا الفاتيكان» is «and the Pope», not «و» + «ب» + Aba («آبا»)
            if ref.kind != "country" and m.end - m.start > 1 and name_from.get(m.start, (m.start, m.start))[1] > m.end \
                    and name_from[m.start][0] == m.start:
                continue  # «نور سلطان نزارباييف»: a city of two words that begins a longer person's name
            type_ = "Country" if ref.kind == "country" else ("City" if ref.kind in {"city", "capital"} else "Place")
            key = ("place", ref.qid or "extra:" + (ref.label_en or ref.label_ar))
            local = self.by_key.get(key)
            if local is None:
                name = self.text[m.start_char : m.end_char]
                written_back = with_article_written(name)
                if written_back != name and normalize(tokens(written_back)[0]) in self.view.readings(m.start):
                    name = written_back  # «للمغرب» names «المغرب»: the reading the gazetteer matched
                ent = self.new_entity(type_, name)
                if ref.qid:
                    ent.wikidata = ref.qid
                    ent.link_method = "gazetteer-label"
                ent.country = ref.iso2
                self.by_key[key] = local = ent.local_id
            ent = self.out.by_id(local)
            self.add_mention(ent, m.start_char, m.end_char, self.doc[m.start])
            written = " ".join(self.text[m.start_char : m.end_char].split())
            if normalize(written) == normalize(ref.label_ar) != normalize(ent.name):
                ent.name = written  # «قصر اليمامة بالرياض»: the place is named by its label once the text writes it
            self.out.refs.append(TokenRef(m.start, m.end, local, "place"))
            self.taken.update(range(m.start, m.end))
        self._capitals()
        self._destinations_the_gazetteer_lacks()
        self._place_anaphors()

    def _homonym_reading(self, start: int, end: int, ref: PlaceRef) -> PlaceRef:
        """The other place a homonym names where the article tells of that place's country and not
        of the gazetteer's reading («العاهل الأردني … في عمان»: Amman, not Oman;
        data/lexicon/place_homonyms.tsv)."""
        if end - start != 1:
            return ref
        word = next((r for r in self.view.readings(start) if r in self.lex.place_homonyms), None)
        if word is None:
            return ref
        qid, alt_iso, alt_cues, cues = self.lex.place_homonyms[word]
        if ref.qid != qid or not (self.vocab & alt_cues) or (self.vocab & cues):
            return ref
        capital = self.lex.gazetteer.capital_of(alt_iso)
        if capital is None:
            return ref
        return PlaceRef(capital.qid, "capital", alt_iso, capital.label_ar, capital.label_en)

    def _after_place_preposition(self, k: int) -> bool:
        """«في», «إلى» or «من» stands before token k, over a word that names a kind of place
        («إلى ولاية صفاقس», «في مدينة سوتشي»)."""
        j = k - 1
        if j >= 0 and self.view.norm[j] in PLACE_KIND_WORDS:
            j -= 1
        return j >= 0 and self.view.norm[j] in {"في", "الي", "من"}

    def _word_peeled_to_place(self, m) -> bool:
        """A one-word place read only by peeling a preposition («ب», «ل», «ك») off a word that,
        with no more than «و/ف» off, is an ordinary word of the lexicons: the word, not the place."""
        if m.end - m.start != 1:
            return False
        tok = self.doc[m.start]
        whole = self.view.norm[m.start]
        conj = 1 if whole[:1] in {"و", "ف"} and len(whole) > 3 else 0
        if m.start_char - tok.idx <= conj:
            return False
        return whole[conj:] in self.lex.common_words

    def _refer_to_place(self, key: tuple[str, str], new, start: int, end: int, rename: bool = True) -> None:
        """Tokens start..end refer to the place node of `key`, made by `new()` the first time
        (places by name, capitals by country, anaphors by the place told before)."""
        local = self.by_key.get(key)
        if local is None:
            self.by_key[key] = local = new().local_id
        self.add_mention(self.out.by_id(local), self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text),
                         self.doc[start], rename=rename)
        self.out.refs.append(TokenRef(start, end, local, "place"))
        self.taken.update(range(start, end))

    def _place_anaphors(self) -> None:
        """«وصل إلى المملكة», «زار القطاع»: a definite noun of data/lexicon/place_anaphors.tsv
        names the place told before it (the country of the last place named, if it is one the
        noun may name; or the noun's own place once it or a place inside it was named)."""
        doc, gaz = self.doc, self.lex.gazetteer
        if not self.lex.place_anaphors:
            return
        for i in range(len(doc)):
            if i in self.taken:
                continue
            word = next((r for r in self.view.readings(i)[:3] if r in self.lex.place_anaphors), None)
            if word is None:
                continue
            isos, qid, inside = self.lex.place_anaphors[word]
            earlier = [r for r in self.out.refs if r.how == "place" and r.end <= i]
            target: tuple[str, str, str | None] | None = None  # (qid, type, iso2)
            for r in reversed(earlier):
                ent = self.out.by_id(r.entity)
                if qid is not None and ent.wikidata in {qid} | inside:
                    place = gaz.place(qid)
                    if place is not None:
                        target = (qid, "Place" if place.kind not in {"country", "city", "capital"} else ent.type, ent.country)
                    break
                if isos and ent.country in isos:
                    country_qid = gaz.iso_to_qid(ent.country)
                    if country_qid is not None:
                        target = (country_qid, "Country", ent.country)
                    break
            if target is None:
                continue
            qid, type_, iso = target

            def node(qid=qid, type_=type_, iso=iso) -> EntityRecord:
                ent = self.new_entity(type_, gaz.place(qid).label_ar)
                ent.wikidata, ent.link_method, ent.country = qid, "gazetteer-anaphor", iso
                return ent

            self._refer_to_place(("place", qid), node, i, i + 1, rename=False)
        self.out.refs.sort(key=lambda r: r.start)

    def _destinations_the_gazetteer_lacks(self) -> None:
        """«توجه السيسي إلى جزيرة كريت اليونانية»: a place the model tags (LOC) right after «إلى»
        (a descriptor such as «جزيرة», «مدينة» between) is a place of the article even when the
        gazetteer lacks it, so a visit can go there. It has no Wikidata item and no country; its
        words must be none the lexicons know as ordinary."""
        for e in self.ents:
            if e.label_ != "LOC" or any(i in self.taken for i in range(e.start, e.end)):
                continue
            k = e.start - 1
            while k >= 0 and (self.doc[k].is_space or self.view.norm[k] in PLACE_KIND_WORDS):
                k -= 1
            if k < 0 or self.view.norm[k] not in {"الي"}:
                continue
            if any(not self.doc[i].is_alpha or self.is_common(self.doc[i].text) for i in range(e.start, e.end)):
                continue
            name = self.text[self.doc[e.start].idx : self.doc[e.end - 1].idx + len(self.doc[e.end - 1].text)]
            key = ("place", "name:" + match_key(name))
            local = self.by_key.get(key)
            if local is None:
                ent = self.new_entity("Place", name)
                self.by_key[key] = local = ent.local_id
            self.add_mention(self.out.by_id(local), self.doc[e.start].idx, self.doc[e.end - 1].idx + len(self.doc[e.end - 1].text), self.doc[e.start])
            self.out.refs.append(TokenRef(e.start, e.end, local, "place"))
            self.taken.update(range(e.start, e.end))

    def _capitals(self) -> None:
        """«العاصمة المصرية», «عاصمة روسيا»: the capital named by its country, when the city's own
        name does not follow («العاصمة العراقية بغداد» is Baghdad by name already)."""
        doc, gaz = self.doc, self.lex.gazetteer
        for i in range(len(doc) - 1):
            if i in self.taken or not any(r in {"العاصمه", "عاصمه"} for r in self.view.readings(i)[:3]):
                continue
            j = i + 1
            adj = self.lex.nationalities.match_at(self.view, j)
            iso, end = (adj.payload, adj.end) if adj is not None else (None, j)
            if iso is None:
                place = next((r for r in self.out.refs if r.how == "place" and r.start == j), None)
                if place is None or self.out.by_id(place.entity).type != "Country":
                    continue
                iso, end = self.out.by_id(place.entity).country, place.end
            if any(r.how == "place" and r.start == end and self.out.by_id(r.entity).type == "City" for r in self.out.refs):
                continue
            cap = gaz.capital_of(iso) if iso else None
            if cap is None:
                continue
            def node(cap=cap, iso=iso) -> EntityRecord:
                ent = self.new_entity("City", cap.label_ar)
                ent.wikidata, ent.link_method, ent.country = cap.qid, "gazetteer-capital", iso
                return ent

            self._refer_to_place(("place", cap.qid), node, i, end, rename=False)

    # -- titles --------------------------------------------------------------------------------
    def titles(self) -> None:
        doc = self.doc
        matches = self._office_matches()
        construct = [m for m in matches if m.payload is not None and self.lex.construct_offices.match_at(self.view, m.start) == m]
        place_refs = {k: r for r in self.out.refs if r.how == "place" for k in range(r.start, r.end)}
        for m in matches:
            inner = {place_refs[i].entity for i in range(m.start, m.end) if i in place_refs}
            if any(i in self.taken and i not in place_refs for i in range(m.start, m.end)) or (inner and m.end - m.start < 2):
                continue  # («مرشد إيران»: an office form that names its country holds the place)
            if m.start > 0 and self.view.norm[m.start - 1] in NAME_LINKS:
                continue  # «عبد الملك الحوثي», «أبو الأمير»: part of a name, not an office
            end, country = m.end, (self.out.by_id(next(iter(inner))).country if len(inner) == 1 else None)
            if inner:
                # «رئيس جمهورية مصر العربية»: the state's name begun inside the office ends the title
                end = max([end] + [r.end for r in self.out.refs if r.how == "place" and m.start <= r.start < m.end])
            # A country after the office: adjective («الروسي»), or a name («حكومة روسيا الاتحادية»,
            # «في العراق», «للأمن القومي» has none).
            j = end
            while j < len(doc) and doc[j].is_space:
                j += 1
            if j < len(doc):
                adj = self._agreeing_nationality(j, m.end - 1)
                if adj is not None and self._followed_by_bin(adj.end):
                    adj = None  # «الأمير تركي بن عبدالله»: a given name that is also an adjective
                style = next(((iso, j + len(words)) for words, iso in STATE_STYLES if tuple(self.view.norm[j:j + len(words)]) == words), None)
                title_nat = self._title_nationality(j) if m.payload is not None and m.payload.category in TITLE_NATIONALITY_CATEGORIES else None
                if adj is not None:
                    country, end = adj.payload, adj.end
                elif title_nat is not None:
                    country, end = title_nat, j + 1  # «الرئيس المالي»: Malian, where «الدعم المالي» is financial
                elif style is not None:
                    country, end = style  # «سفير خادم الحرمين الشريفين»: the head of state's style names his state
                else:
                    k = j + 1 if normalize(doc[j].text) in {"في"} else j
                    place = self._place_at(k) or self._state_form_place(k)
                    if place is not None and (place[1].kind == "country" or (k == j and m in construct)):
                        # «ولي عهد أبوظبي»: a construct title takes the city after it as its own
                        country, end = place[1].iso2, place[0]
                    elif (m in construct or (m.end - m.start >= 2 and not self.view.norm[m.end - 1].startswith("ال"))) and doc[j].is_alpha and doc[j].text.startswith("ال") and self.view.norm[j] not in self.lex.likely_surnames:
                        # «رئيس حكومة الشيشان حسن حكيموف»: an office in the construct state (its last
                        # word without the article) governs the word after it, a place or body the
                        # gazetteer lacks, never the first word of a name (the article as written:
                        # «إلهام» in «رئيس جمهورية أذربيجان إلهام علييف» is a given name)
                        end = j + 1
                        adj = self.lex.nationalities.match_at(self.view, end) if end < len(doc) else None
                        if adj is not None and not self._followed_by_bin(adj.end):
                            country, end = adj.payload, adj.end  # «المتحدث باسم الجيش النيجيري X»
            # «المبعوث الرئاسي الروسي الخاص إلى الشرق الأوسط»: qualifiers after the adjective.
            while end < len(doc):
                word = normalize(doc[end].text)
                if word in {"الخاص", "الخاصه", "الاول", "للامن", "القومي", "السابق", "السابقه", "الاسبق"}:
                    end += 1
                    continue
                # «المبعوث الخاص إلى الشرق الأوسط وشمال إفريقيا»: the region is part of the title.
                # (only an envoy's or ambassador's title is «to» a place: «رئيس الدولة إلى الصين» is the
                # head of state's journey, the visit's destination)
                to_place = word in {"الي", "لدي"} and m.payload.category in POSTED_TO_CATEGORIES
                nxt = self._place_at(end + 1) if to_place else self._place_at(end)
                if nxt is not None and (to_place or doc[end].text.startswith("و")):
                    end = nxt[0]
                    continue
                break
            if m.end - m.start == 1 and not self._definite_word(m.start) and country is None:
                continue  # «أمير» inside «حسين أمير عبد اللهيان» is a name, «أمير قطر» a title
            self.out.titles.append(
                TitleMatch(m.start, end, m.payload, country, self.text[m.start_char : doc[end - 1].idx + len(doc[end - 1].text)], m.start_char, doc[end - 1].idx + len(doc[end - 1].text))
            )
        # A longer office phrase that contains a shorter one wins (PhraseIndex already takes the
        # longest at a position); titles do not overlap.

    def _indefinite_given_name(self, s: int) -> bool:
        """A nationality word with no article that Wikidata knows as a name word, at the start of a
        name the model tags: a given name («تركي الشليل»), since an adjective before a name would
        agree with a definite title («المصري سامح شكري»)."""
        norm = self.view.norm[s]
        return (self.lex.nationalities.match_at(self.view, s) is not None and not norm.lstrip("وف").startswith("ال")
                and self.lex.is_name_word(norm) and s in self._ner_person_tokens)

    def _verb_trigger_alone(self, s: int, e: int) -> bool:
        """The model's one-word span is an event verb («وزارت»: and she visited), no name."""
        m = self.lex.triggers.match_at(self.view, s) if e - s == 1 else None
        return m is not None and m.payload.pos == "verb" and not self.lex.is_name_word(self.view.norm[s])

    def _third_syllable(self, s: int, e: int) -> int:
        """End of a Korean or Vietnamese name read from s: the press writes each syllable as a word,
        and such names have three («مون جاي إن», «ري يونج هو», «فام بين مين»), so a name of fewer words
        goes on over short words that are name words or syllables Arabic also has as words."""
        while len([k for k in range(s, e) if self.doc[k].is_alpha]) < 3:
            k = self._on_line(e)
            if k >= len(self.doc) or not self.doc[k].is_alpha or k in self.taken:
                break
            word = self.view.norm[k]
            if len(word) > 4 or not (word in SYLLABLE_WORDS or (self.lex.is_name_word(word) and not self.is_common(self.doc[k].text))):
                break
            e = k + 1
        return e

    def _title_nationality(self, j: int) -> str | None:
        """The country of an adjective at j that is a nationality only after an office or «نظيره»
        («المالي»: Malian there, financial elsewhere; data/lexicon/nationalities_after_title.tsv)."""
        return self.lex.title_nationalities.get(self.view.norm[j])

    def _agreeing_nationality(self, j: int, head: int):
        """The nationality adjective at j that can qualify the noun ending at token `head`: after a
        definite noun only a definite one («الكاتب السعودي»); «الكاتب تركي الدخيل» is a name."""
        adj = self.lex.nationalities.match_at(self.view, j)
        if adj is None or (self._definite_word(head) and not self._definite_word(j)):
            return None
        return adj

    def _definite_word(self, k: int) -> bool:
        """Token k carries the article, behind any proclitic («الكاتب», «والرئيس», «بالرئيس»)."""
        return any(r.startswith("ال") for r in clitic_readings(self.view.norm[k]))

    def _followed_by_bin(self, k: int) -> bool:
        """Is the next word «بن»/«بنت» (son/daughter of)? Then the word before it is a given name."""
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return k < len(self.doc) and self.view.norm[k] in {"بن", "بنت"}

    def _office_matches(self) -> list:
        """Office phrases, and construct-state ones («رئيس وزراء إسرائيل») where a country or
        city follows (a construct form alone, «رئيس», is an ordinary word)."""
        found = self.lex.offices.find(self.view)
        for m in self.lex.construct_offices.find(self.view):
            inside = [f for f in found if f.start < m.end and m.start < f.end]
            if any(f.start < m.start or f.end >= m.end for f in inside):
                continue  # a longer office phrase already holds these words
            nxt = self._on_line(m.end)
            place = self._place_at(nxt) or self._place_over(m.end - 1)
            if place is not None:
                # «رئيس وزراء إسرائيل», «ولي عهد أبوظبي»; «وزير خارجية إيران» is one title, not
                # the generic «وزير» its first word also is
                found = [f for f in found if f not in inside] + [m]
        return sorted(found, key=lambda m: m.start)

    def _place_over(self, i: int) -> tuple[int, PlaceRef] | None:
        """A place whose name begins at the last word of a construct office and runs past it
        («رئيس جمهورية مصر العربية»: «جمهورية» is the office's and the state's name's)."""
        place = self._place_at(i)
        return place if place is not None and place[0] > i + 1 else None

    def _state_form_place(self, j: int) -> tuple[int, PlaceRef] | None:
        """A state's formal name the gazetteer lacks: a word of the state's form («مملكة»,
        «دولة», «جمهورية») and the country's name («ملك مملكة البحرين», «أمير دولة قطر»)."""
        if j >= len(self.doc) or self.view.norm[j] not in STATE_FORMS:
            return None
        place = self._place_at(self._on_line(j + 1))
        return place if place is not None and place[1].kind == "country" else None

    def _place_at(self, i: int) -> tuple[int, PlaceRef] | None:
        for r in self.out.refs:
            if r.how == "place" and r.start == i:
                ent = self.out.by_id(r.entity)
                gaz_iso = ent.country
                kind = "country" if ent.type == "Country" else "city"
                return r.end, PlaceRef(ent.wikidata or "", kind, gaz_iso, ent.name, None)
        return None

    # -- persons -------------------------------------------------------------------------------
    def _name_after(self, i: int, after_conjunction: bool = False) -> tuple[int, int] | None:
        """Tokens of a personal name starting at i (after a title or «نظيره»): up to 5 words,
        stopping at punctuation, a stop word, a title, or an ordinary word of news. With
        `after_conjunction`, the word at i is «و» + a name word coordinated with a person."""
        doc = self.doc
        if self._kin_link(i):
            return None  # «ابن خاله نجيب»: a kinship phrase, the name comes after it
        comma = False
        while i < len(doc):
            if doc[i].is_space or doc[i].text in {"«", "\"", "“", "،", ","} or normalize(doc[i].text) in HONORIFICS:
                comma = comma or doc[i].text in {"،", ","}
                i += 1
                continue
            rank = self.lex.person_cues.match_at(self.view, i)
            if rank is not None and rank.payload == "rank" and not comma:
                # «قائد الجيش العماد جان قهوجي»: a rank between the title and the name (not after
                # a comma: «رئيس أركان الجيش المصري، الفريق أول ركن X» is someone else)
                i = rank.end
                continue
            break
        # «مساعد وزير الدفاع لشؤون الأمن الدولي أليسا سلوتكين»: «لشؤون» and the definite words
        # of its field complete the title
        if i < len(doc) and self.view.norm[i] in AFFAIRS_WORDS:
            j = i + 1
            while j < len(doc) and j - i <= 4 and (self.view.norm[j].startswith("ال") or self.view.norm[j].startswith("وال")) \
                    and not self.lex.is_name_word(self.view.norm[j]):
                j += 1
            if j > i + 1:
                i = j
        # «رئيس وزراء جمهورية الهند الصديقة ناريندرا مودي»: the country's epithet completes the title
        while i + 1 < len(doc) and self.view.norm[i] in COUNTRY_EPITHETS and i - 1 in self.taken:
            i += 1
        # «المتحدث باسم الوزارة جون كيربي»: a definite word right after the title completes the
        # title, it does not start the name.
        skipped = 0
        while (
            i + 1 < len(doc)
            and skipped < 2
            and normalize(doc[i].text).startswith("ال")
            and doc[i].is_alpha
            and doc[i].text not in self.lex.given_names
            and self._plain_name_word(i + 1)
            and not self._nisba_name_after_nationality(i)
            and (
                self.is_common(doc[i].text)
                # «المبعوث الأممي هانز غروندبرغ»: an adjective no name list knows, before a
                # word that starts names
                or (not self.lex.is_name_word(self.view.norm[i]) and self._starts_names(i + 1))
            )
        ):
            i += 1
            skipped += 1
        start = i
        if (
            not after_conjunction
            and i < len(doc)
            and self.view.norm[i].startswith("و")
            and doc[i].text not in self.lex.given_names
            and not self.lex.is_name_word(self.view.norm[i])
            and not any(e.start <= i < e.end for e in self.ents if e.label_ in PERSON_LABELS)
        ):
            # «للرئيس الكوري الجنوبي، وسلمه رسالة»: a glued «و» on a word neither a name list nor
            # the model reads as a name opens a new clause («للرئيس الكيني وليام روتو» is a name)
            return None
        if (
            not after_conjunction
            and comma
            and i < len(doc)
            and self.view.norm[i][:1] == "و"
            and doc[i].text not in self.lex.given_names
            and not self.lex.is_name_word(self.view.norm[i])
            and not self.lex.is_name_word_spelled_otherwise(self.view.norm[i])
            and (doc[i].text[1:] in self.lex.given_names or self.lex.is_name_word(self.view.norm[i][1:]))
        ):
            # «وعادل الجبير وزير الخارجية، وخالد العيسى وزير الدولة»: after the title and a comma,
            # «و» + a name is the next item of a list, not the title's holder
            return None
        if i < len(doc) and self.view.norm[i][:1] in "بلك" and self.glued_phrase(i) and not (
                after_conjunction and self.view.norm[i][1:] in self._first_names):
            return None  # «وزير الخارجية الإثيوبي للصحافيين»: no name after the title
        if i < len(doc) and self.future_verb(i):
            return None  # «ورئيس الوزراء الإثيوبي سيجريان مباحثات»: the title is the subject
        if i + 1 < len(doc) and self.view.norm[i] in COMPASS_WORDS and self._place_at(self._on_line(i + 1)) is not None:
            return None  # «زيارة الوزير السعودي شرق سوريا»: a direction of a place, no name
        if i < len(doc) and self._accusative_word(i):
            return None  # «وجلس الرئيس مرتديا بزته»: a participle (wearing) after the title, no name
        if i < len(doc) and (self.lex.triggers.match_at(self.view, i) is not None or self._verb_with_subject_suffix(i)) \
                and not any(e.start <= i < e.end for e in self.ents if e.label_ in PERSON_LABELS):
            return None  # «رئيس الجمهورية يستقبل مبعوث …»: the verb the title is the subject of
        while i < len(doc) and sum(normalize(t.text) not in NAME_LINKS for t in doc[start:i] if not t.is_space) < 5:
            t = doc[i]
            norm = normalize(t.text)
            if t.is_space and i > start and "\n" not in t.text and i + 1 < len(doc) and doc[i + 1].is_alpha:
                i += 1  # «مايك  بنس»: a hashtag mark read as a space (kg.arabic.reading_text)
                continue
            if t.text in HYPHENS and i > start and not t.whitespace_ and i + 1 < len(doc) and doc[i + 1].is_alpha:
                i += 1  # «كيم جونغ-أون», «كيم يو -جونغ»: a hyphen inside a transliterated name
                continue
            if t.is_punct or t.is_space or not (t.is_alpha or (i > start and _hyphen_led(t.text))) or i in self.taken:
                break
            if norm == "ال" and i > start and i + 1 < len(doc) and doc[i + 1].is_alpha and i + 1 not in self.taken:
                i += 2  # «آل عطيان», «آل غرامة»: the family name, whatever word it is, ends the name
                break
            if norm in NAME_LINKS and i > start and self._kin_link(i):
                break  # «ماهر مخلوف ابن خال الرئيس»: a kinship phrase after the name
            if norm in NAME_LINKS and i > start:
                i += 1  # «فيصل بن فرحان», «عبد اللطيف», «آل ثاني»
                continue
            if i > start and norm in SURNAME_HONORIFICS and self.view.norm[i - 1] not in NAME_LINKS and not self._name_goes_on(i + 1) \
                    and self._known_full_name_at(start) != i:  # («سامح شكري» is a whole name already)
                i += 1  # «النائب جميل السيد في بيروت»: «السيد» with no name after it is the family name El-Sayed
                break
            if self._is_stop(i) and not (i == start and self._name_despite_stop(i)):
                break
            if i > start and norm in HONORIFICS and norm not in EPITHETS_AFTER and self.view.norm[i - 1] not in NAME_LINKS \
                    and self._new_name_opens(i + 1):
                break  # «… الحرام الشيخ الدكتور صالح», «الراشد الشيخ عبدالعزيز»: an honorific that opens the next name
            if i > start and self._rank_opens_name(i):
                break  # «السيسي المشير خليفة حفتر», «ميشال عون العماد جوزيف عون»: a rank opens the next name
            if any(ti.start == i for ti in self.out.titles):
                break
            if i > start and (self.glued_phrase(i) or self.future_verb(i) or (i in self._headline_tokens and self._imperfect_verb(i))):
                break  # «البشير ونظيره», «ميركل للصحافيين», «دي مستورا سيعقدان», «ظريف يتودد»: a new phrase begins
            if i > start and self.benediction_at(i):
                break  # «الملك سلمان بن عبدالعزيز آل سعود -حفظه الله-»
            if i > start and (self._accusative_word(i) or self._plural_past_verb(i) or self._dual_construct(i)):
                break  # «عين X قائدا للواء», «أبناء الملك عبد العزيز ساروا», «… ملفي الهجرة»
            if i > start and self._suffixed_verb(i):
                break  # «والرئيس بوتفليقة ركزها على …»: a verb with an object pronoun
            if i > start and self._office_phrase_at(i):
                break  # «وليام روتو مبعوث الرئيس …»: an office word begins a new phrase
            if i > start and self._new_phrase_at(i):
                break  # «سها عرفات أرملة الزعيم», «بيا فور وصوله», «نتنياهو لكلينتون»
            if i > start and (norm in time_words() or norm in STYLES_AFTER) and not self._day_surname(i):
                break  # «… البارحة», «… أمس»: a day word ends the name; «… باشا»: a style after it
            if i > start and self._new_nasab_at(i):
                break  # «سلمان بن عبدالعزيز حمد بن عيسى»: a second «X بن Y» begins at «حمد»
            if i > start and (self._trigger_at(i) or self._verb_with_subject_suffix(i)):
                break  # «بلينكن لقاءه», «صالح أكدا»: an event word is never part of a name
            if i - start >= 2 and norm.startswith("و"):
                break  # «فلاديمير بوتين وتطلعه»: a conjunction ends the name
            if self._nationality_after_known_name(start, i):
                break  # «جون كيري الأمريكي», «سامح شكري المصري»: an officeholder's whole name, then his nationality
            if i > start and norm.startswith("ال") and norm.endswith("ي") and len(norm) > 4:
                i += 1  # a nisba surname («الكعبي», «الكاظمي») ends the name
                if self._second_nisba(i):
                    i += 1  # «سارة الزعفراني الزنزري»: a double family name, both nisbas
                break
            if (i > start + 2 and norm.startswith("ال") and len(norm) > 4 and self.view.norm[i - 1] not in NAME_LINKS
                    and norm not in QUANTIFIERS  # «فيصل بن بندر الجميع التهنئة»: «الجميع» (everyone) is no family name
                    # «تركي بن طلال الحفل»: an ordinary word of the annotated NER text is the verb's object
                    and not (norm in self.lex.common_words and not self.lex.is_name_word(norm) and norm not in self.lex.likely_surnames)
                    and any(self.view.norm[j] in NASAB for j in range(start + 1, i - 1))
                    and not (i + 1 < len(doc) and self.view.norm[i + 1] in NASAB)):  # «… الفيصل بن عبدالعزيز» goes on
                i += 1  # «عبدالله بن عبدالعزيز الربيعة المشرف العام»: after «بن X» a family name ends it
                break
            after_link = i > start and normalize(doc[i - 1].text) in NAME_LINKS
            # («موشيه يعالون»: a name word with a long vowel more, «يعلون», though news uses the
            # word as a verb, goes on a name begun after a title)
            respelled = i > start and norm not in self.lex.common_words and self.lex.is_name_word_spelled_otherwise(norm)
            # «علي» written with its dots is the name, not «على» (on); «علي اكبر صالحي»: a name word
            # that is also a common word goes on between two name words
            ali = t.text in ALI_FORMS
            inner = (i > start and self.lex.is_name_word(norm) and i + 1 < len(doc) and self._plain_name_word(i + 1)
                     and self.lex.nationalities.match_at(self.view, i) is None)
            if i > start and self._known_full_name_at(start) > i:
                i += 1  # «الحبيب الصيد»: an officeholder's whole name goes on over an ordinary word
                continue
            if not after_link and not respelled and not ali and not inner and (
                    self.is_common(t.text) or self.lex.nationalities.match_at(self.view, i) is not None):
                if i == start and self._plain_name_word(i + 1):
                    i += 1  # «بشر الخصاونة»: a first name that is also a word, before a surname
                    continue
                if self._nationality_after_known_name(start, i):
                    break  # «جون كيري الأمريكي», «سامح شكري المصري»: an officeholder's whole name, then his nationality
                # A nisba surname («السوداني», «الكاظمي») is also an ordinary adjective: accept
                # it as the last word of a name.
                if i > start and norm.startswith("ال") and norm.endswith("ي"):
                    i += 1
                elif i > start and i + 1 < len(doc) and normalize(doc[i + 1].text) in NAME_LINKS:
                    i += 1  # «حسين أمير عبد اللهيان»: a word-like name before «عبد»
                    continue
                break
            i += 1
        while i > start and normalize(doc[i - 1].text) in NAME_LINKS:
            i -= 1
        if i - start == 0:
            return None
        return start, i

    def _second_nisba(self, i: int) -> bool:
        """Right after a nisba surname, another nisba-shaped word («ال…ي») that no word list knows as
        ordinary, no nationality and no name list spells otherwise: the second half of a double
        family name, as the Tunisian press writes a married woman's name."""
        if i >= len(self.doc) or not self.doc[i].is_alpha or i in self.taken:
            return False
        norm = self.view.norm[i]
        return (norm.startswith("ال") and norm.endswith("ي") and len(norm) > 5 and not self.is_common(self.doc[i].text)
                and norm not in self.lex.news_words and self.lex.nationalities.match_at(self.view, i) is None
                and not any(t.start == i for t in self.out.titles) and self.lex.person_cues.match_at(self.view, i) is None
                and not self.lex.offices.knows_word(norm))  # («ثروت الخرباوي المحامي»: a profession after the name)

    def _nisba_name_after_nationality(self, i: int) -> bool:
        """«وزير الخارجية السوداني الدرديري محمد أحمد»: after a title closed by its nationality, a
        nisba-shaped word («ال…ي») that is no ordinary word is the first word of the name (the
        Sudanese and Maghreb press put the family name first), not a modifier of the title."""
        norm = self.view.norm[i]
        if not (norm.startswith("ال") and norm.endswith("ي") and len(norm) > 4) or self.is_common(self.doc[i].text):
            return False
        k = i - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return k >= 0 and any(m.start <= k < m.end for m in self.lex.nationalities.find(self.view, max(0, k - 2), k + 1))

    def _name_word_runs(self, candidates: list) -> None:
        """Foreign names the model misses («هيذر نويرت», «فلوريان فيليبوت»): a run of two or more
        words that Wikidata knows as name words or no lexicon knows at all, starting with a name
        word, with no ordinary word of news in it."""
        for tok in self.toks:
            i = tok.i
            norm = self.view.norm[i]
            # «عبد المجيد تبون وقيس سعيد»: «و» + a name word right after a person the model found
            glued = (norm.startswith("و") and len(norm) > 3 and self.lex.is_name_word(norm[1:]) and i - 1 in self._ner_person_tokens
                     and i not in self._ner_person_tokens and norm[1:] not in HONORIFICS and not self._known_word(norm[1:], names=False)
                     and norm[1:] not in self.lex.mostly_not_names and norm[1:] not in self.lex.news_words) or (
                # «بجون كيري», «لمحمد نجيب»: «بـ/لـ» glued to a given name that more name words follow
                norm[:1] in "بل" and len(norm) > 3 and norm[1:] in self._first_names and not self.lex.is_name_word(norm))
            if i in self.taken or i in self.cue_tokens or not tok.is_alpha or not (self.lex.is_name_word(norm) or glued):
                continue  # («الملا» is a Wikidata name word, but here the cue before «محمد عمر»)
            if not glued and i > 0 and self.doc[i - 1].is_alpha and self.lex.is_name_word(self.view.norm[i - 1]) and i - 1 not in self.cue_tokens:
                continue  # not the first word of the run
            if self._ordinary_word(i) or (not glued and self.view.norm[i] in self.lex.mostly_not_names and tok.text not in self.lex.given_names
                                          and not self._known_full_name_at(i)):
                continue  # «عودة مشار», «أمام غريفيث»: a word that is mostly no name does not start one
                # (unless an officeholder's whole name begins there: «فيديريكا موغيريني»)
                # (a glued «و» was tested on the word after it: «وعبدالوهاب» is «و» + a name)
            rng = self._name_after(i, after_conjunction=glued)
            if rng is None or rng[0] != i or rng[1] - rng[0] < 2:
                continue
            end = rng[0] + 1
            while end < rng[1] and not (self.view.norm[end].startswith("و") and not self.lex.is_name_word(self.view.norm[end])):
                end += 1  # «السيسي وبوتن»: a glued «و» ends a run no title or model span supports
            rng = (rng[0], end)
            words = [k for k in range(rng[0], rng[1]) if self.doc[k].is_alpha]
            # after «عبد» a word is one of God's names («عبد الملك», «عبد الرحمن»), ordinary or not
            plain = [k for k in words if not (k > 0 and self.view.norm[k - 1] in {"عبد", "وعبد"})]
            if self._only_demonyms(rng[0], rng[0] + 1):
                continue  # «جندي ألمانا متمركزين»: a run that starts with a demonym («Germans stationed»)
            if self._medium_next(rng[1] - 1):
                continue  # «فرانكفورتر ألغماينه تسايتونغ»: the run is the first words of a newspaper's name
            if len(words) >= 2 and not any(self._ordinary_word(k) or self.view.norm[k] in self.lex.not_person_words
                                           or self.view.norm[k] in self.lex.group_nouns for k in plain) \
                    and not self._idiom_after_name_word(*rng):
                candidates.append((rng[0], rng[1], None))

    def _nationality_after_known_name(self, start: int, k: int) -> bool:
        """A nationality at token k right after an officeholder's whole name that begins at
        `start` («جون كيري الأمريكي»): his nationality, not a nisba surname («طاهر المصري» is no
        officeholder's whole name without «المصري», so it keeps it)."""
        return k - start >= 2 and self.lex.nationalities.match_at(self.view, k) is not None and self._known_full_name_at(start) == k

    def _known_full_name_at(self, i: int) -> int:
        """The end of the longest whole name of a Wikidata officeholder (two to five words,
        `Lexicons.known_full_names`) that begins at token i, or 0 (computed once per token)."""
        if i in self._full_name_end:
            return self._full_name_end[i]
        words: list[str] = []
        best, k = 0, i
        while k < len(self.doc) and len(words) < 5:
            if self.doc[k].is_space:
                k += 1
                continue
            if not self.doc[k].is_alpha:
                break
            words.append(self.view.norm[k])
            k += 1
            if len(words) >= 2 and (" ".join(words) in self.lex.known_full_names or (
                    # «الحبيب الصيد», «الباجي قائد السبسي»: the Maghreb press writes the given name with «ال»
                    words[0].startswith("ال") and " ".join([words[0][2:]] + words[1:]) in self.lex.known_full_names)):
                best = k
        self._full_name_end[i] = best
        return best

    def _word_readings(self, readings: list[str]) -> list[str]:
        """The clitic readings of a word to test against the ordinary-word lists: all of them, but
        only the whole word for a name word that begins with «ك» («كيري», Kerry, is no «ك» + «يري»)."""
        return readings[:1] if readings and readings[0].startswith("ك") and self.lex.is_name_word(readings[0]) else readings

    def _ordinary_word(self, k: int) -> bool:
        """An ordinary word of news: in the common-word lists (with clitics peeled), or a
        nationality, place or title word."""
        if self.doc[k].text in self.lex.given_names:
            return False
        if self.is_common(self.doc[k].text):
            return True
        readings = self._word_readings(self.view.readings(k)[:3])
        return any(r in self.lex.news_words for r in readings) or self._not_alone(self.view.norm[k])

    def _ban_at(self, i: int) -> bool:
        """«بان كي مون»: «بان» as written, with two more words after it, is the family name Ban,
        not «بأن» (that), which is followed by one noun phrase, never by «كي» + a word; like
        «علي» and «على», the written form decides."""
        doc = self.doc
        # («بان كي-مون»: the hyphen of «كي-مون» stands between)
        nxt = i + 3 if i + 3 < len(doc) and doc[i + 2].text in HYPHENS and not doc[i + 1].whitespace_ else i + 2
        return doc[i].text == "بان" and nxt < len(doc) and doc[i + 1].is_alpha and doc[nxt].is_alpha \
            and self.view.norm[i + 1] in BAN_PARTICLES

    def _name_despite_stop(self, i: int) -> bool:
        """«الأمير صباح الأحمد»: right after a title, a word that is both a stop word («صباح»,
        morning) and a name word starts a name when a plain name word follows."""
        if self._ban_at(i):
            return True
        j = self._on_line(i + 1)
        return self.lex.is_name_word(self.view.norm[i]) and self._plain_name_word(j) and self.lex.is_name_word(self.view.norm[j])

    def _has_name_evidence(self, s: int, e: int) -> bool:
        """Some word of the span is a given name, a Wikidata name word or tagged PER."""
        ner = {t.i for ent in self.ents if ent.label_ in PERSON_LABELS for t in ent}
        return any(
            self.doc[k].text in self.lex.given_names or self.lex.is_name_word(self.view.norm[k]) or k in ner
            for k in range(s, e)
            if self.doc[k].is_alpha
        )

    def benediction_at(self, k: int) -> bool:
        """Does a religious formula («حفظه الله», «رحمه الله»: data/lexicon/benedictions.txt) or a
        ruler's epithet («المعظم»: ruler_epithets.txt) begin at token k? A dash glued before it
        («-حفظه») is ignored."""
        words: list[str] = []
        j = k
        while j < len(self.doc) and len(words) < 3:
            w = self.view.norm[j].strip("-–—ـ")
            if w:
                words.append(w)
            elif not (self.doc[j].is_punct or self.doc[j].is_space):
                break
            j += 1
        return any(tuple(words[: len(f)]) == f for f in self.lex.benedictions)

    def _suffixed_verb(self, k: int) -> bool:
        """A word with an object pronoun («ركزها», «أبلغهم», «استقبلهما») that no name list knows: a
        verb or noun after the name, not part of it (names do not end in «ها/هم/هما»)."""
        norm = self.view.norm[k]
        if self.doc[k].text in self.lex.given_names or self.lex.is_name_word(norm) or norm in self.lex.likely_surnames:
            return False
        if self._second_person(k):
            return True  # «ونبيل مواقفكم»: a second-person pronoun is never in a name
        return len(norm) >= 5 and norm.endswith(("ها", "هم", "هما")) and not norm.endswith(("اها", "يها"))

    def _office_phrase_at(self, k: int) -> bool:
        """Does an office phrase begin at k («مبعوث الرئيس», «وزير الخارجية», «أمير قطر»)? An office
        word followed by a definite word or a place; not after «عبد» («عبد الملك»), and not an
        office word inside a name («حسين أمير عبد اللهيان»)."""
        norm = self.view.norm[k]
        if self.doc[k].text in self.lex.given_names or (k > 0 and self.view.norm[k - 1] in NAME_LINKS):
            return False
        if not any(self.lex.offices.knows_word(w) for w in (norm, "ال" + norm)):
            return False
        j = k + 1
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        return j < len(self.doc) and (self.view.norm[j].startswith("ال") or self._place_at(j) is not None)

    def _at_benediction(self, char: int) -> bool:
        tok = next((t for t in self.doc if t.idx <= char < t.idx + len(t.text)), None)
        return tok is not None and self.benediction_at(tok.i)

    def _verb_with_subject_suffix(self, k: int) -> bool:
        """A trigger verb in the dual or plural of the past («أكدا», «بحثا», «التقيا», «قالوا»): the
        verb of two persons named before it, never a name word."""
        norm = self.view.norm[k]
        for suffix in ("وا", "ا"):
            stem = norm[: -len(suffix)]
            trig = self.lex.triggers.get(stem) if norm.endswith(suffix) and len(stem) >= 3 else None
            if trig is not None and trig.pos == "verb":
                return True  # (the Wikidata name words hold «اكدا» too: the verb decides)
        return False

    def _is_stop(self, k: int) -> bool:
        """A word that ends a name (NAME_STOP). «علي» (a name) and «على» (a preposition) share a
        normal form, so the written form decides; so does a given name listed as written. The
        written form also makes a stop of «أمام» (in front of), which normalises to the name «إمام»."""
        text = self.doc[k].text
        if text in WRITTEN_STOPS:
            return True
        if k > 0 and self.view.norm[k - 1] in NASAB and self.lex.is_name_word(self.view.norm[k]) and self.view.norm[k] in OFFICE_NAMES:
            return False  # «إياد بن أمين مدني»: after «بن» the office word «أمين» is the father's name
        if self.view.norm[k] in SADDLEBAGS and any(self.view.norm[j] in SET_DOWN for j in range(max(0, k - 10), k)):
            return True  # «حط الوزير أنتوني بلينكن الرحال في الدوحة»: the saddlebags, no family name
        return self.view.norm[k] in NAME_STOP and text not in self.lex.given_names and text != "علي"

    def _on_line(self, j: int) -> int:
        """The first token from j on that is no space, without crossing a line break."""
        while j < len(self.doc) and self.doc[j].is_space and "\n" not in self.doc[j].text:
            j += 1
        return j

    def _kin_link(self, k: int) -> bool:
        """Does «ابن/بن/بنت» at k open a kinship phrase («ابن خال الرئيس», «ابن خاله»)?"""
        if k >= len(self.doc) or self.view.norm[k] not in KIN_LINKS:
            return False
        j = self._on_line(k + 1)
        return j < len(self.doc) and self.view.norm[j] in KIN_AFTER_LINK

    def _extend_by_name_words(self, s: int, e: int) -> int:
        """«زعيم المتمردين ريك مشار» where the model stopped at «ريك»: the span grows over
        following words that Wikidata knows as name parts and no lexicon as ordinary words."""
        doc = self.doc
        while e < len(doc) and e - s < 4:
            k = e
            if doc[k].is_space and "\n" not in doc[k].text:
                k += 1  # a hashtag mark read as a space
            if k >= len(doc) or not doc[k].is_alpha or k in self.taken:
                break
            norm = self.view.norm[k]
            if not self.lex.is_name_word(norm) or self.is_common(doc[k].text) or self._ends_name_before(k) or self.benediction_at(k) \
                    or self._kin_link(k):
                break
            if norm in self.lex.mostly_not_names and norm not in self.lex.likely_surnames and self.view.norm[k - 1] not in NAME_LINKS \
                    and norm not in REGNAL:
                break  # «أوزيل صانع», «الجبالي أكدا»: a word that is a name under a fifth of the time does not grow a name
            if self.lex.nationalities.match_at(self.view, k) is not None:
                break
            e = k + 1
        return e

    def _joined_across_name_word(self, candidates: list) -> list:
        """«رئيس الجمهورية الباجي قائد السبسي» where the name stopped at «قائد» (also «leader»)
        and «السبسي» is a candidate of its own: two candidates one word apart, that word a name
        word Wikidata knows and no stop word, glued conjunction, title or event word, are one
        name (the title of the first goes with it)."""
        doc = self.doc
        by_start: dict[int, list] = {}
        for c in candidates:
            by_start.setdefault(c[0], []).append(c)
        out = []
        for s1, e1, title in candidates:
            k = e1
            if k >= len(doc) or not doc[k].is_alpha or "\n" in doc[k - 1].whitespace_ + doc[k].whitespace_:
                continue
            norm = self.view.norm[k]
            if not self.lex.is_name_word(norm) or norm in NAME_STOP or norm[:1] in "وف" or self._ends_name_before(k):
                continue
            if self.lex.nationalities.match_at(self.view, k) is not None:
                continue
            for s2, e2, _ in by_start.get(k + 1, []):
                if self.view.norm[s2][:1] not in "وفلب" and e2 - s1 <= 6:
                    out.append((s1, e2, title))
        return out

    def _glued_hyphen(self, k: int) -> bool:
        """Token k is a hyphen inside one written word: letters touch it on one side at least."""
        doc = self.doc
        return (
            0 < k < len(doc) - 1
            and doc[k].text in HYPHENS
            # glued on both sides, or on one («كيم يو -جونغ»): spaced on both it is a dash
            and not (doc[k - 1].whitespace_ and doc[k].whitespace_)
            and "\n" not in doc[k - 1].whitespace_ + doc[k].whitespace_
            and doc[k - 1].is_alpha
            and doc[k + 1].is_alpha
        )

    def _whole_words(self, s: int, e: int) -> tuple[int, int]:
        """The span (s, e) widened to whole written words across glued hyphens."""
        if e - s > 1 and self._glued_hyphen(e - 1):
            e += 1  # the span stopped right after the hyphen («جاي-» before «إن»)
        while e < len(self.doc) - 1 and self._glued_hyphen(e):
            e += 2
        while s >= 2 and self._glued_hyphen(s - 1):
            s -= 2
        return s, e

    def _ends_name_before(self, k: int) -> bool:
        """Token k cannot continue a name that runs up to it: a new phrase glued to a clitic, a
        stop word, a title, an event word or a verb in the future tense."""
        norm = self.view.norm[k]
        if norm in NAME_LINKS or self.view.is_space[k]:
            return False
        if self._is_stop(k) or norm in STYLES_AFTER:
            return True  # (a style after the name: «سعد زغلول باشا»)
        if norm.startswith("وال") and len(norm) > 4 and not self.lex.is_name_word(norm):
            return True  # «محمد فريد والرويلي»: «و» + a definite word begins a new item («والتر» is a name)
        if self.glued_phrase(k) or any(ti.start == k for ti in self.out.titles):
            return True
        if self._trigger_at(k) or self.benediction_at(k):
            return True
        if any(r in COUNTERPARTS for r in self.view.readings(k)[:3]):
            return True  # «دعاني نظيري الإيراني …»: «his/my counterpart» begins a phrase of its own
        if norm in HONORIFICS and norm not in EPITHETS_AFTER and self.view.norm[k - 1] != "ال" and self._new_name_opens(k + 1):
            return True  # «رجل الأعمال الراشد الشيخ عبدالعزيز …»: the honorific of the next name («آل الشيخ» is a family)
        if self._office_phrase_at(k):
            return True  # «وليام روتو مبعوث الرئيس …»: an office word begins a new phrase
        if self._rank_opens_name(k):
            return True  # «التقى السيسي المشير خليفة حفتر»: a rank opens the next person's name
        if self._new_phrase_at(k):
            return True  # «علي جمعة مفتي الديار», «بيا فور وصوله», «نتنياهو لكلينتون»
        if self._new_nasab_at(k):
            return True
        if k in self._headline_tokens and self._imperfect_verb(k):
            return True  # «ظريف يتودد للخليج»: a headline puts the subject before its verb
        if self._accusative_word(k) or self._plural_past_verb(k):
            return True  # «عين X قائدا», «عبد العزيز ساروا»
        if self._dual_construct(k):
            return True  # «بحث مع نظيره X ملفي الهجرة والأمن»: «the two files of», the verb's object
        return self.future_verb(k)

    def _rank_opens_name(self, k: int) -> bool:
        """A military rank at token k (data/lexicon/person_cues.tsv) before a given name, an
        honorific or a model person: the next person's rank, never a word of the name before it
        («الفريق» is also «the team», so a name must follow)."""
        rank = self.lex.person_cues.match_at(self.view, k)
        if rank is None or rank.payload != "rank":
            return False
        j = self._on_line(rank.end)
        return self._name_follows(j) or (j < len(self.doc) and self.doc[j].is_alpha and self.lex.is_name_word(self.view.norm[j]))

    def _dual_construct(self, k: int) -> bool:
        """«ملفي», «طرفي», «وزيري»: a dual noun in construct (its «ان» dropped before a genitive:
        «ملفي الهجرة والأمن», the two files of migration and security), an ordinary word of news
        plus «ي» that no name list knows, with a definite genitive after it («الحلبي», «مرسي» are
        names; «سامي» is on the lists)."""
        norm = self.view.norm[k]
        if len(norm) < 4 or not norm.endswith("ي") or norm.startswith("ال") or self.lex.is_name_word(norm) or norm in self._given_norm:
            return False
        stem = norm[:-1]
        j = k + 1
        if j >= len(self.doc) or not self.view.norm[j].startswith("ال"):
            return False
        return (stem in self.lex.common_words or stem in self.lex.news_words) and not self.lex.is_name_word(stem)

    def _accusative_word(self, k: int) -> bool:
        """«قائدا», «مديرا», «انقطاعا»: an ordinary word or office word with the accusative «ا» of
        an indefinite noun («عين X قائدا للواء»: as commander), never a name («رضا» is a name word)."""
        norm = self.view.norm[k]
        if len(norm) < 5 or not norm.endswith("ا") or self.lex.is_name_word(norm) or norm in self._given_norm:
            return False
        if norm.lstrip("وفبل").startswith("ال"):
            return False  # the indefinite accusative takes no article: «الجربا» is a surname, not «الجرب» + «ا»
        stem = norm[:-1]
        if norm[0] == "م" and (norm in self.lex.news_words or norm in self.lex.common_words):
            return True  # «مرتديا», «متوجها», «مشيرا»: a participle in the accusative (wearing, heading for)
        return stem in self.lex.common_words or stem in self.lex.news_words or stem in self._title_words \
            or self.lex.offices.knows_word(stem)

    def _plural_past_verb(self, k: int) -> bool:
        """«ساروا», «أكدوا»: a verb of the plural past («they walked») that no name list knows."""
        norm = self.view.norm[k]
        return (len(norm) >= 5 and norm.endswith("وا") and not self.lex.is_name_word(norm) and norm not in self._given_norm
                and norm not in self.lex.likely_surnames and (norm in self.lex.news_words or norm in self.lex.common_words))

    def _imperfect_verb(self, k: int) -> bool:
        """A word shaped like a present-tense verb («يـ/تـ» + three letters or more) that no name
        list knows («يتودد», «يواسي»; not «يوسف», «يوكيا»)."""
        norm = self.view.norm[k]
        return (len(norm) >= 4 and norm[0] in "يت" and not self.lex.is_name_word(norm) and norm not in self._given_norm
                and norm not in self.lex.likely_surnames)

    def _new_phrase_at(self, k: int) -> bool:
        """A word that begins a phrase of its own after a name: an apposition, «فور» + a verbal
        noun, or «لـ/بـ» glued to another person's name."""
        return self._apposition_cue_at(k) or self._as_soon_as(k) or self._glued_to_name(k)

    def _glued_to_name(self, k: int) -> bool:
        """«نتنياهو لكلينتون», «زاسبكين لبوتين»: «لـ/بـ» glued to a name word begins a new phrase
        (to/with another person) when the article names that person alone elsewhere; a whole
        word that is itself a name («بلال», «لبيد»), or whose rest the article never uses alone
        («ريتشارد ليبارون»), is left alone."""
        norm = self.view.norm[k]
        if len(norm) < 5 or norm[0] not in "لب" or self.lex.is_name_word(norm) or norm in self._given_norm:
            return False
        rest = norm[1:]
        if not self.lex.is_name_word(rest) or rest.startswith("ال") or rest in self.lex.common_words:
            return False
        if rest in self.vocab or rest in self.lex.names_alone:
            return True  # (a surname the corpora write alone, names_alone.txt: «لبوتين» is «to Putin»)
        # «جون كيري ببوريس جونسون»: «بـ» + a name word + another name word is a second person's
        # whole name, even when the article never writes the first word alone
        j = k + 1
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        return (norm[0] == "ب" and len(rest) >= 4 and j < len(self.doc) and self.doc[j].is_alpha
                and self.lex.is_name_word(self.view.norm[j]) and not self._ordinary(j))

    def _as_soon_as(self, k: int) -> bool:
        """«بول بيا فور وصوله»: «فور» (as soon as) before a verbal noun with a pronoun or a
        definite noun begins an adverbial, it is not the surname Faure («إدغار فور»)."""
        return self.view.norm[k] == "فور" and k + 1 < len(self.doc) and self.doc[k + 1].is_alpha and (
            self.view.norm[k + 1].startswith("ال") or self.view.norm[k + 1].endswith(("ه", "ها", "هم"))
            # «فور إعلان فوزه»: a verbal noun of news in construct
            or (self.view.norm[k + 1] in self.lex.common_words or self.view.norm[k + 1] in self.lex.news_words)
            and len(self.view.norm[k + 1]) >= 4 and not self._is_stop(k + 1) and not self.lex.is_name_word(self.view.norm[k + 1]))

    def _apposition_cue_at(self, k: int) -> bool:
        """A rank, kinship, profession or religious word (data/lexicon/person_cues.tsv) at k,
        not right after «بن/آل»: after a name it begins an apposition, no part of the name. A
        definite one («المفتي», «القيادي») is also a family name («أحمد المفتي يرى …»), so it
        begins an apposition only where the apposition goes on: a definite word or a glued «بـ/لـ»
        or «في» after it («القيادي بالحزب», «الداعية الإسلامي»)."""
        if k == 0 or self.view.norm[k - 1] in NAME_LINKS:
            return False
        cue = self.lex.person_cues.match_at(self.view, k)
        if cue is None:
            return False
        surname = self.lex.is_name_word(self.view.norm[k])  # «عادل إمام»: the imam is also a surname
        if not self.view.norm[k].startswith("ال") and not surname:
            return True  # «مفتي الديار», «أرملة الزعيم»: a noun in construct
        j = cue.end
        if j >= len(self.doc) or not self.doc[j].is_alpha:
            return False
        nxt = self.view.norm[j]
        if surname and nxt[:1] == "و" and self.lex.person_cues.match_at(self.view, j) is not None:
            return True  # «X إمام وخطيب المسجد الحرام»: two cues coordinated
        return nxt.startswith("ال") or nxt == "في" or (nxt[:1] in "بل" and len(nxt) > 3 and self.glued_phrase(j))

    def _new_nasab_at(self, k: int) -> bool:
        """Does a second name begin at k, «X بن Y | Z بن W»? After «بن Y» a name goes on with
        «بن», «آل» or a family name, never with a given name that takes its own «بن»: a list of
        names with no comma between them («سلمان بن عبدالعزيز حمد بن عيسى آل خليفة»)."""
        norm = self.view.norm
        return (2 <= k < len(norm) - 1 and norm[k - 2] in NASAB and norm[k - 1] not in NAME_LINKS
                and norm[k] not in NAME_LINKS and norm[k + 1] in NASAB and not norm[k].startswith("ال"))

    def future_verb(self, k: int) -> bool:
        """«سيعقدان», «ستبحث», «سنلتقي»: the future prefix س before an imperfect prefix, on a word
        that no name lexicon knows («سيرغي», «ستيفان» are names)."""
        norm = self.view.norm[k]
        return (
            len(norm) >= 5
            and norm[0] == "س"
            and norm[1] in "يتنا"
            and norm[2] not in "اوي"  # «ستانيكزاي», «ستيفان»: a long vowel after ست is a name's
            and norm not in self._given_norm
            and not self.lex.is_name_word(norm)
            # a word of a name the model tags («ستيفان سيجورنيه», «سيغمار غابرييل») is no future verb
            # when no present tense news writes is left without the «س» («ستضيع صرخته»: will be lost)
            and not (k in self._ner_person_tokens and (k - 1 in self._ner_person_tokens or k + 1 in self._ner_person_tokens)
                     and not self._known_present(norm[1:]))
        )

    def _name_follows(self, k: int) -> bool:
        """Does another honorific, a given name or a model person begin at token k (so an honorific
        before it opens that name)?"""
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return k < len(self.doc) and (self.view.norm[k] in HONORIFICS or self.doc[k].text in self.lex.given_names
                                      or k in self._ner_person_tokens)

    def _name_goes_on(self, k: int) -> bool:
        """A name word, a given name or another honorific at k (the next word on the line): what
        follows an honorific there would be the name it introduces."""
        k = self._on_line(k)
        if k >= len(self.doc) or not self.doc[k].is_alpha:
            return False
        norm = self.view.norm[k]
        return self._new_name_opens(k) or (self.lex.is_name_word(norm) and not self._is_stop(k) and not self.is_common(self.doc[k].text))

    def _new_name_opens(self, k: int) -> bool:
        """Does a name of its own begin at k, after an honorific inside a span? Another honorific, a
        given name, or a word followed by «بن» («الراشد الشيخ عبدالعزيز بن صالح»). «الشيخ» inside a name
        («محمد الشيخ بكور», «خالد الشيخ حاج محمود») is followed by neither."""
        k = self._on_line(k)
        if k >= len(self.doc):
            return False
        if self.view.norm[k] in HONORIFICS or self.doc[k].text in self.lex.given_names:
            return True
        j = self._on_line(k + 1)
        return self.doc[k].is_alpha and j < len(self.doc) and self.view.norm[j] in NASAB

    def _second_person(self, k: int) -> bool:
        """A word with a second-person pronoun («مواقفكم», «دعمكما») that no name list knows."""
        norm = self.view.norm[k]
        return len(norm) >= 6 and norm.endswith(("كم", "كما")) and not self.lex.is_name_word(norm)

    def _glued_tail(self, k: int) -> int:
        """How many characters at the end of word k are a word glued on with no space
        («غريفيثفي» = «غريفيث» + «في», «طلالقام» = «طلال» + «قام»): 0 unless the whole word is
        unknown to every list while the part before the tail is a name word of four letters
        or more and the tail is a preposition or a common verb of news (GLUED_TAILS)."""
        norm = self.view.norm[k]
        if self.lex.is_name_word(norm) or self._known_word(norm):
            return 0
        text = self.doc[k].text
        for tail in GLUED_TAILS:
            head = norm[: -len(tail)]
            if norm.endswith(tail) and len(head) >= 4 and self.lex.is_name_word(head) and len(normalize(text[: -len(tail)])) == len(head):
                return len(tail)
        return 0

    def _only_demonyms(self, s: int, e: int) -> bool:
        """Is every word of the span a broken-plural demonym («روس», «ألمان»: group_words.tsv)?"""
        words = [k for k in range(s, e) if self.doc[k].is_alpha]
        return bool(words) and all(any(r in self.lex.demonyms for r in self.view.readings(k)[:3]) for k in words)

    def _idiom_after_name_word(self, s: int, e: int) -> bool:
        """«حسن الجوار» (good neighbourliness), «حسن النية»: a name word that is also a noun,
        before words that news rarely puts in a name (mostly_not_names.tsv), that no name list
        knows and that the model does not tag as a person here, is a phrase, not a person."""
        rest = [k for k in range(s + 1, e) if self.doc[k].is_alpha and self.view.norm[k] not in NAME_LINKS]
        return bool(rest) and all(
            self.view.norm[k] in self.lex.mostly_not_names and not self.lex.is_name_word(self.view.norm[k])
            and k not in self._ner_person_tokens for k in rest)

    def _hamza_al(self, k: int) -> bool:
        """Does the word begin with «أل»/«إل» as written («ألينا», «إلهام»)? The article «ال» is
        never written with a hamza, so such a word is no definite description."""
        return self.doc[k].text.lstrip("وف").startswith(("أل", "إل"))

    def _known_present(self, word: str) -> bool:
        """Is `word` (a future verb without its «س») a present tense news writes, once a dual or
        plural ending and an object pronoun are taken off («يعقدان» → «يعقد», «يبحثونها» →
        «يبحث»)? «سيجورنيه» read as «س» + «يجورنيه» leaves no such verb: it is a name."""
        forms = {word}
        for suffix in ("هما", "هم", "ها", "ه"):
            forms |= {f[: -len(suffix)] for f in list(forms) if f.endswith(suffix) and len(f) - len(suffix) >= 3}
        for suffix in ("ان", "ون", "ين", "ن"):
            forms |= {f[: -len(suffix)] for f in list(forms) if f.endswith(suffix) and len(f) - len(suffix) >= 3}
        return any(f in self.lex.common_words or f in self.lex.news_words for f in forms)

    def glued_phrase(self, i: int) -> bool:
        """A word that begins a new phrase with a clitic glued to it, so it cannot continue the
        name before it: و/ف + a known word («ونظيره», «والشيخ», «وترامب»), or ب/ل/ك + the article
        or a known ordinary word or title («بالرئيس», «للصحافيين», «بنظيره», «بأمير»).

        A name word that merely starts with one of these letters («بوتين», «لافروف», «وهبي») is
        left alone: what remains after the letter is no word the lexicons know.
        """
        norm = self.view.norm[i]
        if norm[:1] in "بل" and len(norm) >= 3 and self._medium_next(i):
            return True  # «لفرانس برس», «لواشنطن بوست»: the medium spoken to, glued to «لـ», whatever the word
        if len(norm) < 3 or norm in NAME_LINKS or self.lex.is_name_word(norm) or norm in self._given_norm:
            return False  # «والتر», «كيري», «وليد»: the whole word is a name
        head, rest = norm[0], norm[1:]
        if head in "وف":
            return self._known_word(rest) or any(self._known_word(r) for r in clitic_readings(rest)[1:3])
        if head in "بلك":
            if rest.startswith("ال") or norm.startswith("لل"):
                return True
            # («بمقعد», «بأقاربه»: «بـ/لـ» + an ordinary word of news; «بجون كيري», «لمحمد نجيب»:
            # «بـ/لـ» + a given name begins another person's name)
            if rest[:1] == "و" and rest not in self.lex.common_words and (rest[1:] in self.lex.news_words or rest[1:] in self.lex.common_words):
                # «صبري بوقدوم», «ناصر بوريطة»: after «بـ» no «و» is glued (the clitics go «وبـ», never
                # «بو»), so «بو» + a word news knows only as «و» + that word is a Maghreb surname's «بو»
                return False
            if head in "بل" and any(rest.endswith(p) and rest[: -len(p)] in self.lex.office_heads for p in ("هما", "هم", "ها", "ه")):
                return True  # «بشار لنائبه الشرع», «بمستشاره»: «لـ/بـ» + an office with a pronoun
            return self._known_word(rest, names=False) or (head in "بل" and rest in self.lex.news_words and not self.lex.is_name_word(rest)) \
                or (head in "بل" and rest in self._first_names) or (head in "بل" and self._noun_with_pronoun(rest))
        return False

    def _noun_with_pronoun(self, word: str) -> bool:
        """«تعهداته», «قراره», «مواقفها»: an ordinary noun of news with a possessive pronoun (his
        pledges), which no name is: «صالح بتعهداته» ends the name at «بـ»."""
        if self.lex.is_name_word(word):
            return False
        for p in ("هما", "هم", "ها", "ه"):
            base = word[: -len(p)]
            if not word.endswith(p) or len(base) < 3:
                continue
            forms = {base} | ({base[:-1] + "ه"} if base.endswith("ت") else set())  # «زيارته» → «زياره»
            if any(f in self.lex.news_words and not self.lex.is_name_word(f) for f in forms):
                return True
        return False

    def _medium_ahead(self, e: int) -> bool:
        """Does a medium or organisation word (not_person_words.tsv) follow a span that ends before e,
        within two words that no lexicon knows as ordinary («فرانكفورتر | ألغماينه تسايتونغ»)?"""
        j = self._on_line(e)
        for _ in range(3):
            if j >= len(self.doc) or not self.doc[j].is_alpha:
                return False
            if self._ordinary_word(j) or self.lex.is_name_word(self.view.norm[j]) or self.doc[j].text in self.lex.given_names:
                return False  # («X وفد الكونغرس»: «وفد», a delegation, is an ordinary word after a name)
            if self.view.norm[j] in self.lex.not_person_words:
                return True
            j = self._on_line(j + 1)
        return False

    def _medium_next(self, i: int) -> bool:
        """Is the word after i a word that makes a run of words a medium or an organisation
        («برس», «بوست», «ووتش»: data/lexicon/not_person_words.tsv)?"""
        j = self._on_line(i + 1)
        return j < len(self.doc) and self.view.norm[j] in self.lex.not_person_words

    def _known_word(self, word: str, names: bool = True) -> bool:
        """A word some lexicon knows: an ordinary word, a title word, an honorific, a counterpart
        («نظيره»), a nationality, a place, a trigger; with `names`, a given name too."""
        if word in self.lex.common_words or word in HONORIFICS or word in COUNTERPARTS or word in NAME_STOP:
            return True
        if word in self._title_words or self.lex.nationalities.knows_word(word) or self.lex.places.knows_word(word):
            return True
        if self.lex.triggers.knows_word(word):
            return True
        return names and (word in self._given_norm or self.lex.is_name_word(word))

    def _ordinary(self, i: int, strict: bool = True) -> bool:
        """An ordinary word of news or a nationality adjective (not a given name)."""
        t = self.doc[i]
        if t.text in self.lex.given_names:
            return False
        if self.lex.nationalities.match_at(self.view, i) is not None:
            return True
        norm = normalize(t.text)
        if imperfect_dual_or_plural(norm) and not self.lex.is_name_word(norm):
            return True  # «اللاعبين يؤيدان ويدعمان أردوغان»: a verb the model ran into
        if strict:
            return norm in self.lex.common_words or norm in self.lex.news_words
        return self.is_common(t.text) or len(norm) <= 4

    def _plural_word(self, s: int, e: int) -> bool:
        """Is the span one definite sound masculine plural no name list knows («المسلمين», «الأمريكيين»:
        the Muslims, the Americans)? «الحسين», «الأمين» are names; a plural is no person."""
        words = [k for k in range(s, e) if self.doc[k].is_alpha]
        if len(words) != 1:
            return False
        norm = self.view.norm[words[0]].lstrip("وف")
        return (norm.startswith("ال") and norm.endswith(("ين", "ون")) and len(norm) >= 7 and not self.lex.is_name_word(norm)
                and norm not in self.lex.likely_surnames and self.doc[words[0]].text not in self.lex.given_names)

    def _plural_phrase(self, s: int, e: int) -> bool:
        """Is the span a plural noun phrase the model read as a name? It begins with a nominative
        plural («ديبلوماسيون غربيون»), or it ends in a sound masculine plural («…ون», «…ين») that no
        name list knows after plural or ordinary words («زعيمي الكوريتيين»); «صلاح الدين», «محمد
        الأمين», «سفيم داغديلين» are names."""
        words = [k for k in range(s, e) if self.doc[k].is_alpha]
        if len(words) < 2 or self.doc[words[0]].text in self.lex.given_names:
            return False
        first = self.view.norm[words[0]]
        if len(first) >= 6 and first.endswith("ون") and not self.lex.is_name_word(first) and first not in self.lex.likely_surnames:
            return True  # a name never begins with a nominative plural: «ديبلوماسيون غربيون»
        last = self.view.norm[words[-1]]
        if not (len(last) >= 5 and last.endswith(("ون", "ين")) and not self.lex.is_name_word(last)
                and last not in self.lex.likely_surnames):
            return False
        # the other words are plural or dual too, or ordinary words («فان»): «سفيم داغديلين» is a name
        # (a broken-plural demonym is plural too: «جنودا ألمانا متمركزين»)
        return all(self.view.norm[k].endswith(("ون", "ين", "ان", "ات", "ي")) or self._ordinary(k, strict=True)
                   or self._only_demonyms(k, k + 1) for k in words[:-1])

    def _trigger_at(self, k: int) -> bool:
        """Does an event word begin at k, inside a name that runs up to it? A given name is not
        read through a clitic there: «بن فيصل» is no «ف» + «يصل» (arrives)."""
        m = self.lex.triggers.match_at(self.view, k)
        if m is None:
            return False
        if self.doc[k].text in self.lex.given_names:
            prev = k - 1
            while prev >= 0 and self.doc[prev].is_space:
                prev -= 1
            # a given name is an event word only as written, never through a clitic reading
            return not (prev >= 0 and self.view.norm[prev] in NAME_LINKS) and normalize(m.payload.form) == self.view.norm[k]
        return True

    def _after_eponym_head(self, s: int) -> bool:
        """Does a place or institution noun stand right before the name at s, titles and
        honorifics between («معهد ابن سينا», «حديقة الأمير سلطان», «بمستشفى الملك فهد»)?"""
        k = s - 1
        while k >= 0 and (self.doc[k].is_space or any(t.start <= k < t.end for t in self.out.titles)
                          or normalize(self.doc[k].text) in HONORIFICS):
            k -= 1
        if k < 0 or k < s - 4:
            return False
        return self._eponym_head_at(k)

    def _given_name_after_cue(self, s: int) -> bool:
        """«الرائد الشهيد وسام عيد»: right after a rank or profession (honorifics between), a name word
        that also heads eponyms («وسام»: an order, and the given name Wisam) begins the name. After
        an office it is left to the eponym («تسلم الرئيس الهندي وسام زايد»: the Order of Zayed)."""
        k = s - 1
        while k >= 0 and (self.doc[k].is_space or self.view.norm[k] in HONORIFICS):
            k -= 1
        return k >= 0 and k in self.cue_tokens and self.lex.is_name_word(self.view.norm[s])

    def _eponym_head_at(self, k: int) -> bool:
        """A place or institution noun in the construct state: no article («جامعة الملك سعود»;
        «بالجامعة الدكتور X» is the university, then a person)."""
        if any(r.startswith("ال") for r in [self.view.norm[k], *self.view.readings(k)[:3]]):
            return False
        return any(r in self.lex.eponym_heads for r in self.view.readings(k)[:3])

    def _may_follow_honorific(self, i: int) -> bool:
        """Can word i begin the name after an honorific though it is an ordinary word («الدكتور
        مساعد العيبان», «الشيخ صباح الأحمد»)? Not a nationality, title word or another honorific."""
        norm = self.view.norm[i]
        return (self.lex.nationalities.match_at(self.view, i) is None and not self.lex.offices.knows_word(norm)
                and norm not in HONORIFICS and not self._is_stop(i))

    def _unknown_word(self, i: int) -> bool:
        """A word no lexicon knows (no ordinary word, title word, nationality, place, name word)
        and not shaped like a plural or dual («اللاعبان», «القياصرة»): a foreign name, maybe."""
        norm = self.view.norm[i]
        if norm.endswith(("ين", "ون", "ان", "ات", "ه")) or norm in self.lex.mostly_not_names:
            return False
        return not (self._known_word(norm) or norm in self.lex.news_words or self.lex.offices.knows_word(norm)
                    or self.lex.person_cues.match_at(self.view, i) is not None)

    def _nisba(self, i: int) -> bool:
        norm = normalize(self.doc[i].text)
        return i > 0 and norm.startswith("ال") and norm.endswith("ي") and len(norm) > 4 and not (
            self.lex.nationalities.match_at(self.view, i) is not None and normalize(self.doc[i - 1].text) in {"المسوول", "الجانب"}
        )

    def _starts_names(self, i: int) -> bool:
        """A given name, or a Wikidata name word followed by another one («هانز غروندبرغ»)."""
        if i >= len(self.doc):
            return False
        if self.doc[i].text in self.lex.given_names:
            return True
        j = self._on_line(i + 1)
        return self.lex.is_name_word(self.view.norm[i]) and j < len(self.doc) and self.lex.is_name_word(self.view.norm[j])

    def _plain_name_word(self, i: int) -> bool:
        if i >= len(self.doc):
            return False
        t = self.doc[i]
        norm = normalize(t.text)
        return t.is_alpha and norm not in NAME_STOP and not self.is_common(t.text) and not norm.startswith("و")

    def is_common(self, word: str) -> bool:
        """An ordinary word of news (with or without a glued و/ف), so not part of a name."""
        norm = normalize(word)
        if norm in self.lex.news_words:
            return True  # ordinary in 8 M words of news (scripts/build_news_words.py): this doc's model tag is no proof
        if self._construct_dual(norm):
            return True
        return any(r in self.lex.common_words for r in self._word_readings(clitic_readings(norm))[:3]) and norm not in self.known_names

    def _construct_dual(self, norm: str, tagged: bool = False) -> bool:
        """Is the word the dual of a feminine noun of news before its complement («برقيتي تهنئة»:
        two cables of congratulation, «رسالتي»), the «ة» become «تي»? News counts miss the form;
        its singular is an ordinary word, and no Wikidata name word is written so. `tagged`: a
        person tag of this doc's model is no proof against it (it is, for a word read alone)."""
        return (len(norm) >= 5 and norm.endswith("تي") and norm[:-2] + "ه" in self.lex.news_words
                and not self.lex.is_name_word(norm) and (tagged or norm not in self.known_names))

    def _ner_person_at(self, start: int) -> SpacySpan | None:
        for ent in self.ents:
            if ent.label_ in PERSON_LABELS and ent.start <= start < ent.end:
                return ent
        return None

    def _strip_person_clitic(self, span_start: int, span_end: int, anchored: bool = False) -> int:
        """Character offset where a person's name starts: a leading و/ل/ب is dropped only when the
        rest is used elsewhere in the article as a word of its own («ونوفاك» → نوفاك; «بوتين» keeps ب)."""
        tok = self.doc[span_start]
        norm = normalize(tok.text)
        if len(norm) > 4 and norm[0] in "وفلب" and norm[1:] in self.vocab and not (norm[0] in "بل" and self.lex.is_name_word(norm)):
            return tok.idx + 1  # «بيونغ», «لطفي» are names of their own, not «بـ»/«لـ» + a name
        if len(norm) > 3 and norm[0] in "بل" and norm[1:] in self._first_names and not self.lex.is_name_word(norm) \
                and tok.text not in self.lex.given_names:
            return tok.idx + 1  # «بجون كيري», «لمحمد نجيب»: the preposition glued to a given name
        if len(norm) > 4 and norm[0] in "بل" and self.lex.is_name_word(norm[1:]) and not self.lex.is_name_word(norm) \
                and tok.text not in self.lex.given_names and span_end - span_start >= 2:
            return tok.idx + 1  # «لأنتونيو غوتيريش», «لفرانس تيمرمانس»: the preposition glued to a name word
        if not anchored and len(norm) > 3 and norm[0] == "و" and tok.text[1:2] in "أإآ" and tok.text not in self.lex.given_names \
                and self.lex.is_name_word(norm[1:]) and not self.lex.is_name_word(norm):
            return tok.idx + 1  # «وأيمن الصفدي»: «و» + a name written with its hamza, whatever a respelling test says («ويمن»)
        # «وسميحة أيوب», «وعبد العزيز»: the corpora keep و inside names; a name that itself
        # starts with و («وليد», «وفاء») is a known given name.
        if (
            not anchored  # «للرئيس الكيني وليام روتو»: after a title no conjunction starts a name
            and len(norm) > 3
            and norm[0] == "و"
            and tok.text not in self.lex.given_names
            and not self.lex.is_name_word(norm)  # «والتر», «وليد» are names that start with و
            and not self.lex.is_name_word_spelled_otherwise(norm)  # «وليام»: «ويليام» without its ي
            and tok.text[1:]
            and not tok.text[1:].startswith("و")
        ):
            return tok.idx + 1
        return tok.idx

    def _article_peeled(self, m) -> bool:
        """Was place match `m` read by peeling the article off its first word («المالي» read as
        «مالي»)? A country or city whose name has no article never takes one: with it the word is
        a nisba adjective or a common noun."""
        peeled = normalize(self.text[self.doc[m.start].idx : m.start_char])
        return peeled.endswith(("ال", "لل"))

    def _release_places_in_names(self) -> None:
        """«رئيس الوزراء الإيطالي جورجيا ميلوني»: a one-word place right after a title, before a
        name word, is the first word of the name (the title's own country was read already)."""
        drop = []
        # after a title, or after «نظيره» and its nationality («نظيره الأميركي ليون بانيتا»)
        ends = [t.end for t in self.out.titles]
        for tok in self.toks:
            if any(r in COUNTERPARTS for r in clitic_readings(normalize(tok.text))[:3]):
                j = tok.i + 1
                adj = self.lex.nationalities.match_at(self.view, j) if j < len(self.doc) else None
                ends.append(adj.end if adj is not None else j)
        for end in ends:
            j = self._skip(end)
            ref = next((r for r in self.out.refs if r.how == "place" and r.start == j and r.end == j + 1), None)
            if ref is None or j + 1 >= len(self.doc):
                continue
            k = self._skip(j + 1)
            if k < len(self.doc) and (self.lex.is_name_word(self.view.norm[k]) or self._ner_person_at(k) is not None) \
                    and not any(r.how == "place" and r.start == k for r in self.out.refs):
                drop.append(ref)
        for ref in drop:
            self.out.refs.remove(ref)
            self.taken.discard(ref.start)
            ent = self.out.by_id(ref.entity)
            ent.mentions = [m for m in ent.mentions if m.span.start != self.doc[ref.start].idx]

    def person_names(self) -> None:
        self._release_places_in_names()
        doc = self.doc
        candidates: list[tuple[int, int, TitleMatch | None]] = []
        anchored_country: dict[int, str] = {}
        counterpart_at: set[int] = set()  # where a name after «نظيره» starts
        anchored_starts: set[int] = set()  # names right after a title or «نظيره»
        cue_anchors: set[int] = set()  # positions right after a rank, kinship word or profession
        honorific_anchors: set[int] = set()  # right after «الشيخ», «الأمير»: names of two words or more only
        anchors: list[tuple[int, TitleMatch | None]] = [(t.end, t) for t in self.out.titles]
        title_adjectives: set[int] = set()  # «الهاشمي» in «رئيس الديوان الملكي الهاشمي الدكتور …»
        # «العميد علي رضا تنكسيري», «وزوجته بريجيت», «الصحافي جمال خاشقجي»: a rank, a kinship
        # word or a profession introduces a name as a title does (data/lexicon/person_cues.tsv).
        title_tokens = {i for t in self.out.titles for i in range(t.start, t.end)}
        for cue in self.lex.person_cues.find(self.view):
            if cue.start in title_tokens or any(i in self.taken for i in range(cue.start, cue.end)):
                continue
            if cue.payload == "relation":
                continue  # «صهر ترامب»: the name after it is not the person the noun refers to
            if self.doc[cue.start].text in WRITTEN_STOPS:
                continue  # «أمام رغبة كيم» (in front of) is written with «أ»; the imam, «إمام», reads the same once normalised
            j = cue.end
            if cue.payload == "head":
                # «رئيس منظمة الطاقة الذرية الإيرانية X», «المدير العام للوكالة الدولية … X»: the
                # name comes after the organisation the model read, and no head noun alone anchors
                while j < len(doc) and doc[j].is_space:
                    j += 1
                org = next((e for e in self.ents if e.label_ in ORG_LABELS and e.start == j), None)
                if org is None:
                    continue
                j = org.end
            while cue.payload == "rank" and j < len(doc) and self.view.norm[j] in RANK_MODIFIERS:
                j += 1  # «الفريق متقاعد محمد العماني», «الجنرال احتياط …»: the rank goes on
            adj = self._agreeing_nationality(j, cue.end - 1) if j < len(doc) else None
            if adj is not None:
                j = adj.end  # «الصحافي السعودي جمال خاشقجي»
                anchored_country[j] = adj.payload  # «الزعيم الكوري الشمالي كيم جونغ أون» is of KP
            anchors.append((j, None))
            cue_anchors.add(j)
            if cue.payload == "kinship":
                self._kin_starts.add(j)
            self.cue_tokens.update(range(cue.start, cue.end))
        for tok in self.toks:
            if self.view.norm[tok.i] in NAME_HONORIFICS and tok.i not in title_tokens and tok.i + 1 < len(doc) \
                    and self.view.norm[tok.i + 1] not in HONORIFICS:
                adj = self.lex.nationalities.match_at(self.view, tok.i + 1)
                j = adj.end if adj is not None else tok.i + 1  # «الشيخ المصري عمر عبد الرحمن»
                anchors.append((j, None))
                cue_anchors.add(j)
                honorific_anchors.add(j)
        for tok in self.toks:
            if any(r in COUNTERPARTS for r in clitic_readings(normalize(tok.text))[:3]):
                j = tok.i + 1
                adj = self.lex.nationalities.match_at(self.view, j) if j < len(doc) else None
                title_nat = self._title_nationality(j) if adj is None and j < len(doc) else None
                if adj is not None:
                    j = adj.end
                elif title_nat is not None:
                    j += 1  # «نظيره المالي»: his Malian counterpart
                anchors.append((j, None))
                counterpart_at.add(j)
                if adj is not None or title_nat is not None:
                    anchored_country[j] = adj.payload if adj is not None else title_nat
                if adj is not None and any(r in PLURAL_COUNTERPARTS for r in clitic_readings(normalize(tok.text))[:3]):
                    # «ونظيراه البريطاني وليم هيغ والألماني غيدو فسترفيله»: after his two (or more)
                    # counterparts, each «و» + nationality opens the next one's name
                    k = j
                    while k < min(len(doc), j + 16) and not (doc[k].is_punct and doc[k].text not in {"،", ","}):
                        nxt = self.lex.nationalities.match_at(self.view, k) if self.view.norm[k].startswith("و") else None
                        if nxt is not None and nxt.start_char > doc[k].idx:
                            anchors.append((nxt.end, None))
                            anchored_country[nxt.end] = nxt.payload
                            k = nxt.end
                            continue
                        k += 1
        for pos, title in anchors:
            rng = self._name_after(pos)
            if rng is None:
                continue
            if title is not None and title.start > 0 and self._office_plural(self.view.norm[self._skip_back(title.start)]):
                title = None  # «مستشارو رئيس الجمهورية الدكتور X»: X is an adviser, the title their genitive
            if rng[1] - rng[0] == 1 and self._nisba(rng[0]) and rng[1] < len(doc) and normalize(doc[rng[1]].text) in HONORIFICS:
                # «رئيس الديوان الملكي الهاشمي الدكتور فايز الطراونة»: a nisba before an honorific
                # is the title's adjective; the name follows the honorific
                alt = self._name_after(self._skip(rng[1]))
                if alt is not None:
                    title_adjectives.add(rng[0])
                    rng = alt
            if pos in cue_anchors and not self._has_name_evidence(*rng):
                continue  # «لزوجته وأطفالهما»: a cue before no name
            if pos in honorific_anchors and rng[1] - rng[0] < 2:
                continue  # one word after «الشيخ» is left to the model and the name lists
            if pos in cue_anchors and self.view.norm[rng[0]].startswith("وال") and not self.lex.is_name_word(self.view.norm[rng[0]]):
                continue  # «الخطيب والإمام والمؤذن»: nouns coordinated after the cue, no name
            ner = self._ner_person_at(rng[0])
            if ner is not None and ner.end > rng[1]:
                # The model's longer span wins, up to where a name cannot go on («الرئيس
                # بوتفليقة والشيخ علي»: the model ran into the next person's honorific).
                # (a place read already ends it: «زيلينسكي كييف متوجها …»)
                e = rng[1]
                while e < min(ner.end, rng[0] + 5) and not self._ends_name_before(e) and not self._nationality_after_known_name(rng[0], e) and (
                        e not in self.taken or self.view.norm[e].startswith("ال")) and (  # «سلمى اللومي» is no «لومي»
                        not self._ordinary(e) or self.view.norm[e].endswith("ي") or self.lex.is_name_word(self.view.norm[e])):
                    # («بايدن هاتفيا», «شريف القمة»: an ordinary word ends it, unless it has a
                    # surname's shape in «ي» («إبراهيم رئيسي») or a name list knows it)
                    e += 1
                rng = (rng[0], e)
            country = anchored_country.get(pos) or (title.country if title is not None else None)
            if country in SYLLABLE_NAME_COUNTRIES:
                rng = (rng[0], self._third_syllable(*rng))
            candidates.append((rng[0], rng[1], title))
            anchored_starts.add(rng[0])
            if pos in anchored_country:
                anchored_country[rng[0]] = anchored_country[pos]
            if pos in counterpart_at:
                counterpart_at.add(rng[0])
        # A given name («مصطفى», «فؤاد») followed by more name words: a person even when the
        # title before it is misspelled or missing («رئبس الوزراء العراقي مصطفى الكاظمي»).
        for tok in self.toks:
            if tok.text in self.lex.given_names and tok.i not in self.taken:
                rng = self._name_after(tok.i)
                if rng is not None and rng[0] == tok.i and rng[1] - rng[0] >= 2:
                    candidates.append((rng[0], rng[1], None))
        if self.lex.news_words:
            self._name_word_runs(candidates)
        # «والتقى لودريان … السيسي»: a surname news uses alone most of the time is a person where
        # the model missed it (data/lexicon/likely_surnames.tsv)
        for tok in self.toks:
            i = tok.i
            if i in self.taken or not tok.is_alpha or len(self.view.norm[i]) < 5:
                continue
            norm = self.view.norm[i]
            reading = norm if norm in self.lex.likely_surnames else (norm[1:] if norm[0] in "وف" else None)
            if reading is None or reading not in self.lex.likely_surnames or len(reading) < 5:
                continue
            readings = self.view.readings(i)[:3]
            if self._ordinary_word(i) or any(r in HONORIFICS or self._known_word(r, names=False) or r in self._given_norm
                                             or r in time_words() for r in readings) \
                    or any(t.start <= i < t.end for t in self.out.titles):
                continue  # «الشيخ», «وفدا»: an honorific, an ordinary word with a glued «و»
            candidates.append((i, i + 1, None))
        for ent in self.ents:
            if ent.label_ in PERSON_LABELS:
                s, e = _clean_span(doc, ent.start, ent.end)
                if self.benediction_at(s):
                    continue  # «رضوان الله عليه» after a name is a formula, not a second person
                cut = next((k for k in range(s + 1, e) if self.benediction_at(k) or self._kin_link(k) or self._glued_to_name(k)), None)
                if cut is not None:
                    # «فيصل بن عبد العزيز رحمه الله»: the formula is no name; «رامي حداد ابن خال الرئيس»: the
                    # kinship phrase is none either; nor «لبوتين» in «أردوغان لبوتين» (to another person)
                    s, e = _clean_span(doc, s, cut)
                family = next((k for k in range(s + 1, e) if self.view.norm[k] == "ال"), None)
                if family is not None and family + 1 < len(doc) and doc[family + 1].is_alpha:
                    # «سعيد بن عبدالله آل عطيان شيخ …»: «آل X» ends the name; «حامد آل» where the
                    # model stopped takes the family word after it
                    e = family + 2
                if any(not (doc[i].is_alpha or (i > s and _hyphen_led(doc[i].text))) for i in range(s, e)):
                    continue  # «لـ«الشرق الأوسط»: quote marks or digits inside are not a name
                while s < e - 1 and normalize(doc[s].text).lstrip("وف").startswith("ال") and not self._hamza_al(s) and (
                    not self._nisba(s) or self.lex.nationalities.match_at(self.view, s) is not None
                ) and not (
                    normalize(doc[s].text)[:1] in "وف" and self.lex.is_name_word(normalize(doc[s].text)[1:])
                ) and not self._unknown_word(s) and normalize(doc[s].text).lstrip("وف") not in self.lex.definite_given_names:
                    # «وإلكاي غوندوغان»: «و» + a name that begins with «إل», no definite description;
                    # «اليغ ازيروف»: a word no lexicon knows is a foreign name that begins with «ال»;
                    # «الطيب البكوش»: a Maghreb given name with the article (definite_given_names.txt)
                    s += 1  # «الشاعر ياسر التويجري», «المصري سامح شكري»: a description before the name
                while e - s >= 2 and self._kin_link(s):
                    s += 2  # «ابن خاله نجيب طيلون»: his cousin, then the name
                if s >= e:
                    continue  # «ابن خاله» alone: a relation, no name
                after_honorific = s > 0 and normalize(doc[s - 1].text) in HONORIFICS
                while s < e and (
                    any(r in HONORIFICS or r in COUNTERPARTS for r in self.view.readings(s)[:3])
                    or (e - s > 1 and self.lex.person_cues.match_at(self.view, s) is not None)  # «الملا محمد عمر»
                    or (self._is_stop(s) and not (e - s >= 3 and self._ban_at(s)))
                    or (e - s > 1 and self.view.norm[s] in self.lex.group_nouns)  # «أنصار القذافي»
                    or (e - s > 1 and self.view.norm[s] in RANK_MODIFIERS)  # «(الفريق) متقاعد محمد العماني»
                    or self.future_verb(s)  # «ستضيع صرخته»: a future verb the model read as a name
                    or (self._ordinary(s) and not (doc[s].text.endswith("ي") and e - s > 1 and self.lex.nationalities.match_at(self.view, s) is None)
                        and not (after_honorific and e - s > 1 and self._may_follow_honorific(s))
                        and not (e - s > 1 and self._indefinite_given_name(s)))  # «تركي الشليل»
                    or (self.view.norm[s][:1] in "بلك" and self.glued_phrase(s))
                    or (e - s > 1 and self.lex.triggers.match_at(self.view, s) is not None)  # «وأقابل كيم»
                    or self._verb_trigger_alone(s, e)  # «وزارت ميركل»: the model tagged the verb alone
                ):
                    # «المسؤول الروسي», «رئيس»: not part of the name. A first word written with
                    # a final ي («علي ناصر») is kept: normalisation merges it with «على»; so is an
                    # ordinary word right after an honorific («الدكتور مساعد العيبان»).
                    after_honorific = normalize(doc[s].text) in HONORIFICS
                    s += 1
                for k in range(s + 1, e):
                    if self._ends_name_before(k) or self._nationality_after_known_name(s, k):
                        e = k  # «البشير ونظيره عبد الفتاح», «ستيفان دي مستورا سيعقدان», «جون كيري الأمريكي»: cut there
                        break
                while e > s + 1 and self.view.norm[e - 1] in time_words() and not self._day_surname(e - 1):
                    e -= 1  # «… الشيشاني البارحة»: a day word after the name (not «علي جمعة»)
                while e > s and self.view.norm[e - 1] in HONORIFICS and not (e - 2 >= s and self.view.norm[e - 2] in NAME_LINKS) \
                        and self._name_follows(e):
                    e -= 1  # «المسجد الحرام الشيخ الدكتور …»: the honorific of the next name («آل الشيخ» is a family)
                while e > s and self._ordinary(e - 1) and not self._nisba(e - 1) and not (e - 2 >= s and self.view.norm[e - 2] == "ال"):
                    e -= 1  # «صالح التهدئة»: the model ran on into an ordinary word (not «آل غرامة»)
                e = self._extend_by_name_words(s, e)
                if s >= e or any(i in self.taken for i in range(s, e)):
                    continue
                if any(self.view.norm[k] in self.lex.not_person_words for k in range(s, e)) or self._medium_ahead(e):
                    continue  # «شفق نيوز», «هيومن رايتس ووتش»: a medium or an organisation the model read as a person
                if e - s >= 2 and all(self.view.norm[k].endswith("ان") and not self.lex.is_name_word(self.view.norm[k])
                                      and doc[k].text not in self.lex.given_names for k in range(s, e) if doc[k].is_alpha):
                    continue  # «شريكان عريقان»: a dual noun and its adjective, no name
                if self._plural_phrase(s, e):
                    continue  # «ديبلوماسيون أوروبيون», «جنودا ألمانا متمركزين»: a plural noun phrase
                if s > 0 and normalize(doc[s - 1].text) == "في":
                    continue  # «في صالح التهدئة»: after «في» the model's guess is an ordinary phrase
                if e - s == 1 and s > 0 and doc[s - 1].text in {"من", "إلى", "الى", "على", "عن"} and self._ordinary(s, strict=False):
                    continue  # a single ordinary word after a preposition, not a person
                candidates.append((s, e, None))
        # A hyphen with no space on either side joins one written word («مون جاي-إن», «أوي-يونغ»):
        # a name never ends or starts inside it, whatever the word after the hyphen is alone.
        candidates = [(*self._whole_words(s, e), title) for s, e, title in candidates]
        candidates += self._joined_across_name_word(candidates)
        # Title-anchored names first (their boundaries are surer), then longest first.
        candidates.sort(key=lambda c: (c[2] is None, -(c[1] - c[0]), c[0]))
        used: set[int] = set()
        for s, e, title in candidates:
            cue = self.lex.person_cues.match_at(self.view, s) if e - s > 1 else None
            if cue is not None and cue.payload != "relation" and cue.end < e:
                s = cue.end  # «والعميد عبدالله الكثيري» from a run of name words: the rank is no name
            while e > s + 1 and self.view.norm[e - 1] in NAME_LINKS:
                e -= 1  # a name does not end in «بن», «ولد» («محمد ولد في القاهرة»: was born)
            if any(i in used for i in range(s, e)):
                continue
            if any(t.start <= s < t.end for t in self.out.titles):
                continue
            if self.benediction_at(s):
                continue  # «وعلى صاحبيه رضوان الله عليهما»: a formula, whatever path read it as a name
            if self._only_demonyms(s, e) or (self._only_demonyms(s, s + 1) and self._plural_phrase(s, e)) or self._plural_word(s, e):
                continue  # «ضباط ألمان», «جنود روس», «ألمان متمركزين»: a plural demonym, whatever found it, is no person
            if all(k in title_adjectives for k in range(s, e)):
                continue
            if self._second_person(e - 1):
                continue  # «ونبيل مواقفكم»: whatever found it, no name ends in «كم»
            if s > 0 and self.view.norm[s - 1] in NASAB:
                continue  # «… بن عبدالعزيز»: the rest of a longer name, not a name of its own
            head_inside = next((k for k in range(s + 1, e) if self._eponym_head_at(k) and self.view.norm[k] not in NAME_LINKS), None)
            if head_inside is not None:
                e = head_inside  # «ومنح الملك الضيف وسام الملك عبدالعزيز»: the decoration's name is no part of a person's
            if self._after_eponym_head(s) or (e - s > 1 and self._eponym_head_at(s) and not self._given_name_after_cue(s)):
                # «شارع أبي فراس الحمداني», «حديقة الأمير سلطان»: a place named after him; its
                # words are no one's surname either
                used.update(range(s, e))
                self.taken.update(range(s, e))
                continue
            if s > 0 and s not in anchored_starts and self.view.norm[s - 1] == "في" and self.doc[s].text not in self.lex.given_names:
                continue  # «الألعاب الأولمبية في بيونغ تشانغ»: after «في» stands a place or a time
            used.update(range(s, e))
            start_char = self._strip_person_clitic(s, e, anchored=s in anchored_starts)
            end_char = doc[e - 1].idx + len(doc[e - 1].text) - self._glued_tail(e - 1)
            name = " ".join(self.text[start_char:end_char].split())
            if len(tokens(name)) == 0 or len(normalize(name)) < 3:
                continue
            local = self._bracketed_alias_of(s, e) or self._person_for(name, start_char)
            if local is None:
                continue
            ent = self.out.by_id(local)
            self.add_mention(ent, start_char, end_char, doc[s])
            self.out.refs.append(TokenRef(s, e, local, "name"))
            self.taken.update(range(s, e))
            if s in anchored_starts:
                self.anchored.add(local)
            if s in counterpart_at:
                self.counterparts.add(local)
            if s in self._kin_starts and not ent.roles:
                self.kin.add(local)
            if title is not None:
                self._add_role(ent, title)
            elif s in anchored_country and not ent.country:
                ent.country = anchored_country[s]
        self._surnames()
        self._appositive_titles()

    def _bracketed_alias_of(self, s: int, e: int) -> str | None:
        """The person named right before a name in brackets: «محمود عباس (أبو مازن)» gives the
        name he is also known by, a kunya or a short name, not a second person."""
        k, j = self._skip_back(s), self._on_line(e)
        if k < 1 or self.doc[k].text != "(" or j >= len(self.doc) or self.doc[j].text != ")":
            return None
        before = self._skip_back(k)
        ref = next((r for r in self.out.refs if r.how == "name" and r.end == before + 1), None)
        return ref.entity if ref is not None and self.out.by_id(ref.entity).type == "Person" else None

    def _person_for(self, name: str, at: int | None = None) -> str | None:
        """The person a name belongs to within this article: the same name (or a transliteration
        variant of it), or the one longer name it is a short form of; a new person otherwise.

        A short form keeps the longer name's words in order and its last word (the surname:
        «شويغو», «رضا تنكسيري» of «علي رضا تنكسيري») or its first word (the given name: «مايك» of
        «مايك بنس», «محمد شياع» of «محمد شياع السوداني»). A short form two people of the article
        share names the one named before it (`at`, its offset), else neither (None).
        """
        key = match_key(name)
        pkey = phonetic_key(name)
        solid = key.replace(" ", "")  # «أبوأحمد» is «أبو أحمد», «عبدالله» «عبد الله»: a space lost or added
        for ent in self.out.entities:
            if ent.type != "Person":
                continue
            for m in ent.mentions:
                mkey = match_key(m.text)
                if mkey == key or (len(key.split()) > 1 and phonetic_key(m.text) == pkey) or (
                        len(solid) >= 6 and mkey.replace(" ", "") == solid):
                    return ent.local_id
        words = pkey.split()
        owners = set()
        for ent in self.out.entities:
            if ent.type != "Person":
                continue
            for m in ent.mentions:
                full = phonetic_key(m.text).split()
                if _names_the_father(words, full):
                    continue  # «سلمان بن عبدالعزيز» in «محمد بن سلمان بن عبدالعزيز» is his father
                if len(full) > len(words) and _in_order(words, full) and (words[-1] == full[-1] or words[0] == full[0]):
                    owners.add(ent.local_id)
        if len(owners) == 1:
            return owners.pop()
        if len(owners) > 1 and at is not None:
            # a short form refers back: to the one of them named before it, if only one is
            # («ترودو» after «جاستين ترودو», before «زوجة ترودو، صوفي غريغوار ترودو»)
            earlier = {e for e in owners if any(m.span.start < at for m in self.out.by_id(e).mentions)}
            if len(earlier) == 1:
                return earlier.pop()
        if len(owners) > 1 and len(owners - self.kin) == 1:
            return (owners - self.kin).pop()  # «ترودو» beside «جاستين ترودو» and «زوجته صوفي غريغوار ترودو»
        if len(owners) > 1:
            return None  # «محمد» beside «محمد بن سلمان» and «محمد بن زايد»: it names neither
        return self.new_entity("Person", name).local_id

    def _surnames(self) -> None:
        """Single words elsewhere in the article that are the surname of a person named in full."""
        doc = self.doc
        surname_of: dict[str, str] = {}
        clash: set[str] = set()
        for ent in self.out.entities:
            if ent.type != "Person":
                continue
            for m in ent.mentions:
                words = m.text.split()
                if len(words) > 1:
                    k = phonetic_key(words[-1])
                    if surname_of.get(k, ent.local_id) != ent.local_id:
                        clash.add(k)
                    surname_of[k] = ent.local_id
        for k in clash:
            surname_of.pop(k, None)
        surname_exact = [
            m.text.split()[-1] for ent in self.out.entities if ent.type == "Person" for m in ent.mentions if len(m.text.split()) > 1
        ]
        if not surname_of:
            return
        for tok in self.toks:
            if tok.i in self.taken or not tok.is_alpha:
                continue
            norm = normalize(tok.text)
            if len(norm) < 4:
                continue
            # The cheap test first: most words are nobody's surname.
            start_char = tok.idx
            k = phonetic_key(tok.text)
            if k not in surname_of:
                # «والسوداني»: a conjunction glued to the surname.
                if norm[0] in "وفل" and phonetic_key(norm[1:]) in surname_of:
                    k, start_char = phonetic_key(norm[1:]), tok.idx + 1
                else:
                    continue
            if tok.i > 0 and normalize(doc[tok.i - 1].text) == "في":
                continue  # «في صالح التهدئة»: after «في» a bare surname is an ordinary word
            if norm in HONORIFICS and any(r.how == "name" and r.start == self._skip(tok.i + 1) for r in self.out.refs):
                continue  # «الفريق الشيخ راشد …»: the honorific of the next name, not «آل الشيخ» again
            if self.lex.nationalities.match_at(self.view, tok.i) is not None or self.is_common(tok.text):
                # An ordinary word («صالح», «السوداني») is a surname only when spelled exactly as
                # one, and either carries the nisba article or follows a title («الرئيس صالح»).
                exact = match_key(tok.text) in {match_key(w) for w in surname_exact}
                nisba = norm.lstrip("وف").startswith("ال")
                titled = any(t.end == tok.i for t in self.out.titles)
                if not (exact and (nisba or titled)):
                    continue
            ent = self.out.by_id(surname_of[k])
            self.add_mention(ent, start_char, tok.idx + len(tok.text), tok)
            self.out.refs.append(TokenRef(tok.i, tok.i + 1, ent.local_id, "name"))
            self.taken.add(tok.i)

    def _appositive_titles(self) -> None:
        """«سيرغي شويغو، أمين مجلس الأمن الروسي»: a title right after a name and a comma is the
        name's role; a title alone refers back to whoever held it earlier in the article."""
        refs = sorted(self.out.refs, key=lambda r: r.start)
        chain: tuple[EntityRecord, int] | None = None  # the person whose run of titles goes on, and where
        for title in sorted(self.out.titles, key=lambda t: t.start):
            if any(r.start == self._skip(title.end) and r.how == "name" for r in refs):
                chain = None
                continue  # title + name: handled in person_names
            if chain is not None and self._chain_goes_on(chain, title):
                # «ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع»: a run of titles
                # after a name is all his; a glued «لـ» («لرئيس») is part of the title before
                if self.view.norm[title.start][:1] not in "لب":
                    self._add_role(chain[0], title)
                chain = (chain[0], title.end)
                continue
            chain = None
            if title.start > 0 and self._eponym_head_at(title.start - 1):
                continue  # «مركز الملك سلمان للإغاثة»: the title names an institution, no one in the text
            # a lone ordinal is no holder: «ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء»
            near = next((r for r in refs if r.how == "name" and title.end < r.start <= title.end + 3
                         and not (r.end - r.start == 1 and self.view.norm[r.start] in REGNAL)), None)
            if near is not None and self.out.by_id(near.entity).type == "Person" and all(
                self.doc[k].is_alpha or self.doc[k].is_space for k in range(title.end, near.start)
            ) and not any(t.start in range(title.end, near.start) for t in self.out.titles) and not any(
                self._trigger_at(k) or self.view.norm[k] in WITH_PREPOSITIONS for k in range(title.end, near.start)):
                # («رافق الرئيس في هذه الزيارة X»: an event word between ends the title's phrase;
                # «جليلي أمين المجلس … مع اللحام»: after «مع» stands another person)
                # «الرئيس المنتهية ولايته أنريكي بينيا نيتو»: a few words qualify the title of the
                # name after them; the title is that person's, no reference back to another
                self._add_role(self.out.by_id(near.entity), title)
                continue
            if self.view.norm[title.start][:1] in "لب" and not self.view.norm[title.start].startswith(("ال",)):
                # «… السوداني، لنائب رئيس الوزراء الروسي»: «to the deputy PM», not an apposition
                holder = self._holder_of(title)
                if holder is not None:
                    self.out.refs.append(TokenRef(title.start, title.end, holder, "title"))
                continue
            before = [r for r in refs if r.how == "name" and r.end <= title.start and title.start - r.end <= 2]
            with_after = self._skip(title.end) < len(self.doc) and self.view.norm[self._skip(title.end)] in WITH_PREPOSITIONS
            if before and all(self.doc[i].text in {"،", ",", "«", "»"} or self.doc[i].is_space for i in range(before[-1].end, title.start)) and (
                    before[-1].end < title.start or with_after or self._chained_title(before[-1], title)):
                # («بحث سعيد جليلي أمين المجلس … مع اللحام»: a title between a name and «مع» is the name's)
                ent = self.out.by_id(before[-1].entity)
                self._add_role(ent, title)
                if ent.type == "Person":
                    chain = (ent, title.end)
                continue
            holder = self._holder_of(title)
            if holder is not None:
                self.out.refs.append(TokenRef(title.start, title.end, holder, "title"))
        self.out.refs.sort(key=lambda r: r.start)

    def _chain_goes_on(self, chain: tuple[EntityRecord, int], title: TitleMatch) -> bool:
        """Does `title` continue the run of titles that ended at `chain[1]`: at most two words
        between (an ordinal, «النائب»), none of them punctuation, and no «و» (which starts the
        next person's title: «… وزير الدفاع ووزير الدولة … مساعد العيبان»)?"""
        ent, end = chain
        gap = range(end, title.start)
        if len(gap) > 2 or title.start < end:
            return False
        word, head = normalize(self.doc[title.start].text), normalize(title.text.split()[0])
        if not all(self.doc[k].is_alpha for k in gap) or (word != head and word.startswith("و")):
            return False
        return title.country is None or title.country == ent.country

    def _chained_title(self, ref: TokenRef, title: TitleMatch) -> bool:
        """«الأمير محمد بن سلمان ولي ولي العهد وزير الدفاع»: a title right after a person's name,
        with no name of its own after it and no country but his, is his."""
        ent = self.out.by_id(ref.entity)
        # A person already titled by an office before his name («الرئيس السيسي وزير الخارجية»)
        # is followed by the next constituent, the other party; after honorifics alone («صاحب
        # السمو الملكي الأمير», «معالي الدكتور») the titles come after the name.
        offices = [r for r in ent.roles if normalize(r.title_ar) not in HONORIFICS]
        return ent.type == "Person" and title.country is None and not offices

    def _skip(self, i: int) -> int:
        doc = self.doc
        while i < len(doc) and (doc[i].is_space or doc[i].text in {"«", "\"", "،", ","} or normalize(doc[i].text) in HONORIFICS):
            i += 1
        return i

    def _holder_of(self, title: TitleMatch) -> str | None:
        """The person the article names elsewhere with the same office (and country)."""
        owners = []
        former = _former(title.text)
        for ent in self.out.entities:
            if ent.type == "Person" and not (len(ent.name.split()) == 1 and normalize(ent.name) in REGNAL) and any(
                r.office_key == title.office.key and (title.country is None or (r.country or ent.country) in (None, title.country))
                and _former(r.title_ar) == former  # «الرئيس المصري» is not «الرئيس السابق حسني مبارك»
                for r in ent.roles
            ):
                owners.append(ent.local_id)
        if len(owners) > 1:
            # «رئيس الجمهورية» beside «الرئيس الأمريكي باراك أوباما» and «رئيس الجمهورية الباجي
            # قائد السبسي»: the one named with this very title
            same = [o for o in owners if any(match_key(r.title_ar) == match_key(title.text) for r in self.out.by_id(o).roles)]
            counts = sorted(((len(self.out.by_id(o).mentions), o) for o in owners), reverse=True)
            if (len(same) != 1 or len(tokens(title.text)) == 1) and counts[0][0] >= 3 and counts[0][0] >= 2 * counts[1][0]:
                # a bare «الرئيس» («الأخ الرئيس») in a story about one president, another named in
                # passing: the one named at least three times and twice as often as any other
                same = [counts[0][1]]
            owners = same
        if title.country is not None and owners and not any(
                (r.country or self.out.by_id(o).country) == title.country for o in owners for r in self.out.by_id(o).roles):
            # «ودعا وزير الخارجية X نظيره البريطاني Y …. يذكر أن وزير خارجية المملكة المتحدة حل
            # بتونس»: the office held by someone of no known country, and a counterpart of the
            # title's country named with no title, who holds the same office as the one he faces
            counterparts = [local for local in self.counterparts if self.out.by_id(local).country == title.country
                            and not self.out.by_id(local).roles]
            owners = counterparts or owners
        return owners[0] if len(owners) == 1 else None

    def _add_role(self, ent: EntityRecord, title: TitleMatch) -> None:
        if any(r.span == Span(title.start_char, title.end_char) for r in ent.roles):
            return
        ent.roles.append(
            Role(
                title_ar=title.text,
                office_key=title.office.key,
                office_en=title.office.label_en,
                country=title.country,
                span=Span(title.start_char, title.end_char),
                sentence=self.sent_spans[title.start],
            )
        )
        if title.country and not ent.country:
            ent.country = title.country

    def drop_unsupported_persons(self) -> None:
        """A person needs positive evidence. A name of one word that no title or «نظيره» stands
        before, and that is no short form of a longer name in the article (`_person_for` already
        tried), is kept only when it can be a surname used alone («ترامب»): a given name alone
        («مايك», «سيرغي»), a plural or dual noun («الكوريين», «الزعيمان»), an ordinary word or a
        nationality is no person of its own, nor is a word no name list knows."""
        drop = set()
        for ent in self.out.entities:
            if ent.type != "Person":
                continue
            words = {w for m in ent.mentions for w in tokens(m.text) if w not in NAME_LINKS}
            if all(self._at_benediction(m.span.start) for m in ent.mentions):
                drop.add(ent.local_id)  # «رضوان الله (عليه)»: a formula after a name, not a second person
                continue
            if all(len(tokens(m.text)) == 1 for m in ent.mentions) and words <= self.lex.divine_names:
                drop.add(ent.local_id)  # «فيلق الرحمن», «ضيف مصر العزيز»: God or an adjective, a name only after «عبد»
                continue
            if not ent.roles and self._short_name_of_a_body(ent):
                drop.add(ent.local_id)  # «وكالة الأنباء الرسمية (سانا)»: the agency's short name
                continue
            if ent.local_id in self.anchored or ent.roles:
                if len(words) == 1 and all(self._office_plural(w) or self.lex.offices.knows_word(w) for w in words):
                    drop.add(ent.local_id)  # «مستشارو», «مبعوث» after a title the model read as a name
                elif len(words) == 1 and all(w in self.lex.mostly_not_names and w not in self.lex.likely_surnames
                                           and w not in self._given_norm for w in words):
                    drop.add(ent.local_id)  # «كأس الملك أمام …», «الملك الشهيد»: a word after a title that is rarely a name
                elif len(words) == 1 and all(w.startswith("ال") and w.endswith(("يين", "يون")) and len(w) > 6
                                             and not self.lex.is_name_word(w) for w in words):
                    drop.add(ent.local_id)  # «نظرائه الأوروبيين»: a plural nisba, his European counterparts
                elif len(words) == 1 and all(self._construct_dual(w, tagged=True) for w in words):
                    drop.add(ent.local_id)  # «رئيس ديوان الرئاسة، برقيتي تهنئة»: two cables, whatever the model tags
                continue
            if any(len([w for w in tokens(m.text) if w not in NAME_LINKS]) > 1 for m in ent.mentions):
                continue
            if any(self._not_alone(w) for w in words):
                drop.add(ent.local_id)
            elif all(w in self.lex.mostly_not_names and w not in self.lex.likely_surnames for w in words):
                # «أمام», «وحيد», «بأمل», «النصر»: Wikidata knows the word as a name part, but
                # in 8M words of news it is a name under a fifth of the time, and alone, with
                # no title, nothing says it is one here
                drop.add(ent.local_id)
            elif not any(self.lex.is_name_word(w) or w in self.lex.likely_surnames or (w.startswith("ال") and w.endswith("ي") and len(w) > 5)
                         for w in words):
                # «سالزبري», «نوفيتشوك», «كومرسانت»: one word alone that no name list knows (not a
                # Wikidata name word, no surname news uses alone, no nisba «الصلابي») is a place,
                # a thing or a medium the model took for a person, however it tags it
                drop.add(ent.local_id)
        if drop:
            self.out.entities = [e for e in self.out.entities if e.local_id not in drop]
            self.out.refs = [r for r in self.out.refs if r.entity not in drop]

    def _short_name_of_a_body(self, ent: EntityRecord) -> bool:
        """Every mention of `ent` is one word alone in brackets, and the first follows a body's head
        noun (data/lexicon/acronym_heads.txt) within eight words: «وكالة الأنباء السورية (سانا)»."""
        if not all(len(tokens(m.text)) == 1 and self.text[max(0, m.span.start - 4):m.span.start].rstrip().endswith("(")
                   and self.text[m.span.end:m.span.end + 4].lstrip().startswith(")") for m in ent.mentions):
            return False
        first = min(m.span.start for m in ent.mentions)
        words = tokens(self.text[max(0, first - 120):first].rstrip()[:-1])[-8:]  # the words before «(»
        return any(r in self.lex.acronym_heads for w in words for r in clitic_readings(w))

    def _skip_back(self, i: int) -> int:
        """The nearest token before i that is not a space (0 at the start)."""
        k = i - 1
        while k > 0 and self.doc[k].is_space:
            k -= 1
        return max(k, 0)

    def _day_surname(self, k: int) -> bool:
        """«الشيخ علي جمعة»: a day name without the article that is a name word, right after a
        given name, is the family name, not the day («… X الجمعة» keeps the article)."""
        norm = self.view.norm[k]
        prev = self.doc[k - 1] if k > 0 else None
        return (prev is not None and not norm.startswith("ال") and self.lex.is_name_word(norm)
                and (prev.text in self.lex.given_names or prev.text in ALI_FORMS))

    def _office_plural(self, word: str) -> bool:
        """«مستشارو», «مبعوثو»: an office word with the «و» of a sound masculine plural in construct
        («مستشارو رئيس الجمهورية»: the president's advisers), a group, never one person's name."""
        return word.endswith("و") and len(word) > 4 and any(
            self.lex.offices.knows_word(w) or w in self._title_words for w in (word[:-1], "ال" + word[:-1]))

    def _not_alone(self, word: str) -> bool:
        """A normalised word that cannot name a person on its own."""
        bare = word[1:] if word[:1] in "وف" and len(word) > 3 else word
        if (bare in self._given_norm or word in self._given_norm) and not {bare, word} & self.lex.names_alone:
            return True  # a given name alone (not «بوتين», a surname the corpora write alone: data/lexicon/names_alone.txt)
        if bare in time_words():
            return True  # «جمعة» that is Friday
        if any(self.lex.offices.knows_word(w) or w in self._title_words for w in (bare, "ال" + bare)):
            return True  # «مبعوث», «الوزير»: an office word alone names nobody
        if self._office_plural(bare):
            return True  # «مستشارو رئيس الجمهورية», «ممثلو»: an office word's plural in construct
        if bare.startswith("ال") and bare.endswith(("ين", "ون", "ان")) and len(bare) > 5:
            return True  # «الكوريين», «الديمقراطيين», «الزعيمان»
        if bare.endswith(("يون", "يين")) and len(bare) > 5:
            return True  # «غربيون»: a nisba plural
        if bare in self.lex.common_words and bare not in self.known_names:
            return True
        return self.lex.nationalities.knows_word(bare) or self.lex.places.knows_word(bare)

    # -- nominal references («المسؤول الروسي») -----------------------------------------------
    def nominal_refs(self) -> None:
        """«المسؤول الروسي», «الضيف الروسي»: the one person of that nationality named so far."""
        doc = self.doc
        for tok in self.toks:
            if normalize(tok.text) not in NOMINAL_HEADS or tok.i + 1 >= len(doc) or tok.i in self.taken:
                continue
            adj = self.lex.nationalities.match_at(self.view, tok.i + 1)
            title_nat = self._title_nationality(tok.i + 1) if adj is None and normalize(tok.text) in TITLE_NATIONALITY_HEADS else None
            if adj is None and title_nat is None:
                continue
            iso, end = (adj.payload, adj.end) if adj is not None else (title_nat, tok.i + 2)  # «الوزير المالي»: Malian
            before = [r for r in self.out.refs if r.how == "name" and r.start < tok.i and self.out.by_id(r.entity).country == iso]
            counts: dict[str, int] = {}
            for r in before:
                if r.actor:
                    counts[r.entity] = counts.get(r.entity, 0) + 1
            if counts:
                top = max(counts.values())
                leaders = [e for e, n in counts.items() if n == top]
                if len(leaders) == 1:
                    self.out.refs.append(TokenRef(tok.i, end, leaders[0], "title"))
        self.out.refs.sort(key=lambda r: r.start)

    def honorific_pronouns(self) -> None:
        """«كما استقبل سموه …», «وأكد معاليه …»: an honorific with a pronoun («his Highness», «his
        Excellency») refers to the person last named after that honorific («صاحب السمو الملكي الأمير
        X», «معالي الوزير Y»); right after an event word it is that word's party («كما استقبل سموه
        A»: X received A; «وكان في استقبال سموه A»: A welcomed X), not the first person after it.
        «الأخير» (the latter) there is the person named last. No such person: no reference."""
        named = [r for r in self.out.refs if r.how == "name" and self.out.by_id(r.entity).type == "Person"]
        for tok in self.toks:
            if tok.i == 0 or tok.i in self.taken:
                continue
            norm = normalize(tok.text)
            stems = next((HONORIFIC_PRONOUNS[r] for r in clitic_readings(norm)[:3] if r in HONORIFIC_PRONOUNS), None)
            if stems is None and norm not in LATTER:
                continue
            event = next((m for m in self.lex.triggers.find(self.view, max(0, tok.i - 3), tok.i) if m.end == tok.i), None)
            if event is None and stems is None and self._latter_as_subject(tok.i):
                # «أعلن مكتب X أن الأخير تلقى اتصالا»: «the latter» as the subject before its verb
                earlier = [r for r in named if r.end <= tok.i]
                if earlier:
                    self.out.refs.append(TokenRef(tok.i, tok.i + 1, earlier[-1].entity, "title"))
                continue
            if event is None:
                continue  # «في مكتب سموه», «للسلام على سموه»: the person of no event word
            owner = self._pronoun_owner([r for r in named if r.end <= tok.i], stems, event.start)
            if owner is not None:
                self.out.refs.append(TokenRef(tok.i, tok.i + 1, owner, "title"))

    def _latter_as_subject(self, i: int) -> bool:
        """«أن الأخير تلقى», «، وكان الأخير قد التقى»: «الأخير» after a complementizer, «كان» or
        punctuation (not after a noun it qualifies: «الأسبوع الأخير») with an event word within
        the next two words."""
        k = i - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        prev = self.view.norm[k] if k >= 0 else ""
        if not (k < 0 or self.doc[k].is_punct or prev in LATTER_OPENERS):
            return False
        return any(m.start in (i + 1, i + 2) for m in self.lex.triggers.find(self.view, i + 1, min(len(self.doc), i + 4)))

    def _pronoun_owner(self, earlier: list[TokenRef], stems: set[str] | None, event_start: int) -> str | None:
        """Whom «سموه» (`stems`: the honorific words of its person) or «الأخير» (`stems` None)
        names, of the persons named before it (`earlier`, in text order)."""
        if stems is None:
            # «زيارة الأخير لروسيا», «وقال الأخير»: the person named last; after a definite noun
            # «الأخير» is an adjective («اللقاء الأخير»: the last meeting)
            if not earlier or self.view.norm[event_start].lstrip("وف").startswith("ال"):
                return None
            return earlier[-1].entity
        for r in reversed(earlier):
            if any(self.view.norm[k] in stems for k in range(max(0, r.start - 6), r.start)):
                return r.entity
        return None

    # -- organisations ---------------------------------------------------------------------------
    def organisations(self) -> None:
        doc = self.doc
        for ent in self.ents:
            if ent.label_ not in ORG_LABELS:
                continue
            s, e = _clean_span(doc, ent.start, ent.end)
            if s >= e or any(i in self.taken for i in range(s, e)):
                continue
            if any(t.start <= s < t.end for t in self.out.titles):
                continue
            name = self.text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
            key = ("org", match_key(name))
            local = self.by_key.get(key)
            if local is None:
                local = self.new_entity("Organization", name).local_id
                self.by_key[key] = local
            self.add_mention(self.out.by_id(local), doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s])
            self.out.refs.append(TokenRef(s, e, local, "org"))
            self.taken.update(range(s, e))

    def mark_non_actors(self) -> None:
        doc = self.doc
        relation_ends: set[int] = set()
        for cue in self.lex.person_cues.find(self.view):
            if cue.payload != "relation":
                continue
            j = self._skip(cue.end)
            for title in sorted(self.out.titles, key=lambda x: x.start):
                if title.start == j:  # «صهر الملك تشارلز»: the relative's title comes first
                    j = self._skip(title.end)
            relation_ends.add(j)
        named = {k for r in self.out.refs for k in range(r.start, r.end)}  # tokens of a name or place
        for ref in self.out.refs:
            if ref.start in relation_ends:
                ref.actor = False  # «وصهر دونالد ترامب ومستشاره جاريد كوشنر»: Trump is named, Kushner acts
                continue
            start = ref.start
            for t in self.out.titles:
                if t.end <= ref.start and ref.start - t.end <= 1 and self._skip(t.end) == ref.start:
                    start = t.start
                elif t.end < ref.start and self._apposed_to(t, ref.start, named):
                    start = t.start  # «رسالة من رئيس الجمهورية الموريتانية، السيد محمد …»
            k = start - 1
            while k >= 0 and (doc[k].is_space or normalize(doc[k].text) in {"من", "خطية"}):
                k -= 1
            if k > 0 and normalize(doc[k].text) == "مع":
                k -= 1  # «وليس مع لافروف»: the negation before «with»
                while k >= 0 and doc[k].is_space:
                    k -= 1
            if k >= 0 and normalize(doc[k].text) in NON_ACTOR_CUES and not self._quoted_speaker(k, ref.end):
                ref.actor = False
            elif self._principal_in_apposed_title(ref):
                ref.actor = False
            elif ref.how == "title" and k >= 0 and self._subordinate_head(k):
                ref.actor = False  # «ومساعد الرئيس لشؤون الأمن الداخلي جون برينان»: the president is whose assistant he is

    def _apposed_to(self, title: TitleMatch, i: int, named: set[int]) -> bool:
        """The title is apposed to the name at token i behind a comma: the title, at most four
        definite words that complete it («الجزائرية الديمقراطية الشعبية»: a state's formal name
        the office list lacks), «،», honorifics, then the name."""
        k, extra = title.end, 0
        while k < i and extra <= 4 and (self.doc[k].is_space or (
                self.doc[k].is_alpha and self.view.norm[k].startswith("ال") and k not in named)):
            extra += not self.doc[k].is_space
            k += 1
        return k < i and self.doc[k].text in {"،", ","} and self._skip(k) == i

    def _subordinate_head(self, k: int) -> bool:
        """Token k is an office held under someone («مساعد», «مستشار», «مبعوث»; behind «و»), whose
        genitive the title after it is."""
        return any(r in SUBORDINATE_OFFICES for r in clitic_readings(self.view.norm[k])[:2])

    def _principal_in_apposed_title(self, ref: TokenRef) -> bool:
        """«جاريد كوشنر مستشار الرئيس الأمريكي دونالد ترامب», «أحمد أويحيى مدير ديوان الرئيس
        بوتفليقة»: after a person, an office held under someone else (adviser, chief of staff,
        envoy of …) and that someone's title, the name is the principal's, who takes no part."""
        if self.out.by_id(ref.entity).type != "Person" or ref.how != "name":
            return False
        title = next((t for t in self.out.titles if self._skip(t.end) == ref.start), None)
        if title is None:
            return False
        k = title.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        heads = []  # the subordinate office words right before the principal's title («مدير ديوان»)
        while k >= 0 and len(heads) < 3 and self.view.norm[k] in SUBORDINATE_OFFICES | OFFICE_OF:
            heads.append(k)
            k -= 1
        inner = self.view.norm[title.start] in SUBORDINATE_OFFICES and any(
            self.view.norm[j] in PRINCIPAL_TITLES for j in range(title.start + 1, title.end))
        if not heads and not inner:
            return False
        start = heads[-1] if heads else title.start
        j = start - 1
        while j >= 0 and (self.doc[j].is_space or self.doc[j].text in {"،", ","}):
            j -= 1
        # (the person before has no title of its own: «والتقى وزير الخارجية X مستشار الرئيس الأمريكي Y»
        # is X meeting the adviser Y; the title describes the person it follows only when he has none)
        return any(r.end == j + 1 and r.how == "name" and self.out.by_id(r.entity).type == "Person"
                   and not any(self._skip(t.end) == r.start for t in self.out.titles) for r in self.out.refs)

    def _quoted_speaker(self, cue: int, end: int) -> bool:
        """«عن X قوله»: the person after «عن» is quoted saying something, so he is no mere
        topic («تحدث عن X») or principal («نيابة عن X») but the one who speaks and acts."""
        j = self._skip(end)
        return normalize(self.doc[cue].text) == "عن" and j < len(self.doc) and normalize(self.doc[j].text) in QUOTED_SAYING


def _hyphen_led(text: str) -> bool:
    """«-جونغ» in «كيم يو -جونغ»: a hyphen glued to the letters after it, one token, is a part of
    a transliterated name."""
    return len(text) > 2 and text[0] in HYPHENS and text[1:].isalpha()


def _merge_person_spans(ents: list[SpacySpan], joinable: Callable[[SpacySpan, SpacySpan], bool]) -> list[SpacySpan]:
    """Merge each person span into the person span before it when `joinable(prev, ent)`."""
    out: list[SpacySpan] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ in PERSON_LABELS and ent.label_ in PERSON_LABELS and joinable(prev, ent):
            out[-1] = SpacySpan(prev.doc, prev.start, ent.end, label=prev.label_)
        else:
            out.append(ent)
    return out


def _join_across_name_word(doc: Doc, ents: list[SpacySpan], lex: Lexicons) -> list[SpacySpan]:
    """«الباجي قايد السبسي»: two person spans one word apart, that word a name word Wikidata knows
    and no stop word, are one name the model broke at a word that is also ordinary («قائد»)."""
    return _merge_person_spans(ents, lambda prev, ent: (
        ent.start == prev.end + 1
        and doc[prev.end].is_alpha
        and lex.is_name_word(normalize(doc[prev.end].text))
        and normalize(doc[prev.end].text) not in NAME_STOP
        and "\n" not in doc[prev.end - 1].whitespace_ + doc[prev.end].whitespace_
        and normalize(doc[ent.start].text)[:1] not in "وفلب"
    ))


def _join_adjacent_persons(doc: Doc, ents: list[SpacySpan], lex: Lexicons | None = None) -> list[SpacySpan]:
    """Two person spans of the model that touch («علي رضا» + «تنكسيري») are one name: nothing
    but a space stands between them, and Arabic writes no two names side by side unjoined;
    unless the second begins with a word of news no name list knows («جعجع» + «ترشيح فادي»:
    the nomination of Fadi, the model's span one word early)."""
    def ordinary(k: int) -> bool:
        norm = normalize(doc[k].text)
        return lex is not None and (norm in lex.news_words or norm in lex.common_words) and not lex.is_name_word(norm) \
            and doc[k].text not in lex.given_names

    return _merge_person_spans(ents, lambda prev, ent: (
        all(doc[k].is_space and "\n" not in doc[k].text for k in range(prev.end, ent.start))
        and "\n" not in doc[prev.end - 1].whitespace_
        and normalize(doc[ent.start].text)[:1] not in "وفلب"  # «ترامب لبوتين», «السيسي وبوتين»: two persons
        and not ordinary(ent.start)
        and not _kin_phrase(doc, prev)  # «ابن خاله» + «نجيب طيلون»: his cousin, then the name
    ))


def _former(title: str) -> bool:
    """Does the title say its holder no longer holds it («الرئيس السابق», «الأسبق», «الراحل»)?"""
    return any(w in FORMER_WORDS for w in (normalize(t) for t in tokens(title)))


def _kin_phrase(doc: Doc, span: SpacySpan) -> bool:
    """Is the span a kinship phrase and nothing else («ابن خاله», «ابن عم»)?"""
    words = [normalize(t.text) for t in span if t.is_alpha]
    return len(words) == 2 and words[0] in KIN_LINKS and words[1] in KIN_AFTER_LINK


_NASAB_KEYS = frozenset(phonetic_key(w) for w in NASAB)


def _names_the_father(short: list[str], full: list[str]) -> bool:
    """Is `short` the nasab after a «بن» of `full` («سلمان بن عبدالعزيز» in «محمد بن سلمان بن
    عبدالعزيز»), or the words that follow a «بن» to its end («عبدالله الثاني» in «الحسين بن
    عبدالله الثاني»: the crown prince's father, the King)? Then it names the father, not a short
    form of the person. Phonetic keys."""
    n, k = len(short), len(full) - len(short)
    if n > 1 and k >= 2 and full[k - 1] in _NASAB_KEYS and full[k:] == short:
        return True  # the father's name ends the full name
    if n < 2 or not any(w in _NASAB_KEYS for w in short[1:]):
        return False
    return any(full[k] == short[0] and full[k - 1] in _NASAB_KEYS for k in range(1, len(full)))


def _in_order(short: list[str], full: list[str]) -> bool:
    """The words of `short` occur in `full` in the same order (not necessarily adjacent)."""
    it = iter(full)
    return all(any(w == f for f in it) for w in short)


def extract_mentions(doc: Doc, lex: Lexicons) -> ArticleMentions:
    b = _Builder(doc, lex)
    b.places()
    b.titles()
    b.person_names()
    b.drop_unsupported_persons()
    b.organisations()
    b.mark_non_actors()
    b.nominal_refs()
    b.honorific_pronouns()
    b.out.refs.sort(key=lambda r: (r.start, r.end))
    # Entities nobody mentions by name (a person only referred to by title) are not kept.
    b.out.entities = [e for e in b.out.entities if e.mentions]
    return b.out
