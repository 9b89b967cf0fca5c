"""Events of one article: triggers from the lexicon, participants from the mentions around them,
modality from markers, dates from the date normaliser, topics from the SKOS list.

Rules work on a clause: the stretch of a sentence between the previous trigger and the next one,
so a sentence that reports two meetings gives two events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span as SpacySpan

from kg.arabic import imperfect_verb_shape, normalize, tokens
from kg.nlp.dates import DateMention, same_time_cues, time_adverbials, time_words
from kg.nlp.lexicons import Lexicons, Trigger
from kg.nlp.mentions import COUNTERPARTS, HONORIFICS, SADDLEBAGS, SET_DOWN, ArticleMentions, TokenRef, title_like, title_line
from kg.records import DateValue, EntityRecord, EventRecord, Span

# Follow-up words that point back to a meeting already reported: «الجانبين ناقشا», «خلال اللقاء».
BACK_REFERENCES = set(tokens("الجانبين الجانبان الطرفين الطرفان"))
# Words after an invitation that make «دعوة/دعا» an invitation to come, not a call for action.
INVITE_TO = set(tokens("لزيارة زيارة للمشاركة لحضور إلى"))
FUTURE_PREFIXES = ("سي", "ست", "سن", "سا")
# «none but»: after a negated meeting verb, the persons it did meet («لم يلتق … سوى Y»)
EXCEPT_WORDS = set(tokens("سوى إلا الا"))
# «later», «after it»: after a present-tense verb («تقوده لاحقا إلى قطر»), a stop still ahead
LATER_WORDS = set(tokens("لاحقا بعدها"))
FUTURE_DATE_WORDS = set(tokens("المقبل المقبلة القادم القادمة المقبلين القادمين غدا غدًا غداً"))  # «خلال اليومين المقبلين»
CLAUSE_LINKS = set(tokens("كما فيما بينما ثم"))
INVITE_BLOCK = set(tokens("لأخذ لاتخاذ للعمل لوقف لإيقاف"))
# «بين الجانبين», «جمع الرئيسين», «بينهما»: both sides of a meeting named at once.
PAIR_WORDS = set(tokens("الجانبين الجانبان الطرفين الطرفان الرئيسين الرئيسان الزعيمين الزعيمان الوزيرين الوزيران المسؤولين الملكين "
                        "وزيري رئيسي زعيمي وزيرا رئيسا زعيما"))
# Sentence openings that continue the sentence before: «وذلك خلال …», «وجاء ذلك خلال …».
CONTINUATIONS = set(tokens("وذلك ذلك وجاء جاء وكان"))
# «نظيره» and its forms (kg.nlp.mentions.COUNTERPARTS), with a glued «بـ» («التقى بنظيره»)
COUNTERPART_WORDS = COUNTERPARTS | {"ب" + w for w in COUNTERPARTS}
BETWEEN_PRONOUNS = set(tokens("بينهما بينهم"))
# Words that make the counterparts of a meeting one party (one meeting, every pair).
ONE_PARTY_CUES = set(tokens("وفد الوفد وفدا يرافقه يرافقها المرافق المرافقين بحضور حضره حضرها يضم ضم ومعه ومعها ومعهم"))
# Words allowed between an SVO subject and its verb: «وكان لافروف قد التقى».
SVO_FILLERS = set(tokens("قد كان كانت وقد فقد لقد"))
NOT_NOUNS_WITH_AL = set(tokens("إلى الى الذي التي الذين اللذين اللذان اللتين اللتان الا إلا اليوم"))  # words in «ال…» that are no noun subject
PURPOSE_NOUNS = set(tokens("بحث مناقشة المشاركة حضور متابعة تقديم"))  # «، لبحث …»: a purpose after a list of persons
PLURAL_RELATIVES = set(tokens("اللذين اللذان اللتين اللتان الذين اللواتي اللاتي"))  # «A و B اللذين …»: who (both)
FIRST_OF = set(tokens("أول أولى ثاني ثالث آخر"))  # «X أول رئيس … يزور Y»: the apposition of an ordinal, then its verb
WITH_WORDS = set(tokens("مع بمعية"))
BY_PHONE = set(tokens("هاتفيا هاتفياً تلفونيا"))  # «بحث X هاتفيا مع Y»: by telephone
DELEGATION_NOUNS = set(tokens("وفد وفدا الوفد وفود الوفود"))
HEAD_CUES = set(tokens("ترأس يترأس ترأسه يرأسه يترأسه ترأسها يرأسها يترأسها برئاسة يقود يقوده تقوده يقودها ترأست"))  # (led by him/her: «وفد يترأسه X»)
MEMBER_CUES = set(tokens("يضم ضم تضم يضمان بينهم وضم ويضم"))
FUTURE_AUXILIARIES = set(tokens("سيكون ستكون سيكونان ستكونان"))
# Who is talked about («بحث معه عن …», «تحدثا حول …») takes no part in the meeting.
TOPIC_WORDS = set(tokens("عن حول بشأن بخصوص لبحث لمناقشة"))  # «التقى X السفير، لبحث احتجاز … Y»: Y is the topic
# A comma then one of these opens another clause.
CLAUSE_OPENERS = set(tokens("بعد قبل عقب حيث فيما بينما لكن إلا إذ مع غير"))
DATED_TYPES = {"Meeting", "Visit", "PhoneCall"}
# «قبل ذلك بيومين»: a span after a same-time cue moves the day
# «بعد يوم على …», «بعد أسبوع من …»: how many days a one-word span counts (normalised)
DAYS_IN_SPAN = {normalize(w): d for w, d in (("يوم", 1), ("يومين", 2), ("أسبوع", 7), ("اسبوع", 7), ("أسبوعين", 14), ("اسبوعين", 14))}
SPAN_WORDS = set(tokens("يوم يومين ايام أيام اسبوع أسبوع اسبوعين أسبوعين اسابيع أسابيع شهر شهرين اشهر أشهر عام عامين سنة سنتين"))
RELATIVE_PRONOUNS = set(tokens("الذي التي الذين اللذان اللتان"))
# «الذي عقده/أجراه»: the verbs that hold a meeting, in a relative clause on the meeting noun
HELD_VERBS = set(tokens("عقده عقدته عقداه عقدها أجراه أجرته أجراها أجرياه"))
ADVERBIAL_HEADS = set(tokens("خلال أثناء في عقب لدى إثر وخلال وفي"))
# «اجتمع وزراء خارجية …», «التقى قادة …»: a plural title as the subject of a meeting verb
# «عاد X إلى عمان بعد زيارة إلى بغداد»: words that put a visit noun after the subject's own action
AFTER_A_VISIT = set(tokens("بعد عقب اثر إثر ختام"))
PLURAL_TITLES = set(tokens("وزراء قادة رؤساء زعماء وزيرات سفراء"))
AFTER_WORDS = set(tokens("بعد عقب إثر اثر وبعد"))  # «عاد X إلى بلاده بعد زيارة إلى …»: the visit came before
EXTEND_VERBS = set(tokens("وجه يوجه وجهت قدم يقدم قدمت"))  # «وجه X إلى Y دعوة»: extended an invitation (readings drop «و»)
RECEIVING_VERBS = set(tokens("تلقى يتلقى تلقت تسلم يتسلم تسلمت"))  # «تلقى X دعوة من Y»: X is invited
HOSTED = set(tokens("استضاف واستضاف استضافت واستضافت يستضيف تستضيف"))  # «استضاف X قمة جمعت A و B»: X hosted it
GATHERING_NOUNS = set(tokens("قمة القمة اجتماعا اجتماع لقاء لقاءا مأدبة"))  # nouns «جمعت» may follow
# «وصل وزيرا الخارجية المصري A والأردني B»: a dual title right after a verb is its subject, both persons
DUAL_TITLES = set(tokens("وزيرا رئيسا زعيما قائدا سفيرا وزيرتا رئيستا"))
# «قمة ثلاثية», «لقاء رباعي»: a meeting counted by its parties (one meeting of all of them)
COUNTED_MEETING = set(tokens("ثنائية ثلاثية رباعية خماسية ثلاثي رباعي خماسي ثلاثيا رباعيا خماسيا"))
# «سلم X Y رسالة», «نقلها إليه»: what a bearer hands over in person (a cable, «برقية», is sent, not handed)
MESSAGE_HANDED = set(tokens("رسالة رسالته رسالتين رسائل دعوة دعوته دعوتها الرسالة الدعوة"))
IN_HONOUR_OF = set(tokens("شرف تكريما"))  # the last word of «مأدبة عشاء على شرف», «مأدبة غداء تكريما»
TO_HIM = set(tokens("له لها لهما إليه إليها إليهما اليه اليها"))
WITH_HIM = set(tokens("به بها بهما معه معها معهما"))  # «خلال لقائه به»: with the person named before
# «استقبل X رسالة من Y»: what is received is a message, not a guest
MESSAGE_NOUNS = set(tokens("رسالة رسالته رسائل برقية برقيات خطابا خطاب مكالمة اتصالا دعوة طلبات شكوى"))
# Heads of an event phrase fronted before the main clause: «وخلال لقائه …، أكد X».
FRONTED_HEADS = set(tokens("خلال أثناء في لدى بعد عقب إثر"))  # «وبعد لقائه X، أكد Y»: Y met X
GUEST_WORDS = set(tokens("ضيفا ضيفة ضيفاً"))
# «التقى على هامشها …», «على هامش القمة»: where a meeting took place, between the verb and its object
SIDELINES = set(tokens("على علي هامش هامشها هامشه هامشهما"))
# «جولة شملت مصر وإثيوبيا»: the places a tour took in (the present «في مستهل جولة تشمل …» tells
# the stops still to come)
COVERS = set(tokens("شملت شمل وشملت"))
# «حل بـ»: arrived in (the destination is after «بـ», never a direct object: «حل الأزمة»).
ARRIVE_IN = set(tokens("حل حلت يحل تحل سيحل ستحل"))
# «يجريها», «أجراه»: a support verb with the pronoun of the noun before it («اتصالات يجريها X»)
DOING_IT = set(tokens("يجريها يجريه تجريها تجريه أجراها أجراه أجرتها أجرته يجريانها يجرونها"))
# Verbs that carry a visit noun: «قام X بزيارة», «يؤدي X زيارة», «بدأ X زيارة».
SUPPORT_VERBS = set(tokens("قام يقوم سيقوم أجرى يجري يؤدي أدى بدأ يبدأ استهل اختتم يختتم سيبدأ تبدأ قامت بدأت تقوم تؤدي أدت"))
# «الاجتماع الذي حضره …», «بحضور …»: who else was at a meeting.
# Words of a ruler's style between a verb and its subject: «صاحب السمو الملكي الأمير», «فخامة».
STYLE_WORDS = HONORIFICS | set(tokens("صاحب السمو الملكي سمو نائب خادم الحرمين الشريفين حضرة الجلالة جلالة"))  # «حضرة صاحب السمو»: Qatari and Kuwaiti style
# A sentence that opens with one of these («وحضر», «فيما حضر», «كما حضر») lists attendees.
# the feminine «حضرت»/«شاركت»: a woman attended, or a plural of things («وحضرت الاجتماع شخصيات …»)
ATTENDANCE_VERBS = set(tokens("حضر حضره حضرها شارك حضرت شاركت"))
# «مأدبة عشاء حضرتها …»: attended it, the meal just named
ATTENDED_IT = set(tokens("حضره حضرها حضرتها حضرهما"))
OPENERS = set(tokens("فيما كما وقد قد وكذلك"))
ATTENDANCE_CUES = set(tokens("حضره حضرها حضرتها حضرهما بحضور وبحضور حضر حضرت حضرته شارك شاركت"))
# «اجتماعا برئاسة X وحضور Y»: the chair of a session, and the words that then name who else sat in it
# (after a chair, the bare noun «وحضور» is attendance, as «بحضور» is anywhere).
CHAIR_CUES = set(tokens("برئاسة"))
CHAIRED_COMPANY = set(tokens("حضور بحضور مشاركة بمشاركة"))
# Adjectives a visit noun takes before its genitive: «زيارة سريعة للرئيس …».
VISIT_MODIFIERS = set(tokens("سريعة قصيرة رسمية خاطفة مفاجئة تاريخية عمل دولة الأولى الثانية أول أولى رسميه"))
# Words before the persons who travel with a visitor.
# «ويرافق ماكرون عدد من الوزراء بينهم …», «ويرافقه …»: a sentence of its own about the entourage
# How a welcome on arrival is told: «في استقباله», «في مقدمة مستقبليه», «على رأس مستقبليها» (normalised)
WELCOME_OPENINGS = tuple(normalize(w) for w in ("في استقبال", "في مقدمة مستقبلي", "على رأس مستقبلي"))
SEND_OFFS = tuple(normalize(w) for w in ("في وداع", "في مقدمة مودعي"))  # «وكان في وداعه …»: seen off on departure
# «عقد», «عقدا», «يعقد»: held (a summit), the verb that makes «قمة» a meeting of its subject
HOLD_VERBS = set(tokens("عقد عقدا عقدت يعقد يعقدان تعقد سيعقد سيعقدان"))
# «جولة بدأها من X», «استهل جولته من X»: the verbs that begin a tour at a place (normalised)
TOUR_BEGUN = set(tokens("بدأها بدأتها استهلها استهلتها استهل استهلت افتتحها"))
# «محطته الأولى في X»: the first stop of a tour
FIRST_STOP = set(tokens("محطته محطتها المحطة"))
# «أكد X أنه يعتزم زيارة …»: «that he», whose pronoun is the speaker's (normalised)
THAT_HE = set(tokens("أنه إنه بأنه وأنه أنها إنها بأنها"))
# «الزيارة المرتقبة للرئيس …»: adjectives that put a visit ahead (normalised)
AHEAD_ADJECTIVES = set(tokens("المرتقبة المرتقب المقبلة المقبل المنتظرة المزمعة"))
# «خلالها», «خلاله»: «during it», after a verb whose clause hangs on an event noun before it
DURING_IT = set(tokens("خلالها خلاله"))
DURING = set(tokens("خلال أثناء اثناء"))
UPON = set(tokens("لدى عند فور"))  # «واستقبله لدى وصوله Y»: upon his arrival
ACCOMPANY_VERBS = set(tokens("يرافق رافق ترافق يرافقه رافقه يرافقها رافقها يرافقهم رافقهم ترافقه رافقته"))
# «وفد يضم A و B»: a delegation that includes its members
INCLUDES = set(tokens("يضم ضم تضم"))
COMPANION_CUES = set(tokens("برفقة رفقة رفق يرافقه يرافقها وزوجته وعقيلته زوجته بينهم يرافقهم"))
# A subordinate clause begins after these: the speaker before them is not in it.
COMPLEMENTIZERS = set(tokens("أن إن بأن وأن لأن"))
THAT_HE = set(tokens("أنه أنها أنهم أنهما إنه إنها إنهم إنهما بأنه بأنها"))  # «that» with the pronoun of its subject
# Words between «إلى» and a place name: «إلى العاصمة العراقية بغداد», «إلى مطار بغداد».
PLACE_DESCRIPTORS = set(tokens("العاصمة عاصمة مدينة المدينة مطار المطار محافظة دولة جمهورية مملكة إمارة ولاية منطقة جزيرة"))


@dataclass
class _Trig:
    start: int
    end: int
    trigger: Trigger
    text: str


def _is_headline(sent: SpacySpan) -> bool:
    """A line of its own, short, with no final stop, after the article's first: the headline of
    another story pasted in."""
    return sent.start != 0 and title_line(sent)


class _ArticleEvents:
    def __init__(self, doc: Doc, mentions: ArticleMentions, dates: list[DateMention], lex: Lexicons, published: str | None = None) -> None:
        self.published = published
        self.doc = doc
        self.m = mentions
        self.dates = dates
        self.lex = lex
        self.view = mentions.view
        self.text = mentions.view.doc_text if mentions.view is not None else doc.text
        self.events: list[EventRecord] = []
        self._host_only: set[int] = set()  # id() of receptions whose guests are unnamed, so far
        self._noun_told: set[int] = set()  # id() of events a noun tells («زيارة مرسي للسعودية»), not a verb
        self._talks: set[int] = set()  # id() of meetings told by a word of talks («بحث»), which a call may be
        self.title_tokens = {k for t in mentions.titles for k in range(t.start, t.end)}  # tokens inside a title
        self._name_tokens = {k for r in mentions.refs if r.how == "name" for k in range(r.start, r.end)
                             if mentions.by_id(r.entity).type == "Person"}  # tokens of a person's name
        self._name_starts = {r.start for r in mentions.refs if r.how == "name" and mentions.by_id(r.entity).type == "Person"}
        self._adverbial_tokens = {k for i in range(len(doc)) for phrase in time_adverbials()
                                  if tuple(self.view.norm[i:i + len(phrase)]) == phrase for k in range(i, i + len(phrase))}

    def entity(self, local_id: str) -> EntityRecord:
        return self.m.by_id(local_id)

    def is_person(self, ref: TokenRef) -> bool:
        return self.entity(ref.entity).type == "Person"

    def is_place(self, ref: TokenRef) -> bool:
        return self.entity(ref.entity).type in {"City", "Country", "Place"}

    # -- finding triggers --------------------------------------------------------------------
    def triggers_in(self, sent: SpacySpan) -> list[_Trig]:
        out = []
        titles = [(t.start, t.end) for t in self.m.titles]
        for pm in self.lex.triggers.find(self.view, sent.start, sent.end):
            if any(s <= pm.start < e for s, e in titles):
                continue  # «رئيس» in a title is not a trigger
            if any(r.start <= pm.start < r.end for r in self.m.refs):
                continue
            if pm.payload.held and not self._held_by(pm.start) and not self._chaired_after(pm.end, sent.end):
                continue  # «في قمة العشرين»: a summit is a meeting only as what «عقد» held, or as one a chair led with others
            if pm.payload.pos == "verb" and self._purpose_noun(pm.start, pm.payload.form):
                continue  # «لجنة لبحث الاستيطان»: «لـ» + the verb's letters is a verbal noun of purpose, no past verb
            if pm.payload.pos == "verb" and self.doc[pm.end - 1].text.endswith("ة") and not pm.payload.form.endswith("ة"):
                # «وزارة» is no «و» + «زاره» (visited him): normalisation merges ة and ه, and a
                # verb form ends in ة only where the lexicon writes it so (a participle, «متوجهة»)
                continue
            if pm.payload.frame == "deliver" and not any(
                    self.view.norm[k] in MESSAGE_HANDED for k in range(sent.start, min(sent.end, pm.end + 20))):
                continue  # «طائرة نقل عسكرية», «نقل إلى المستشفى»: no message handed over, no clause of its own
            if (pm.payload.pos == "noun" and pm.payload.frame == "visit" and out and out[-1].trigger.pos == "verb"
                    and out[-1].end == pm.start - 1 and self.view.norm[pm.start - 1] in DURING | UPON
                    and (self.view.norm[pm.start].startswith("ال") or self._told_visit_noun(pm.start, pm.end))):
                continue  # «والتقى خلال الزيارة Y», «واستقبله لدى وصوله Y»: the visit just told, an adverbial of the verb
            out.append(_Trig(pm.start, pm.end, pm.payload, self.text[pm.start_char : pm.end_char]))
        return out

    def _told_visit_noun(self, start: int, end: int) -> bool:
        """«زيارته», «جولتها» with no destination after it («أثناء زيارته الرئيس …», not «خلال
        زيارته إلى باريس»): his visit, told before."""
        head = self.view.norm[start]
        if not head.endswith(("ه", "ها", "هما")) or self.doc[start].text.endswith("ة"):
            return False
        return end >= len(self.doc) or self.view.norm[end] not in {"الي", "لي"} and not self.view.norm[end].startswith("ل")

    def _held_before(self, trig: _Trig) -> bool:
        """A meeting noun whose own relative verb says it was held («اتصال هاتفي أجراه مع Y»)."""
        return trig.trigger.pos == "noun" and self._held_in_relative(trig) is not None

    def _chaired_after(self, k: int, end: int) -> bool:
        """«أعمال القمة العربية برئاسة X، بمشاركة A و B»: a chair cue within a few words after the
        noun, and an attendance cue after it, in the sentence: the summit names who sat in it."""
        chair_at = next((j for j in range(k, min(end, k + 6)) if set(self.view.readings(j)[:3]) & CHAIR_CUES), None)
        return chair_at is not None and any(set(self.view.readings(j)[:3]) & CHAIRED_COMPANY for j in range(chair_at + 1, min(end, chair_at + 25)))

    def _held_by(self, k: int) -> bool:
        """Does a form of «عقد» (held) stand within the three words before token k, with only its
        subject between («وعقد الزعيمان قمة», «عقد بوتين وأردوغان قمة»)?"""
        j, words = k - 1, 0
        while j >= 0 and words < 4 and not self.doc[j].is_punct:
            if not self.doc[j].is_space:
                if set(self.view.readings(j)[:2]) & HOLD_VERBS:
                    return True
                words += 1
            j -= 1
        return False

    # -- modality ------------------------------------------------------------------------------
    def modality(self, trig: _Trig, clause_start: int, clause_end: int) -> str:
        doc = self.doc
        first = normalize(doc[trig.start].text)
        # (a lemma that itself begins with «س», «سافر», is no future)
        if trig.trigger.pos == "verb" and first.startswith(FUTURE_PREFIXES) and not normalize(trig.trigger.form).startswith("س"):
            return "planned"
        if trig.trigger.pos == "verb" and normalize(trig.trigger.form).startswith(("سي", "ست")):
            return "planned"
        found = None
        # A marker at the head of the sentence governs every trigger after it («من المقرر أن تشهد
        # الزيارة لقاء …»), up to a clause boundary; a cancellation anywhere in the sentence
        # cancels («اللقاء الذي كان مقررا … قد ألغي»).
        head = self._hard_clause_start(self.sent.start, trig.start)
        for pm in self.lex.markers.find(self.view, min(clause_start, head), max(clause_end, self.sent.end)):
            mk = pm.payload
            if mk.modality == "occurred":
                continue  # a phrase listed only to shadow a shorter marker («من أجل»)
            if pm.start in self._name_tokens:
                continue  # «محمد كامل عمرو»: «كامل» is no «ك» + «آمل» (I hope) inside a name
            if self._in_date(pm.start):
                continue  # «عشية الجمعة» is Friday evening, not «on the eve of»
            if mk.scope == "anywhere":
                found = mk.modality
                break
            if pm.end <= trig.start and pm.start < min(clause_start, head):
                continue
            if pm.start >= clause_end:
                continue
            if mk.scope == "before" and pm.end <= trig.start:
                if mk.modality == "planned" and trig.trigger.pos == "noun" and trig.trigger.type == "Visit" and trig.start - pm.end > 2:
                    continue  # «من المقرر أن يجري شويغو خلال زيارته»: the marker governs another verb
                found = mk.modality
            elif mk.scope == "after" and pm.start >= trig.end and pm.start - trig.end <= 3:
                found = mk.modality
            elif mk.scope == "verb" and trig.trigger.pos == "verb" and pm.end <= trig.start \
                    and all(self.doc[k].is_space for k in range(pm.end, trig.start)):
                found = mk.modality  # «لم يلتق»: the negation of the verb itself
            elif mk.scope == "next" and pm.end <= trig.start and self._refuses_next(pm.end, trig.start):
                # «يرفض التحدث مع …», «لن يلتقي …»: a refusal or a negated future of the trigger
                # itself, with the refusing subject between («رفض الرئيس X لقاء Y»)
                found = mk.modality
        if found == "denied" and self._except_after(trig, clause_end):
            found = "occurred"  # «لم يلتق … سوى نظيره الروسي Y»: he met no one but Y, so he met Y
        held_before = self._held_before(trig)
        if found is None and not held_before:
            date_text = self.date_for(trig, self.sent)[1]
            if date_text and any(normalize(w) in FUTURE_DATE_WORDS for w in date_text.split()):
                return "planned"  # «الأسبوع المقبل», «غدا»: a future time
            if date_text is None and any(self.view.norm[k] in FUTURE_DATE_WORDS and k not in self._name_tokens  # «عبدالله المقبل» is a surname
                                         for k in range(max(clause_start, self.sent.start), min(clause_end, self.sent.end))):
                return "planned"  # «يزور أنان دمشق غدا» on a page with no date: «غدا» cannot be resolved, yet it is still ahead
        if trig.trigger.pos == "verb" and found is None and self._during_it(trig) and self._future_verb_before(self.sent.start, trig):
            return "planned"  # «وستقيم … حفل استقبال له، يلتقي خلاله Y»: a meeting during an event still to come
        if trig.trigger.pos == "verb" and found is None and self._during_it(trig) and first.lstrip("وف").startswith("ي") \
                and normalize(trig.trigger.form).startswith("ي") and trig.trigger.type in {"Meeting", "PhoneCall"}:
            return "planned"  # «في زيارة تستغرق يومين، يلتقي خلالها Y»: the present tense in a clause on a visit is what it will hold
        if trig.trigger.pos == "noun" and found is None and self._future_verb_before(head, trig) and not held_before:
            # («سيزور X الرياض، عقب اتصال هاتفي أجراه مع Y»: a past verb of its own tells it took place)
            return "planned"  # «وسيخصص ماكرون السبت … مع عقد لقاء مع …»: a future verb governs the noun
        if found is None and any(self.view.readings(k)[:2] and set(self.view.readings(k)[:2]) & FUTURE_AUXILIARIES
                                 for k in range(head, trig.start)):
            return "planned"  # «وستكون هذه المرة الأولى التي يستضيف فيها …»
        if trig.trigger.pos == "noun" and found is None:
            # «لقاء سيجمعهما», «القمة التي ستعقد»: a future verb right after the noun.
            for tok in doc[trig.end : trig.end + 3]:
                word = normalize(tok.text)
                if tok.i in self._name_tokens:
                    continue  # «لقائه سيرغي لافروف», «ستيفان»: a name that begins like a future verb
                if word.startswith(("سي", "ست")) and len(word) > 4 and tok.is_alpha:
                    return "planned"
            # «إن لقاءه مع ولي العهد الأمير X سيكون في الرياض»: the future verb after the
            # noun's «مع» phrase
            k = trig.end
            while k < self.sent.end and (self.doc[k].is_space or k in self.title_tokens or k in self._name_tokens
                                         or self.view.norm[k] in WITH_WORDS | HONORIFICS | {"بين", "و"}):
                k += 1
            if k > trig.end and k < self.sent.end and self.doc[k].is_alpha and normalize(self.doc[k].text).startswith(("سي", "ست")) \
                    and len(normalize(self.doc[k].text)) > 4:
                return "planned"
        return found or "occurred"

    def _except_after(self, trig: _Trig, clause_end: int) -> bool:
        """An exception word («سوى», «إلا») after a negated trigger, before a person it names:
        «لم يلتق خلال وجوده … سوى Y», «لم يلتق X خلال القمة إلا Y» (none but Y)."""
        end = min(clause_end, self.sent.end)
        return any(self.view.norm[k] in EXCEPT_WORDS and any(k < p < end for p in self._name_starts) for k in range(trig.end, end))

    def _refuses_next(self, end: int, start: int) -> bool:
        """A refusal ending at `end` governs the trigger at `start`: at most one word between
        («يرفض التحدث مع»), or only the refusing subject («رفض الرئيس X لقاء Y»), never a subject
        and another word («رفض X خلال لقائه …»: he refused something else at the meeting)."""
        between = [k for k in range(end, start) if not self.doc[k].is_space]
        # («رفض X مجرد تلقي مكالمة»: «mere», «taking» stand between, data/lexicon/modality.tsv)
        between = [k for k in between if not set(self.view.readings(k)[:2]) & self.lex.marker_fillers]
        subject = [k for k in between if k in self.title_tokens or k in self._name_tokens]
        return len(between) - len(subject) == 0 if subject else len(between) <= 1

    # -- dates -----------------------------------------------------------------------------------
    def _in_date(self, k: int) -> bool:
        """Token k is part of a date expression."""
        char = self.doc[k].idx
        return any(d.start <= char < d.end for d in self.dates)

    def date_for(self, trig: _Trig, sent: SpacySpan) -> tuple[DateValue | None, str | None]:
        """The date of an event: the nearest date of its sentence, but none from inside a
        relative clause that is not the trigger's own («والتقى لودريان، الذي وصل مساء السبت …،
        السيسي»: Saturday is the arrival's, not the meeting's)."""
        tstart = self.doc[trig.start].idx
        own = self._relative_span(trig.start)
        # «سيزور X الرياض الشهر المقبل، عقب اتصال أجراه مع Y»: what a past verb of its own says was
        # held takes no time still ahead
        held_before = self._held_before(trig)
        best: DateMention | None = None
        said: DateMention | None = None
        year_of_noun: DateMention | None = None  # «لعام 2024»: the year a noun is of, no event's time unless nothing else dates it
        for d in self.dates:
            if d.start >= sent.start_char and d.end <= sent.end_char and d.value is not None:
                if held_before and any(normalize(w) in FUTURE_DATE_WORDS for w in d.text.split()):
                    continue
                rel = self._relative_span_at_char(d.start, sent)
                if rel is not None and rel != own:
                    continue
                if self._in_clause_on_another_noun(d.start, sent, trig):
                    continue
                if self._report_date(d.start, sent, trig):
                    continue
                if self._statement_date(d.start, sent, trig):
                    said = said or d  # «قال X اليوم، إن بوتين بحث … مساء أمس»: the statement's day
                    continue
                if d.value.datatype == "gYear" and normalize(d.text).startswith(("لعام", "لسنه", "للعام")):
                    year_of_noun = year_of_noun or d  # «مؤشر المعرفة لعام 2024»: a noun's year
                    continue
                if best is None or abs(d.start - tstart) < abs(best.start - tstart):
                    best = d
        best = best or said or year_of_noun  # the statement's day when the clause said gives none of its own
        if best is None:
            return None, None
        before = self._days_before(trig)
        if before is not None and best.value.datatype == "date" and best.end <= self.doc[before[1]].idx:
            # «اتصال ترامب بأمير قطر مساء الأربعاء يأتي بعد يوم على اتصاله بولي العهد»: the call
            # after «بعد يوم على» came a day before the date of the clause it follows
            day = date.fromisoformat(best.value.value) - timedelta(days=before[0])
            return DateValue(day.isoformat(), "date"), best.text
        return best.value, best.text

    def _days_before(self, trig: _Trig) -> tuple[int, int] | None:
        """(days, token of «بعد») when the trigger follows «بعد/عقب + يوم/يومين/أسبوع + على/من»:
        the event it names came that many days before the one the clause is about."""
        words = [k for k in range(max(0, trig.start - 6), trig.start) if self.doc[k].is_alpha]
        if len(words) < 3:
            return None
        a, n, o = words[-3:]
        if self.view.norm[a].lstrip("و") not in {"بعد", "عقب"} or self.view.norm[o] not in {"علي", "من"}:
            return None
        days = DAYS_IN_SPAN.get(self.view.norm[n])
        return (days, a) if days is not None else None

    def _statement_date(self, char: int, sent: SpacySpan, trig: _Trig) -> bool:
        """Is the date that of a statement whose clause the event is told in? A speech verb
        (a `speak` trigger) before the date, and «إن/أن» between the date and the event's trigger
        («قال مساعد الرئيس … يوري أوشاكوف، اليوم الثلاثاء، إن الرئيس بوتين بحث في اتصال …»)."""
        k = next((t.i for t in sent if t.idx + len(t.text) > char), None)
        if k is None or k >= trig.start:
            return False
        if not any(self.view.norm[j] in COMPLEMENTIZERS for j in range(k + 1, trig.start)):
            return False
        return any(pm.payload.frame == "speak" for pm in self.lex.triggers.find(self.view, sent.start, k))

    def _report_date(self, char: int, sent: SpacySpan, trig: _Trig) -> bool:
        """Is the date the report's, not the event's? It follows a reporting verb (a `speak`
        trigger: «أعلن», «قال», «أكد») with at most its subject between and no punctuation
        («استقبل شي … بومبيو، حسبما أعلن البلدان الثلاثاء»: Tuesday is the day of the announcement)."""
        k = next((t.i for t in sent if t.idx + len(t.text) > char), None)
        if k is None:
            return False
        lo = max(sent.start, k - 5)
        speak = {pm.start for pm in self.lex.triggers.find(self.view, lo, k) if pm.payload.frame == "speak"}
        for j in range(k - 1, lo - 1, -1):
            if j < trig.end:
                return False  # the event's own trigger comes first: the date is the event's
            if j in speak:
                return True
            if self.doc[j].is_punct:
                return False
        return False

    def _same_time_as_previous(self, sent: SpacySpan) -> bool:
        """The sentence opens with «وقبل ذلك», «وفي وقت لاحق» … (kg.nlp.dates.same_time_cues), and
        no span follows the cue («قبل ذلك بيومين» is two days before)."""
        words = [k for k in range(sent.start, min(sent.end, sent.start + 6)) if self.doc[k].is_alpha]
        norms = [self.view.norm[k] for k in words]
        if norms and norms[0][:1] in "وف" and len(norms[0]) > 2:
            norms[0] = norms[0][1:]
        for cue in same_time_cues():
            if tuple(norms[: len(cue)]) == cue:
                nxt = norms[len(cue)] if len(norms) > len(cue) else ""
                return not (nxt.startswith("ب") and nxt[1:] in SPAN_WORDS)
        return False

    def _relative_span(self, i: int) -> tuple[int, int] | None:
        """The relative clause («، الذي …،») token i stands in, as (start, end) token indices."""
        sent = self.sent
        for k in range(i, sent.start - 1, -1):
            tok = self.doc[k]
            if tok.text in {"،", ","} and k < i:
                return None
            after_name = any(r.end == k and r.how == "name" for r in self.m.refs_in(sent.start, k))
            if self.view.norm[k] in RELATIVE_PRONOUNS and k > sent.start and (self.doc[k - 1].text in {"،", ","} or after_name):
                # «، الذي …،», or right after a name with no comma («مع أوبرادور الذي حقق فوزا في
                # انتخابات الأول من تموز»): up to the next comma, else the sentence end
                end = next((j for j in range(k + 1, sent.end) if self.doc[j].text in {"،", ","}), sent.end if after_name else None)
                if end is not None and end >= i:
                    return (k, end)
                return None
        return None

    def _in_clause_on_another_noun(self, char: int, sent: SpacySpan, trig: _Trig) -> bool:
        """The date at `char` stands in a relative clause after the trigger whose antecedent is
        another noun («… في إطار آلية التعاون التي انطلقت في القاهرة في نوفمبر 2014»: when the
        mechanism began); a clause right after the trigger is about the event itself («الزيارة
        التي قام بها أمس»)."""
        k = next((t.i for t in sent if t.idx + len(t.text) > char), None)
        if k is None or k <= trig.end:
            return False
        for j in range(k - 1, trig.end, -1):
            if self.doc[j].text in {"،", ",", "؛", ";"}:
                return False
            if self.view.norm[j] in RELATIVE_PRONOUNS:
                # («وهو الاجتماع الذي تم أمس»: the antecedent is a word of the event's own kind)
                on_event = any(pm.end == j and pm.payload.type == trig.trigger.type
                               for pm in self.lex.triggers.find(self.view, max(sent.start, j - 3), j))
                return j - trig.end > 2 and not on_event
        return False

    def _relative_span_at_char(self, char: int, sent: SpacySpan) -> tuple[int, int] | None:
        for tok in sent:
            if tok.idx <= char < tok.idx + len(tok.text) or tok.idx >= char:
                return self._relative_span(tok.i)
        return None

    # -- topics ------------------------------------------------------------------------------------
    def topics(self, sent: SpacySpan) -> list[str]:
        return sorted({pm.payload for pm in self.lex.topics.find(self.view, sent.start, sent.end)})

    # -- participants ----------------------------------------------------------------------------
    def actors(self, refs: list[TokenRef]) -> list[str]:
        seen: list[str] = []
        for r in refs:
            if r.actor and self.entity(r.entity).type in {"Person", "Organization"} and r.entity not in seen:
                seen.append(r.entity)
        return seen

    def persons(self, refs: list[TokenRef]) -> list[str]:
        return [e for e in self.actors(refs) if self.entity(e).type == "Person"]

    def previous_meeting(self) -> EventRecord | None:
        for ev in reversed(self.events):
            if ev.type in {"Meeting", "PhoneCall"}:
                return ev
        return None

    def sentence_refs(self, sent: SpacySpan) -> list[TokenRef]:
        return self.m.refs_in(sent.start, sent.end)

    # -- delegations -------------------------------------------------------------------------
    def find_delegation(self) -> None:
        """The delegation the article speaks of: its head («ترأس بومبيو وفدا», «الوفد الذي …
        ترأسه X», «وفد برئاسة X») and its named members («يضم X و Y», «ويضم الوفد X و Y»). A
        meeting or visit of the delegation is one of all of them (gold-format.md: a meeting with a
        delegation lists the named members present)."""
        self.delegation_head: str | None = None
        self.delegation_members: list[str] = []
        self.head_leads = False  # «ترأس X وفدا»: X travels at the head of it
        for sent in self.m.view.sentences:
            if _is_headline(sent):
                continue
            words = [(k, self.view.readings(k)[:3]) for k in range(sent.start, sent.end)]
            if not any(set(r) & DELEGATION_NOUNS for _, r in words):
                continue
            refs = self.sentence_refs(sent)
            persons = [r for r in refs if self.is_person(r) and r.actor]
            for k, readings in words:
                if set(readings) & HEAD_CUES and self.delegation_head is None:
                    before = [r for r in persons if r.end <= k]
                    after = [r for r in persons if r.start > k]
                    if self.view.norm[k].endswith("ه") or self.view.norm[k] == "برئاسه":
                        head = after[:1]  # «ترأسه X», «برئاسة X»
                    else:
                        head = before[-1:] or after[:1]  # «بومبيو ترأس …», «وترأس بومبيو وفدا»
                        self.head_leads = bool(head)
                    if head:
                        self.delegation_head = head[0].entity
                if set(readings) & MEMBER_CUES:
                    # the list right after «يضم», up to where the clause goes on with something else
                    self.sent = sent
                    end = self._participants_end(_Trig(k, k + 1, None, ""), refs, sent.end)  # type: ignore[arg-type]
                    for r in persons:
                        if k < r.start < end and r.entity not in self.delegation_members and r.entity != self.delegation_head:
                            self.delegation_members.append(r.entity)
                    break

    def delegation(self) -> list[str]:
        return ([self.delegation_head] if self.delegation_head else []) + [
            m for m in self.delegation_members if m != self.delegation_head]

    def _delegation_at(self, k: int) -> bool:
        """A delegation noun at token k («وفد», «الوفد الأمريكي»)."""
        return bool(set(self.view.readings(k)[:3]) & DELEGATION_NOUNS)

    def expand_delegation(self, events: list[EventRecord]) -> None:
        """Members of a delegation its head leads go where the head goes and meet whom he meets."""
        members = [m for m in self.delegation_members if m != self.delegation_head]
        if not (self.delegation_head and members and self.head_leads):
            return
        extra: list[EventRecord] = []
        for ev in events:
            if ev.modality != "occurred" or self.delegation_head not in ev.participants:
                continue
            if ev.type == "Meeting":
                ev.participants += [m for m in members if m not in ev.participants]
            elif ev.type == "Visit" and ev.participants[:1] == [self.delegation_head]:
                for m in members:
                    twin = EventRecord(local_id=f"{ev.local_id}d{m}", type="Visit", trigger=ev.trigger, evidence=ev.evidence,
                                       modality=ev.modality, date=ev.date, date_text=ev.date_text, topics=list(ev.topics))
                    twin.participants, twin.place = [m], ev.place
                    extra.append(twin)
        events.extend(extra)

    def build(self) -> list[EventRecord]:
        self.find_delegation()
        prev_refs: list[TokenRef] = []
        for sent in self.m.view.sentences:
            self.sent = sent
            if _is_headline(sent):
                prev_refs = []
                continue
            refs = self.sentence_refs(sent)
            trigs = self.triggers_in(sent)
            bounds = [self._clause_start(trigs[n - 1].end, t.start) if n else sent.start for n, t in enumerate(trigs)]
            for n, trig in enumerate(trigs):
                clause_start = bounds[n]
                m = n + 1
                while m < len(trigs) and trig.trigger.pos == "verb" and self._sidelines_setting(trigs[m]):
                    m += 1  # «التقى X، على هامش الاجتماع …، Y»: the sidelines' meeting is where, no clause of its own
                clause_end = bounds[m] if m < len(trigs) else sent.end
                self.handle(trig, sent, refs, prev_refs, clause_start, clause_end, trigs)
            if refs:
                prev_refs = refs
        # a reception of unnamed guests that no attendee joined is no meeting of two persons
        self.events = [e for e in self.events if id(e) not in self._host_only or len(e.participants) >= 2]
        self.expand_delegation(self.events)
        self.entourage(self.events)
        self.attendance(self.events)
        self.restated_plans(self.events)
        self.dated_by_the_lead(self.events)
        self.events = self.talks_by_phone(self.events)
        merged = self.merge(self.events)
        self.visits_dated_by_meetings(merged)
        return merged

    def _sidelines_setting(self, trig: _Trig) -> bool:
        """A meeting noun right after «على هامش» («على هامش الاجتماع الخاص للمنتدى …»): the event
        on whose sidelines another took place."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return trig.trigger.pos == "noun" and k >= 1 and self.view.norm[k] == "هامش" and self.view.norm[k - 1] in {"علي", "وعلي"}

    def talks_by_phone(self, events: list[EventRecord]) -> list[EventRecord]:
        """«بحث X مع Y خلال اتصال هاتفي …»: talks («بحث», «مباحثات»: a `talk` trigger) told in the
        sentence of a call between the same two persons were that call, not a meeting in person.
        An in-person word («التقى», «استقبل», «لقاء») keeps its meeting."""
        calls = [e for e in events if e.type == "PhoneCall"]
        return [e for e in events if id(e) not in self._talks or not any(
            c.evidence == e.evidence and c.modality == e.modality and len(set(c.participants) & set(e.participants)) >= 2
            for c in calls)]

    def dated_by_the_lead(self, events: list[EventRecord]) -> None:
        """A meeting told after the lead with no date of its own, between two persons the lead
        names, is the lead's story and took place on the lead's day («أكد السيسي ونظيره بوتين،
        الأربعاء، … وقال السيسي خلال مؤتمر صحفي عقب قمة جمعت الرئيسين»). Not a background
        meeting in the pluperfect («وكان X قد التقى Y»), nor a lead with dates of two days."""
        lead = self._lead()
        if lead is None:
            return
        days = {(d.value, d.text) for d in self.dates
                if d.value is not None and d.value.datatype == "date" and lead.start_char <= d.start and d.end <= lead.end_char}
        if len({v.value for v, _ in days}) != 1:
            return
        value, text = days.pop()
        named = {r.entity for r in self.sentence_refs(lead) if self.entity(r.entity).type == "Person"}
        for ev in events:
            if (ev.type in {"Meeting", "PhoneCall"} and ev.modality == "occurred" and ev.date is None and ev.evidence.start >= lead.end_char
                    and len(ev.participants) >= 2 and set(ev.participants) <= named and not self._pluperfect(ev)):
                ev.date, ev.date_text = value, text
        if named or any(lead.start_char <= ev.evidence.start < lead.end_char for ev in events):
            return
        # «التقى الاثنين وفد كوري جنوبي بالزعيم الكوري الشمالي …»: the lead tells a dated meeting of
        # parties it does not name; the first meeting told after it, within two sentences, is that one
        self.sent = lead  # (modality reads the sentence it is in)
        if not any(t.trigger.type == "Meeting" and self.modality(t, lead.start, lead.end) == "occurred" for t in self.triggers_in(lead)):
            return
        sents = [s for s in self.m.view.sentences if s.start_char >= lead.end_char][:2]
        first = next((ev for ev in events if ev.type == "Meeting" and ev.modality == "occurred" and len(ev.participants) >= 2
                      and any(s.start_char <= ev.evidence.start < s.end_char for s in sents)), None)
        if first is not None and first.date is None and not self._pluperfect(first):
            first.date, first.date_text = value, text

    def _lead(self) -> SpacySpan | None:
        """The article's first sentence that is not a title line."""
        return next((sent for sent in self.m.view.sentences if any(t.is_alpha for t in sent) and not title_like(sent)), None)

    def _pluperfect(self, ev: EventRecord) -> bool:
        """«وكان X قد التقى Y»: the sentence tells an earlier meeting as background."""
        toks = [t for t in self.doc if ev.evidence.start <= t.idx < ev.evidence.end]
        norms = [normalize(t.text) for t in toks]
        return any(n.lstrip("و") in {"كان", "كانت", "كانا"} and "قد" in norms[k + 1 : k + 5] for k, n in enumerate(norms))

    def visits_dated_by_meetings(self, events: list[EventRecord]) -> None:
        """A visit the text gives no day took place on the day of the visitor's dated meeting at
        its destination («وصل بومبيو إلى مكسيكو … والتقى بومبيو الجمعة الرئيس … في مكسيكو»: he
        was there on Friday). Meetings on two different days leave the visit undated: which day it
        began is not said. A call proves no presence, so only in-person meetings count."""
        for visit in events:
            if visit.type != "Visit" or visit.date is not None or visit.modality != "occurred" or not visit.place:
                continue
            days = {
                (m.date.value, m.date_text)
                for m in events
                if m.type == "Meeting" and m.modality == "occurred" and m.date is not None and m.date.datatype == "date"
                and visit.participants[0] in m.participants and self._inside(m.place, visit.place)
            }
            if len({value for value, _ in days}) == 1:
                value, text = days.pop()
                visit.date, visit.date_text = DateValue(value, "date"), text

    def _is_headline_at(self, char: int) -> bool:
        """Does the sentence at this character offset read as a headline (a short line with no stop)?"""
        return any(s.start_char <= char < s.end_char and title_line(s) for s in self.view.sentences)

    def _inside(self, place: str | None, destination: str) -> bool:
        """`place` is the destination, or a city of the destination country."""
        if place is None:
            return False
        if place == destination:
            return True
        inner, outer = self.entity(place), self.entity(destination)
        return inner.type == "City" and outer.type == "Country" and inner.country is not None and inner.country == outer.country

    def restated_plans(self, events: list[EventRecord]) -> None:
        """«سيزور مرسي السعودية الأسبوع المقبل … وقال المتحدث إن زيارة مرسي للسعودية تعكس …»: a visit
        noun with no tense of its own that names the visitor and place of a visit the article told
        as planned before it is that planned visit, unless a verb tells the same visit as done."""
        planned = [e for e in events if e.type == "Visit" and e.modality == "planned"]
        tenseless = {id(e) for e in events if id(e) in self._noun_told or _told_in_present(e)}
        done_by_verb = {(e.participants[0], e.place) for e in events
                        if e.type == "Visit" and e.modality == "occurred" and id(e) not in tenseless and e.participants}
        for e in events:
            if e.type != "Visit" or e.modality != "occurred" or id(e) not in tenseless or not e.participants or e.place is None:
                continue
            visitor = e.participants[0]
            # («زيارة مرسي للسعودية» in the headline, then «بزيارة مرسي المرتقبة للرياض»: a headline
            # comes first, and a city of the country is the same trip; «يتوجه المرزوقي الثلاثاء
            # إلى فرنسا» under «يزور باريس غدا»: the present tense tells the plan again)
            if (visitor, e.place) not in done_by_verb and any(
                    p.participants[:1] == [visitor] and p.place is not None and (self._inside(p.place, e.place) or self._inside(e.place, p.place))
                    and (p.evidence.start < e.evidence.start or self._is_headline_at(e.evidence.start)) for p in planned):
                e.modality = "planned"
        # «في زيارة يلتقي خلالها السيسي … ويبحث عباس مع السيسي ملف …»: a present-tense meeting verb
        # with the parties of a meeting told as planned before it goes on telling that plan
        planned_meetings = [e for e in events if e.type in ("Meeting", "PhoneCall") and e.modality == "planned"]
        for e in events:
            if e.type not in ("Meeting", "PhoneCall") or e.modality != "occurred" or id(e) in self._noun_told:
                continue
            if not _told_in_present(e):
                continue
            if any(set(p.participants) == set(e.participants) and p.evidence.start < e.evidence.start for p in planned_meetings):
                e.modality = "planned"

    def attendance(self, events: list[EventRecord]) -> None:
        """«فيما حضر من الجانب الأمريكي X و Y»: a sentence that opens with an attendance verb and
        tells no event of its own names more attendees of the meeting told just before it (the
        gold conventions count attendees as participants)."""
        for sent in self.m.view.sentences:
            if _is_headline(sent):
                continue
            if self._meal_attendees(sent, events):
                continue
            if self.triggers_in(sent):
                continue
            words = [k for k in range(sent.start, sent.end) if self.doc[k].is_alpha]
            head = [k for k in words[:3] if self.view.norm[k] not in OPENERS]
            if not head or not set(self.view.readings(head[0])[:3]) & ATTENDANCE_VERBS:
                continue
            nxt = next((k for k in range(head[0] + 1, sent.end) if not self.doc[k].is_space), None)
            refs = self.sentence_refs(sent)
            if nxt is None or not (self.view.norm[nxt] in {"من", "عن"} or nxt in self.title_tokens
                                   or self.view.norm[nxt] in STYLE_WORDS or any(r.start == nxt and self.is_person(r) for r in refs)):
                continue  # «وحضر حفل الافتتاح …»: another event was attended
            self._join_last_meeting(sent, events, head[0], refs)

    def _meal_attendees(self, sent, events: list[EventRecord]) -> bool:
        """«وقد كانت جلسة العمل … مشفوعة بمأدبة عشاء حضرتها وزيرة السياحة X»: in a sentence that
        tells no event of its own, whoever attended the meal of the meeting told before sat at
        that meeting. True when the sentence was read so."""
        words = [k for k in range(sent.start, sent.end) if self.doc[k].is_alpha]
        meals = [i for i, k in enumerate(words) if self.view.norm[k] in self.lex.meal_nouns]
        if not meals:
            return False  # most sentences: no meal, nothing to read
        # the meal within four words before («مأدبة عشاء على شرف ضيفه حضرها …»)
        near = sorted({j for i in meals for j in range(i + 1, min(i + 5, len(words)))})
        at = next((words[j] for j in near if set(self.view.readings(words[j])[:3]) & ATTENDED_IT), None)
        if at is None or any(sent.start_char <= e.evidence.start < sent.end_char for e in events):
            return False
        return self._join_last_meeting(sent, events, at, self.sentence_refs(sent))

    def _join_last_meeting(self, sent, events: list[EventRecord], at: int, refs: list[TokenRef]) -> bool:
        """The persons of `refs` after token `at` join the last meeting told before the sentence;
        False when there is none."""
        before = [e for e in events if e.type == "Meeting" and e.modality == "occurred" and e.evidence.end <= sent.start_char]
        if not before:
            return False
        meeting = before[-1]
        for p in self.persons([r for r in refs if r.start > at]):
            if p not in meeting.participants:
                meeting.participants.append(p)
        return True

    def entourage(self, events: list[EventRecord]) -> None:
        """«وصل ماكرون إلى نيودلهي … ويرافق ماكرون عدد من الوزراء بينهم وزير الخارجية لودريان»: a
        sentence about who accompanies a visitor (no visit word of its own) sends the persons it
        names on that visitor's last visit told before it. With a pronoun («ويرافقه») the
        accompanied is the visitor of the last visit told."""
        for sent in self.m.view.sentences:
            # («ورافق الرئيس في هذه الزيارة …»: the definite «الزيارة» is the visit told before)
            if _is_headline(sent) or any(t.trigger.frame == "visit" and not (t.trigger.pos == "noun" and self._definite(t))
                                         for t in self.triggers_in(sent)):
                continue
            k = next((i for i in range(sent.start, sent.end) if set(self.view.readings(i)[:3]) & ACCOMPANY_VERBS), None)
            members = None
            if k is None:
                # «ويضم الوفد المرافق/الرسمي X و Y»: the members of the visitor's delegation
                members = next((i for i in range(sent.start, sent.end - 1) if set(self.view.readings(i)[:2]) & MEMBER_CUES
                                and set(self.view.readings(i + 1)[:2]) & DELEGATION_NOUNS), None)
                if members is None:
                    continue
                k = members + 1
            before = [e for e in events if e.type == "Visit" and e.modality == "occurred" and e.evidence.end <= sent.start_char]
            if not before:
                continue
            # the party ends where reported speech or another event word begins («يرافق كلينتون …
            # إنها تحدثت خلال اجتماعها مع طنطاوي»: whom she met is not of her party)
            stop = next((j for j in range(k + 1, sent.end) if set(self.view.readings(j)[:3]) & (COMPLEMENTIZERS | THAT_HE)
                         or ((m := self.lex.triggers.match_at(self.view, j)) is not None and m.payload.type != "Visit")), sent.end)
            after = self.persons([r for r in self.sentence_refs(sent) if k < r.start < stop])
            if members is not None or self.view.norm[k].endswith(("ه", "ها", "هم")):
                accompanied, companions = before[-1].participants[0], after
            elif after:
                accompanied, companions = after[0], after[1:]
            else:
                continue
            visit = next((e for e in reversed(before) if e.participants[:1] == [accompanied]), None)
            if visit is None:
                continue
            going = {e.participants[0] for e in events if e.type == "Visit" and e.place == visit.place}
            for n, m in enumerate(c for c in companions if c not in going and c != accompanied):
                twin = EventRecord(local_id=f"{visit.local_id}c{n}", type="Visit", trigger=visit.trigger, evidence=visit.evidence,
                                   modality=visit.modality, date=visit.date, date_text=visit.date_text, topics=list(visit.topics))
                twin.participants, twin.place = [m], visit.place
                events.append(twin)

    def new_event(self, trig: _Trig, sent: SpacySpan, etype: str, modality: str) -> EventRecord:
        date, date_text = self.date_for(trig, sent)
        if date is None and self._same_time_as_previous(sent):
            prev = next((e for e in reversed(self.events) if e.date is not None and e.type in DATED_TYPES), None)
            if prev is not None:
                date, date_text = prev.date, prev.date_text
        if modality == "occurred" and date is not None and self.published and (
            (date.datatype == "date" and date.value > self.published)
            or (date.datatype == "gYearMonth" and date.value > self.published[:7])
        ):
            modality = "planned"  # «يزور … الأسبوع المقبل», «غدا», «الشهر المقبل»: after publication
        end = sent.end_char
        while end > sent.start_char and self.text[end - 1].isspace():
            end -= 1
        ev = EventRecord(
            local_id=f"e{len(self.events) + 1}",
            type=etype,  # type: ignore[arg-type]
            trigger=trig.text,
            evidence=Span(sent.start_char, end),
            modality=modality,  # type: ignore[arg-type]
            date=date,
            date_text=date_text,
            topics=self.topics(sent),
        )
        if trig.trigger.pos == "noun":
            self._noun_told.add(id(ev))
        if trig.trigger.talk and etype == "Meeting":
            self._talks.add(id(ev))
        return ev

    def handle(self, trig: _Trig, sent: SpacySpan, refs: list[TokenRef], prev_refs: list[TokenRef], cs: int, ce: int, trigs: list[_Trig]) -> None:
        frame = trig.trigger.frame
        # What stands before a verb-first trigger back to the previous trigger (or the sentence
        # start) is where an SVO subject can be: «إن الرئيس بوتين بحث مع …».
        # A clause boundary («،», «كما») found before the trigger wins.
        earlier = [t.end for t in trigs if t.end <= trig.start]
        self.seg_start = cs if cs < trig.start else (max(earlier) if earlier else sent.start)
        modality = self.modality(trig, cs, ce)
        before = [r for r in refs if r.end <= trig.start]
        after = [r for r in refs if r.start >= trig.end]
        words = {normalize(t.text) for t in sent}

        if frame in {"meet", "receive"}:
            if frame == "receive" and trig.trigger.pos == "verb" and self._receives_a_message(trig, after):
                return  # «واستقبل الرئيس X رسالة من نظيره Y»: a letter, not a guest
            if trig.trigger.needs_with and not self._with_person(trig, refs, ce):
                return  # «وتحدث X عن …، مؤكدا التواصل مع الوكالة»: no one to talk with
            if self.view.norm[trig.end - 1] in IN_HONOUR_OF and not self._object_next(trig, after):
                return  # «مأدبة عشاء على شرف ضيفه حضرها Y»: the guest is not named here (Y attended)
            groups = self.meeting_groups(trig, sent, refs, prev_refs, cs, ce)
            if not groups:
                host = self._host_of_unnamed_guests(trig, refs, ce) if frame == "receive" else None
                if host is not None:
                    # «استقبل الأمير X … المواطنين»: guests no name names; the attendees named
                    # after it («وحضر الاستقبال A و B») are the meeting, with the host
                    ev = self.new_event(trig, sent, trig.trigger.type, modality)
                    ev.participants, ev.host = [host], host
                    ev.place = self.place_in(refs, prefer_after=trig.end)
                    self.events.append(ev)
                    self._host_only.add(id(ev))
                return
            place = self.place_in(refs, prefer_after=trig.end)
            etype = "PhoneCall" if trig.trigger.type == "Meeting" and trig.trigger.pos == "verb" and self._by_phone_after(trig, ce) else trig.trigger.type
            for people, subject in groups:
                ev = self.new_event(trig, sent, etype, modality)
                ev.participants = people
                if frame == "receive" and subject is not None:
                    guests = [p for p in people if p != subject]
                    if guests:
                        ev.host, ev.guest = subject, guests[0]
                if place:
                    ev.place = place
                self.events.append(ev)
        elif frame == "visit":
            if trig.trigger.pos == "noun" and modality == "occurred" and self._inside_invitation(trig):
                return
            called_on = self._visited_person(trig, refs, ce) if trig.trigger.visits_object else None
            if called_on is not None:
                # «زار X رئيس مجلس النواب Y في عين التينة»: a visit verb whose object is a person
                # is a call on him, a meeting; no journey to a place is told
                visitor, host = called_on
                ev = self.new_event(trig, sent, "Meeting", modality)
                ev.participants, ev.host, ev.guest = [host, visitor], host, visitor
                place = self.place_in([r for r in refs if r.start < ce], prefer_after=trig.end)
                if place:
                    ev.place = place
                self.events.append(ev)
                return
            for visitor, dest, dated in self.visit_groups(trig, sent, refs, prev_refs, cs, ce):
                ev = self.new_event(trig, sent, "Visit", modality)
                ev.participants = [visitor]
                ev.guest = None
                ev.place = dest
                if not dated:
                    ev.date = ev.date_text = None
                self.events.append(ev)
        elif frame == "deliver":
            # «سلم X الرئيس Y رسالة من Z», «تسلم Y رسالة من Z، سلمها له X»: whoever handed a
            # message over met its recipient; the sender named after «من» was not there
            pair = self._handover(trig, sent, refs, prev_refs, ce)
            if pair:
                ev = self.new_event(trig, sent, "Meeting", modality)
                ev.participants = pair
                place = self.place_in([r for r in refs if r.start < ce], prefer_after=trig.end)  # not the invitation's
                if place:
                    ev.place = place
                self.events.append(ev)
        elif frame == "speak":
            speaker = self.persons(after[:1]) if after and after[0].start - self._skip_titles(trig.end) <= 1 else []
            if not speaker:
                speaker = self.persons(before[-1:]) if before and trig.start - before[-1].end <= 2 else []
            if not speaker:
                return
            ev = self.new_event(trig, sent, "Statement", modality)
            ev.participants = speaker
            self.events.append(ev)
        elif frame == "invite":
            tail = {normalize(t.text) for t in self.doc[trig.end : min(sent.end, trig.end + 15)]}
            if not (tail & INVITE_TO) or tail & INVITE_BLOCK:
                return
            following = self.persons([r for r in after if r.start < ce])
            inviter = self.persons(before[-1:])
            if not inviter and trig.trigger.pos == "verb" and len(following) > 1:
                inviter, following = following[:1], following[1:]  # «دعا الرئيس X نظيره Y …»
            extended = self._extended_invitation(trig, before) if trig.trigger.pos == "noun" else None
            if extended is not None:
                # «ووجه X إلى نظيره Y دعوة لزيارة …»: the subject of «وجه» invites, the person
                # after «إلى/لـ» is invited
                inviter, following = [extended[0]], [extended[1]]
            received = self._invitation_received(trig, before, after) if trig.trigger.pos == "noun" else None
            if received is not None:
                # «وتلقى X دعوة من Y لزيارة …»: Y invites, the receiver X is invited
                following, inviter = [received[0]], [received[1]]
            inviter = inviter or self.persons(prev_refs[-1:])
            invitee = following[:1]
            people = inviter + [p for p in invitee if p not in inviter]
            if not people:
                return
            ev = self.new_event(trig, sent, "Invitation", modality)
            ev.participants = people
            if invitee:
                ev.guest = invitee[0]
            if inviter:
                ev.host = inviter[0]
            dest = self.destination(trig, after)
            if dest:
                ev.place = dest
            self.events.append(ev)
        elif frame == "sign":
            parties = self.actors(refs)
            if not parties:
                parties = [r.entity for r in refs if self.entity(r.entity).type == "Country"]
                parties = list(dict.fromkeys(parties))
            if len(parties) < 2:
                return
            ev = self.new_event(trig, sent, "Agreement", modality)
            ev.participants = parties
            self.events.append(ev)

    # -- who met whom ---------------------------------------------------------------------
    def meeting_groups(
        self, trig: _Trig, sent: SpacySpan, refs: list[TokenRef], prev_refs: list[TokenRef], cs: int, ce: int
    ) -> list[tuple[list[str], str | None]]:
        """The meetings a meeting word reports, each as (participants, subject).

        Arabic puts the subject of a meeting verb right after it (VSO: «التقى بومبيو نظيره»),
        or before it (SVO: «بومبيو التقى …»); each person after the subject is a counterpart.
        Several counterparts are one meeting each («التقى X كلا من Y و Z»: X–Y, X–Z, not Y–Z)
        unless the text makes them one party (a delegation, «بحضور», «يرافقه»). A noun with a
        possessive pronoun («خلال لقائه Y») takes its subject from earlier in the sentence or
        from the sentence before; «بين X و Y», «بينهما», «الرئيسين» name both sides at once.
        A subordinate clause after «أن/إن» is the clause of the meeting: a speaker before it
        («قال لافروف إن بوتين بحث مع نتنياهو») takes no part.
        """
        norm = normalize(trig.text)
        start = self._after_complementizer(min(cs, self.seg_start), trig.start)
        ce = self._participants_end(trig, refs, ce)
        clause = [r for r in refs if start <= r.start < ce and r.start != trig.start]
        before = [r for r in clause if r.end <= trig.start]
        after = [r for r in clause if r.start >= trig.end]
        after_persons = self.persons(after)
        sent_before = self.persons([r for r in refs if r.end <= trig.start])

        if self.view.norm[trig.start] in {"في", "علي"} and trig.trigger.frame == "receive":
            return self._welcome_groups(trig, refs, prev_refs)
        # (the count may follow the noun phrase: «اتصالا هاتفيا ثلاثيا مع A و B»)
        counted_end = trig.end + 1 if trig.end < len(self.doc) and self.view.norm[trig.end] in COUNTED_MEETING else trig.end
        if any(self.view.norm[k] in COUNTED_MEETING for k in range(trig.start, counted_end)) and not self._definite(trig):
            # «جمع لقاء ثلاثي X و Y و Z», «عقد X و Y و Z اجتماعا ثلاثيا»: a meeting counted by
            # its parties is one meeting of every person the clause names
            everyone = self.persons(clause)
            if len(everyone) >= 2:
                return [(everyone, None)]
        chaired = self._chaired(trig, after, ce)
        if chaired is not None:
            # «وعقد المجلس اجتماعه برئاسة X وحضور Y و Z»: the chair and everyone named as attending
            return [(chaired, chaired[0])]
        # «اللقاء», «الاجتماع الذي حضره …»: a definite noun tells more of the meeting just told
        prev = self.previous_meeting()
        brought = self._brought_together(trig)
        if brought is not None:
            # «عقب اللقاء الذي جمعه بالرئيس السوداني عمر البشير»: a meeting named by its relative
            # clause; «جمعه» is the subject's meeting with the persons after it
            objects = self.persons([r for r in after if r.start > brought])
            if len(objects) >= 2 and normalize(self.doc[brought].text).endswith("هم"):
                return [(objects, None)]
            owner = self._owner(trig, refs, prev_refs)
            if not [r for r in refs if r.end <= trig.start and self.is_person(r)]:
                # «خلال المحادثات التي جمعته بالوزير X …، أكد رئيس الحكومة Y»: the pronoun looks
                # ahead to the main clause's subject
                owner = self._fronted_subject(trig, sent, refs) or owner
            objects = [o for o in objects if o != owner]
            return [([owner, objects[0]], owner)] if owner and objects else []
        held = self._held_in_relative(trig) if trig.trigger.pos == "noun" else None
        if held is not None:
            # «خلال الاجتماع الذي عقده X مع Y», «اللقاء الذي أجراه مع Y»: the relative verb's
            # subject (after it, or the noun's owner when the verb carries none) met each person
            # after «مع/بـ»
            named = [r for r in after if r.start > held and self.is_person(r)]
            with_at = next((k for k in range(held + 1, ce) if self.view.norm[k] == "مع" or (
                self.view.norm[k][:1] == "ب" and any(r.start == k for r in named))), None)
            if with_at is not None:
                subject = next((r.entity for r in named if r.end <= with_at), None) or self._owner(trig, refs, prev_refs)
                objects = [p for p in self.persons([r for r in named if r.start >= with_at]) if p != subject]
                if subject and objects:
                    return [([subject, o], subject) for o in objects]
        if trig.trigger.pos == "noun" and self._definite(trig):
            # «اللقاء», «الاجتماع الذي …», «قبل اللقاء»: a meeting already told (or one the headline
            # told); it opens a new meeting only when it names both sides («اللقاء بين X و Y»)
            attendees = self._attendees(trig, after, ce)
            if attendees and prev is not None:
                prev.participants.extend(p for p in attendees if p not in prev.participants)
                return []
            if len(attendees) >= 2 and prev is None:
                # «وشارك في الاجتماع X و Y و Z», no meeting told before: the attendees are the meeting
                return [(attendees, None)]
            pair = self._between(trig, after, refs, prev_refs, ce)
            if pair and len(pair) >= 2 and (prev is None or not set(pair) & set(prev.participants)):
                return [(pair, None)]
            return []

        pair_next = any(self._pair_word(k) for k in range(trig.end, min(len(self.doc), trig.end + 2)))
        if trig.trigger.pos == "verb" and norm.lstrip("وف").startswith("جمع") and not norm.lstrip("وف").startswith("جمعه") and not pair_next:
            # «جمعت القمة X و Y»: the persons brought together are the verb's object, right after
            # it (or after its subject noun), or «الرئيسين»; «المواجهة التي جمعت الفريقين …، وأحرز
            # … اللاعبان X» brought teams together, and the persons further on scored
            first = next((r for r in after if self.is_person(r)), None)
            # (a comma between a title and its name is an apposition: «وزير الخارجية، خميس …»)
            gap = [k for k in range(trig.end, first.start) if k not in self.title_tokens and self.doc[k].text not in {"،", ","}] if first is not None else []
            if first is None or len(gap) > 1 or any(self.doc[k].is_punct for k in gap):
                return []
            host = self._summit_host(trig, [r for r in refs if r.end <= trig.start])
            if host is not None and after_persons:
                # «استضاف X في أبوظبي قمة جمعت A و B»: the host sat in the summit he hosted
                return [([host] + [p for p in after_persons if p != host], host)]
        if trig.trigger.pos == "noun" and self._done_by_list(trig, refs, ce):
            return []  # «اتصالات يجريها X و Y و Z لحل الأزمة»: they make the calls, with no one named
        # both sides named at once
        both = self._between(trig, after, refs, prev_refs, ce)
        if both is not None:
            return [(both, None)] if len(both) >= 2 else []

        subject: str | None = None
        objects: list[str] = []
        together = False  # the subject and the persons joined to it by «و» met as one meeting
        # the pronoun is on the head noun («لقائه»); a head in «ة» has none («محادثة», «قمة ثلاثية»)
        head = normalize(self.doc[trig.start].text)
        possessive = (trig.trigger.pos == "noun" and head.endswith(("ه", "ها", "هما", "هم")) and not head.endswith(("اه", "وه"))
                      and not self.doc[trig.start].text.endswith("ة"))
        object_pronoun = trig.trigger.pos == "verb" and norm.endswith(("ه", "ها", "هم"))
        dual = trig.trigger.pos == "verb" and norm.endswith("ا") and len(norm) > 4  # «اجتمعا», «بحثا»
        if trig.trigger.pos == "verb" and len(after_persons) >= 2 and trig.trigger.frame == "meet" and any(
                self.view.norm[k] in PLURAL_TITLES for k in range(trig.end, min(ce, trig.end + 2))):
            # «واجتمع وزراء خارجية السعودية X والإمارات Y وقطر Z»: a plural title as the
            # subject makes the persons named after it one meeting of all of them
            return [(after_persons, None)]
        if trig.trigger.pos == "verb":
            if dual and len(self.persons(before + after)) >= 2:
                # «اجتمعا», «التقيا»: the two named together are the meeting; «كير ومشار اجتمعا كل
                # على حدة مع أبي»: with a counterpart after «مع», each of them met the counterpart
                with_ = self._after_word(trig, after, ce, WITH_WORDS)
                subjects = [p for p in self.persons(before) if p not in with_] or self.persons(before + after)[:2]
                if with_:
                    if self._one_party(trig, ce) and not self._each_apart(trig, ce):
                        return [(subjects + with_, None)]
                    return [([s] + with_, s) for s in subjects]
                return [(self.persons(before + after)[:4], None)]
            svo = self._subject_before(before, trig)
            if self._first_person(trig) and after_persons:
                # «قال X: "… وقد التقيت بالمبعوث الأممي Y"», «وأكد أن "… التقيت Y"»: the speaker met Y
                speaker = self._quoted_speaker_of(trig, refs, prev_refs)
                others = [p for p in after_persons if p != speaker]
                if speaker is not None and others:
                    return [([speaker, o], speaker) for o in others]
            if object_pronoun:
                # «استقبله X»: the guest was named before, the host follows
                subject = after_persons[0] if after_persons else (svo or None)
                prior = [p for p in (sent_before or self.persons(prev_refs)) if p != subject]
                objects = prior[-1:]
            elif svo is not None:
                subject, objects = svo, [p for p in after_persons if p != svo]
            elif after_persons:
                subject, objects = after_persons[0], after_persons[1:]
                together = trig.trigger.frame == "meet" and len(self._coordinated(after, first=subject)) >= 2
                if not objects:
                    objects = [o for o in self._after_relative_clause(sent, refs, ce) if o != subject]
                if self._during_it(trig) and sent_before:
                    # «في زيارة التقى خلالها X و Y»: the verb's subject, dropped, is the visitor;
                    # everyone after it is his counterpart, each apart after «بكل من» (with each of)
                    traveller = self._last_traveller()
                    carried = [p for p in ([traveller] if traveller else []) + sent_before if p not in after_persons]
                    if carried and traveller not in after_persons:
                        subject, objects = carried[0], list(after_persons)
                        together = together and not self._each_of_after(trig, after) and not self._tour_of_several_places()
                travellers = self._last_travellers()
                if dual and not objects and len(travellers) >= 2 and subject not in travellers and self._linked_clause(trig) \
                        and self._object_next(trig, after):
                    # «وصل A و B إلى كييف، حيث التقيا الرئيس Z»: the dual verb's dropped subject is the
                    # two who arrived together, and the three met as one meeting
                    return [(travellers + [subject], None)]
                if not objects and sent_before and self._linked_clause(trig) and self._object_next(trig, after):
                    # «وصلت ميلوني إلى تونس، حيث التقت الرئيس قيس سعيد»: after «حيث»/«ثم» the
                    # verb's subject is the sentence's subject, the person after it its object
                    # (after a reception, «كما التقى نظيره …» goes on with the guest: the
                    # visitor the story follows)
                    traveller = self._last_traveller()
                    if trig.trigger.frame == "receive":
                        # «استقبل X الوزير A، ثم استقبل في وقت لاحق B»: a second reception goes on
                        # with the host, who receives again, not with the guest he received
                        traveller = self._last_host() or traveller
                    carried = [p for p in ([traveller] if traveller else []) + sent_before if p != subject]
                    if carried:
                        subject, objects = carried[0], [subject]
                elif (together or self._listed_with_wa(after)) and sent_before and self._linked_clause(trig) and self._object_next(trig, after):
                    # «… حيث التقى نائب الرئيس A، ومستشار الأمن القومي B»: the persons joined by
                    # «و» after the verb are its objects, received together by the sentence's subject
                    traveller = self._last_traveller()
                    carried = [p for p in ([traveller] if traveller else []) + sent_before if p not in after_persons]
                    if carried:
                        # (received together, one meeting: unless «بكل من» or a tour of several places has them apart)
                        subject, objects = carried[0], list(after_persons)
                        together = not self._each_of_after(trig, after) and not self._tour_of_several_places()
                if not objects and not sent_before and not (self.delegation() and self._delegation_near(trig, ce)):
                    # «والتقى وزير الخارجية السعودي فيصل بن فرحان.»: one person after the verb is
                    # its object; the subject is the one of the sentence before (unless a
                    # delegation is: «والتقى الوفد الياباني الرئيس …»)
                    carried = [p for p in self.persons(prev_refs) if p != subject]
                    if carried:
                        subject, objects = carried[0], [subject]
        else:
            # «لقاء الرئيس X مع …»: the person right after the noun (its genitive), nothing between
            head_end = self._skip_modifiers(trig.end)
            genitive = [r for r in after if self.is_person(r) and r.start in {trig.end, head_end}]
            if possessive and self._passive_by(trig):
                # «عقب استقباله من قبل الرئيس X»: the owner was received, X received him; the
                # owner is the clause's own subject or no one named
                host = after_persons[:1]
                guest = [p for p in self.persons(before) if p not in host][-1:]
                subject, objects = (host[0], guest) if host and guest else (None, [])
            elif possessive and self._body_owns(trig, start, before):
                subject, objects = None, []  # «ووقف مجلس الوزراء في اجتماعه …»: a body's session
            elif possessive:
                # the nearest person named by name before the noun, over a title that refers back
                # («اتصال ترامب بأمير قطر … بعد يوم على اتصاله بولي العهد …»: Trump's call)
                named = self.persons([r for r in refs if r.end <= trig.start and r.how == "name"])
                owner = [p for p in named if p not in after_persons] or [p for p in sent_before if p not in after_persons]
                fronted = self._fronted_subject(trig, sent, refs) if not owner else None
                if fronted is not None:
                    # «وخلال لقائه الوزير X، أكد الوزير Y …»: the main clause's subject met X
                    owner, after_persons = [fronted], [p for p in after_persons if p != fronted]
                if not owner:
                    owner = [p for p in self.persons(prev_refs) if p not in after_persons][:1]
                subject = owner[-1] if owner else None
                with_him = self._with_him_pair(trig, refs, start) if not after_persons else None
                if with_him is not None:
                    # «نقل X تحيات Y إلى Z، خلال لقائه به»: «به» (with him) is the last person named,
                    # the noun's owner the clause's subject, named first
                    subject, after_persons = with_him
                if owner and self._after_dhalika(trig):
                    subject = owner[0]  # «استضاف بوتين قمة مع A و B، وذلك بعد يومين من استقباله C»: the main clause's subject
                objects = after_persons
            elif genitive:
                subject = genitive[0].entity
                objects = [p for p in after_persons if p != subject]
                prior = [p for p in self.persons(before) if p != subject]
                near = [r for r in refs if r.end <= trig.start and self.is_person(r) and trig.start - r.end <= 2
                        and not any(self.doc[k].is_punct for k in range(r.end, trig.start))]
                prior = prior or [p for p in self.persons(near[-1:]) if p != subject]  # «X جولته بلقاء Y»
                if not objects and prior:
                    # «استهل X جولته بلقاء ولي العهد Y»: the genitive is the object of the clause's subject
                    subject, objects = prior[-1], [subject]
            elif not after_persons and self._adverbial(trig) and len(sent_before) >= 2:
                # «ودعا الجهيناوي نظيره جونسون، خلال جلسة عمل …»: the meeting of the clause's
                # subject and object
                subject, objects = sent_before[0], sent_before[1:2]
                chain = self._coordinated([r for r in refs if r.end <= trig.start], first=subject)
                if len(chain) >= 2 and trig.trigger.frame == "meet":
                    # «وشارك بوتين وروحاني وأردوغان في اجتماع …»: the persons joined by «و» met
                    subject, objects, together = chain[0], chain[1:], True
            else:
                prior = self.persons(before) or ([self._dropped_subject(start, sent_before)] if sent_before else [])
                if sent_before and self._linked_support_verb(trig):
                    # «التقى X كلا من A و B، كما أجرى محادثات مع C»: the support verb after «كما»
                    # has the sentence's subject, not the person named last
                    prior = [sent_before[0]]
                subject = prior[-1] if prior else None
                objects = [p for p in after_persons if p != subject]
                chain = self._coordinated(before, last=subject) if trig.trigger.frame == "meet" else []
                if len(chain) < 2 and trig.trigger.frame == "meet":
                    chain = self._plural_title_subjects(trig, before)
                if len(chain) >= 2 and not self._definite(trig):
                    # «وعقد بوتين وروحاني وأردوغان اجتماعا في سوتشي»: the persons joined by «و»
                    # before an indefinite meeting noun are the meeting; «وشارك A و B و C في
                    # اجتماع مع D»: with the counterpart after «مع», one meeting of all of them
                    subject, objects, together = chain[0], chain[1:] + [o for o in objects if o not in chain], True
                last = next((r for r in reversed(before) if r.entity == subject), None)
                if not objects and len(prior) >= 2 and last is not None and self._after_with(last.start):
                    # «وعقد X مع Y جلسة مباحثات»: the «مع» phrase stands before the noun
                    subject, objects = prior[-2], [prior[-1]]
                if subject is None and len(objects) >= 2:
                    subject, objects = objects[0], objects[1:]
        party = self.delegation()
        if party and self._delegation_near(trig, ce):
            # «التقى الوفد الأمريكي الرئيس …», «وعقد الوفد لقاء مع …», «استقبل كيم وفدا من …»:
            # the delegation's head and members are one party of the meeting
            others = [p for p in ([subject] if subject else []) + objects if p not in party]
            if not others and sent_before:
                others = [p for p in sent_before if p not in party][-1:]
            if others:
                # host first: the named person receiving the delegation, else the delegation's head
                host = others[0] if trig.trigger.frame == "receive" and subject not in party else party[0]
                return [([host] + [p for p in party + others if p != host], host)]
        if subject is None and objects and not sent_before:
            # «وفي اتصال هاتفي مع الرئيس X، أكد الرئيس Y …»: the main clause's subject
            fronted = self._fronted_subject(trig, sent, refs)
            if fronted is not None and fronted not in objects:
                subject = fronted
        if subject is None and objects and not sent_before and self._subject_dropped(trig, sent, after):
            # «وقال في مؤتمر صحافي مع نظيره …»: the subject is the one of the sentence before
            carried = [p for p in self.persons(prev_refs) if p not in objects]
            subject = carried[0] if carried else None
        if subject is None:
            return []
        objects = [o for o in dict.fromkeys(objects) if o != subject]
        if not objects and trig.trigger.pos == "verb":
            # «والتقى لودريان، الذي وصل مساء السبت إلى القاهرة، السيسي …»: a relative clause
            # between the verb and its object; the object comes after the clause's closing comma
            objects = [o for o in self._after_relative_clause(sent, refs, ce) if o != subject]
        if not objects:
            # organisations and delegations take part when no second person is named
            orgs = [e for e in self.actors(after) if e != subject and self.entity(e).type == "Organization"]
            return [([subject, orgs[0]], subject)] if orgs else []
        if len(objects) == 1 or together or self._one_party(trig, ce):
            return [([subject] + objects, subject)]
        if len(objects) >= 2 and self._both_taken_up(after, objects):
            # «التقى X … A ورئيس جهاز الأمن السياسي B اللذين قدما له تقريرا»: a dual or plural
            # relative after the last of them takes them up together: they met him together
            return [([subject] + objects, subject)]
        if trig.trigger.frame == "receive" and trig.trigger.pos == "verb" and self._listed_with_wa([r for r in after if r.entity in objects]):
            # «استقبل X … A، ورئيس الهيئة B»: guests listed behind «، و» and their own titles were
            # received together, one reception of all of them
            return [([subject] + objects, subject)]
        members = self._members_of_plural_noun(trig, [r for r in after if r.entity in objects])
        if len(members) >= 2 and set(members) <= set(objects):
            # «التقى الرئيس X لاعبي المنتخب A و B»: the members of a plural noun met him together
            return [([subject] + members, subject)] + [([subject, o], subject) for o in objects if o not in members]
        return [([subject, o], subject) for o in objects]

    def _both_taken_up(self, after: list[TokenRef], objects: list[str]) -> bool:
        """A dual or plural relative pronoun («اللذين», «الذين») right after the last object's name
        (a comma at most between)."""
        last = max((r for r in after if r.entity in objects and self.is_person(r)), key=lambda r: r.end, default=None)
        if last is None:
            return False
        k = last.end
        while k < len(self.doc) and (self.doc[k].is_space or self.doc[k].text in {"،", ","}):
            k += 1
        return k < len(self.doc) and self.view.norm[k] in PLURAL_RELATIVES

    def _members_of_plural_noun(self, trig: _Trig, after: list[TokenRef]) -> list[str]:
        """The persons of `after` (the objects) joined by «و» right after a plural or dual noun of
        people that stands between the trigger and them (data/lexicon/plural_parties.txt: «لاعبي منتخب ألمانيا A و
        B», «الوزيرين A و B»), with no punctuation between the noun and the first name."""
        first = next((r for r in after if self.is_person(r)), None)
        if first is None:
            return []
        noun = next((k for k in range(first.start - 1, max(trig.end, first.start - 7) - 1, -1)
                     if any(r in self.lex.plural_parties for r in self.view.readings(k)[:2])), None)
        if noun is None or any(self.doc[k].is_punct for k in range(noun, first.start)):
            return []
        return self._coordinated([r for r in after if r.start >= first.start], first=first.entity)

    def _summit_host(self, trig: _Trig, before: list[TokenRef]) -> str | None:
        """The person right after «استضاف» (hosted) earlier in the clause, when the verb of bringing
        together («جمعت») follows a meeting noun: «استضاف X … قمة جمعت A و B»."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 0 or self.view.norm[k] not in GATHERING_NOUNS:
            return None
        hosted = next((j for j in range(k - 1, max(self.sent.start, k - 20) - 1, -1) if self.view.norm[j] in HOSTED), None)
        if hosted is None or any(self.doc[j].text in {".", "؛"} for j in range(hosted, k)):
            return None
        return next((r.entity for r in before if hosted < r.start < k and self.is_person(r)), None)

    def _plural_title_subjects(self, trig: _Trig, before: list[TokenRef]) -> list[str]:
        """«وعقد وزراء خارجية مصر A والأردن B وفرنسا C اجتماعا»: a plural title right after the verb
        before a meeting noun makes every person named between it and the noun the noun's subject."""
        first = next((r for r in before if self.is_person(r)), None)
        if first is None:
            return []
        j = next((x for x in range(first.start - 1, max(-1, first.start - 5), -1) if self.view.norm[x] in PLURAL_TITLES), None)
        if j is None or any(self.doc[x].is_punct for x in range(j, trig.start)):
            return []
        return self.persons([r for r in before if r.start > j])

    def _coordinated(self, refs: list[TokenRef], first: str | None = None, last: str | None = None) -> list[str]:
        """The persons of `refs` joined by «و» into one noun phrase, from the person `first`
        onwards or back to the person `last`: «اجتمع بوتين وروحاني وأردوغان» (the three are
        the subject of one meeting), unlike «التقى بوتين روحاني وأردوغان» (one subject, two
        counterparts) or «التقى بوتين مع روحاني». Between two of them only the second's title
        may stand, and it (or the name itself) must open with the conjunction."""
        persons = [r for r in refs if self.is_person(r)]
        idx = next((i for i, r in enumerate(persons) if r.entity == (first or last)), None)
        if idx is None:
            return []
        if last is not None:
            persons = persons[: idx + 1][::-1]
            idx = 0
        chain = [persons[idx]]
        for r in persons[idx + 1 :]:
            a, b = (chain[-1], r) if first is not None else (r, chain[-1])
            if not self._joined(a, b):
                break
            chain.append(r)
        if last is not None:
            chain = chain[::-1]
        return list(dict.fromkeys(r.entity for r in chain))

    def _listed_with_wa(self, after: list[TokenRef]) -> bool:
        """The second person after the verb follows the first behind «، و» and his own title
        («التقى نائب الرئيس A، ومستشار الأمن القومي B»), with no other punctuation between."""
        people = [r for r in after if self.is_person(r)][:2]
        if len(people) < 2:
            return False
        g = people[0].end
        while g < people[1].start and (self.doc[g].is_space or self.doc[g].text in {"،", ","}):
            g += 1
        between = range(g, people[1].start)
        return (g < people[1].start and self.view.norm[g].startswith("و") and len(between) <= 12
                and not any(self.doc[k].is_punct for k in between))

    def _joined(self, a: TokenRef, b: TokenRef) -> bool:
        """Does person `b` follow person `a` as a coordinated one («… بوتين والرئيس الإيراني روحاني»,
        «… بوتين وروحاني», «… بوتين ونظيره التركي …»)?"""
        g = a.end
        while g < b.start and self.doc[g].is_space:
            g += 1
        if g > b.start or b.start - g > 4:
            return False
        gap = range(g, b.start)
        if any(self.doc[k].is_punct or self.view.norm[k] in WITH_WORDS for k in gap):
            return False
        titles = {ti.start for ti in self.m.titles}
        if g < b.start and g not in titles and not any(r in COUNTERPART_WORDS for r in self.view.readings(g)[:3]) \
                and not self._office_head_title(g, b.start):
            # «الرئيسان الفرنسي X والمصري Y»: after a dual or plural title, a nationality with
            # «و» is the second person's title
            if not (b.start - g == 1 and self.view.norm[g].startswith("و") and self.lex.nationalities.match_at(self.view, g) is not None):
                return False  # something other than the second person's title stands between
        norm = self.view.norm[g]
        if norm == "و":
            return True
        if not norm.startswith("و") or len(norm) < 3:
            return False
        rest = norm[1:]
        if rest.startswith(("ال", "و")) or rest in COUNTERPART_WORDS:
            return True  # «والرئيس», «ووزير», «ونظيره»
        for offices in (self.lex.offices, self.lex.construct_offices):
            m = offices.match_at(self.view, g, b.start)
            if m is not None and m.start_char > self.doc[g].idx:
                return True  # «ورئيس الوزراء»: the office read after a proclitic «و»
        # a name glued to «و» («وأردوغان»), not a name that starts with و («وليد»)
        return g == b.start and b.how == "name" and not self.lex.is_name_word(norm) and self.doc[g].text not in self.lex.given_names

    def _wa_office_head(self, k: int) -> bool:
        """«و» + the first word of an office («ورئيس», «ووزيرة») outside any name."""
        norm = self.view.norm[k]
        return norm.startswith("و") and norm[1:] in self.lex.office_heads and k not in self._name_tokens

    def _office_head_title(self, g: int, end: int) -> bool:
        """Do the words `g`..`end` read as a title the office list does not hold: «و» + an office
        head («ووزيرة», «ورئيس») and then only definite words and nationalities («ووزيرة المساواة
        الإسبانية»)? A ministry missing from the list must not break a list of persons."""
        if not self._wa_office_head(g):
            return False
        k = g + 1
        while k < end:
            nat = self.lex.nationalities.match_at(self.view, k)
            if nat is not None and nat.end <= end:
                k = nat.end
                continue
            if not (self.doc[k].is_alpha and self.view.norm[k].startswith(("ال", "لل")) and k not in self._name_tokens):
                return False
            k += 1
        return True

    # -- who went where ---------------------------------------------------------------------
    def visit_groups(
        self, trig: _Trig, sent: SpacySpan, refs: list[TokenRef], prev_refs: list[TokenRef], cs: int, ce: int
    ) -> list[tuple[str, str, bool]]:
        """The visits a visit word reports, as (visitor, destination, dated) triples: `dated` is
        False for a stop the traveller made before the day the sentence gives (where he came from,
        where his tour began).

        The destination is the place after «إلى», «لـ», «بـ» or the object of the verb («زار
        بغداد»). The visitor is the verb's subject (after it, or before it in SVO order, or the
        subject of the sentence before when none is named), the genitive of the noun («زيارة
        الرئيس السوداني … إلى القاهرة»), or the owner of its pronoun («زيارته لجيبوتي»).
        Companions named with «برفقة», «يرافقه», «وزوجته», «بينهم» travel too. The host is never
        a visitor to his own country.
        """
        norm = normalize(trig.text)
        if trig.trigger.pos == "noun" and self._definite(trig) and not self._definite_names_its_visitor(trig):
            return []  # «الزيارة»: the visit already told, not a new one
        start = self._after_complementizer(min(cs, self.seg_start), trig.start)
        # A noun of the same event after the verb («وصل … إلى نيودلهي في زيارة …») does not end
        # the verb's clause; the next verb does.
        ce = self._next_verb_start(trig, sent, ce)
        clause = [r for r in refs if start <= r.start < ce]
        before = [r for r in clause if r.end <= trig.start]
        after = [r for r in clause if r.start >= trig.end]
        dest = self.destination(trig, after)
        reached = self._place_antecedent(trig, refs) if trig.trigger.pos == "verb" else None
        if reached is not None:
            # «… في القدس التي وصلتها قادمة من مصر»: the place before the pronoun, reached by the
            # sentence's subject (the first person it names)
            subject = self.persons([r for r in refs if r.end <= trig.start])
            return [(subject[0], reached, True)] if subject and not (
                self.entity(reached).country and self.entity(subject[0]).country == self.entity(reached).country) else []
        if dest is not None and self.entity(dest).type == "Place" and self.entity(dest).wikidata is not None:
            # «متوجها الى الشرق الأوسط في جولة يستهلها في مصر»: a region of the gazetteer (a
            # Place with a QID: neither city nor country), then the country or city the trip goes
            # to in it; an island the model found («جزيرة كريت») is a destination itself
            at = next(r.end for r in after if r.entity == dest)
            inner = next((r for r in after if r.start >= at and r.start - at <= 12 and self.is_place(r)
                          and self.entity(r.entity).type in {"City", "Country"}), None)
            if inner is not None:
                dest = inner.entity
        dest_start = next((r.start for r in after if r.entity == dest), ce) if dest is not None else ce
        sent_before = self.persons([r for r in refs if r.end <= trig.start])
        visitor: str | None = None
        fellow: list[str] = []  # subjects coordinated with the visitor
        if trig.trigger.pos == "verb":
            first = [r for r in after if r.start < dest_start and self.is_person(r) and r.actor][:1]
            svo = self._subject_before(before, trig)
            if first:
                visitor = first[0].entity
                # «وصل شيخ الأزهر A وبابا الفاتيكان B إلى أبوظبي»: the «و» list before the
                # destination is the subject, and each of them arrived
                fellow = self._coordinated([r for r in after if r.start < dest_start], first=visitor)[1:]
            elif svo is not None:
                visitor = svo
            elif (late := self._subject_after_destination(dest, after)) is not None:
                visitor = late  # «ووصل إلى العاصمة الأردنية عمان وزير الخارجية الأمريكي X»
            elif self.delegation() and self._relative_to_delegation(trig):
                pass  # «والوفد الذي زار …»: the delegation went, not the last sentence's subject
            elif self._clause_on_a_thing(trig):
                pass  # «الكميات التي تصل إلى غزة»: the quantities arrive, not the last sentence's subject
            elif self._unnamed_subject_after_complementizer(trig):
                pass  # «وأفادت تقارير بأن قائدا كبيرا في البحرية زار عدن»: an unnamed commander went
            elif self._thing_subject_after(trig):
                pass  # «ووصلت المعارك إلى حلب»: the battles arrived, not the last sentence's subject
            elif not sent_before:
                carried = self.persons(prev_refs)
                visitor = carried[0] if carried else None
            elif self._linked_clause(trig) and not self.view.norm[trig.start].startswith(("ال", "وال")):  # («ومن ثم التوجه»: a verbal noun)
                # «يواصل X جولة …، إذ وصل أمس إلى القاهرة»: after «إذ/حيث/ثم» the dropped subject is the sentence's
                visitor = sent_before[0]
        else:
            # «زيارته», or «زيارة له» (a visit of his)
            possessive = (norm.endswith(("ه", "ها")) and norm not in {"زياره"}) or (
                trig.end < len(self.doc) and self.view.norm[trig.end] in {"له", "لها"})
            genitive = [r for r in after if r.start < dest_start and self.is_person(r) and r.start - self._skip_modifiers(trig.end) <= 1]
            if possessive:
                visitor = self._owner(trig, refs, prev_refs)
                home = self.entity(dest).country if dest is not None else None
                if visitor is not None and home and self.entity(visitor).country == home:
                    # «التقى X نظيره الصيني Y، في أول زيارة له إلى الصين»: no leader visits his own
                    # country, so «له» is the other person the sentence names before it
                    others = [r.entity for r in refs if r.end <= trig.start and self.is_person(r) and r.actor
                              and self.entity(r.entity).country != home]
                    visitor = others[-1] if others else visitor
            elif genitive:
                visitor = genitive[0].entity
            elif (gender := self._made_by_it(trig)) is not None:
                # «في أول زيارة تقوم بها لمصر»: the visit «she makes» is that of the woman (or, after
                # «يقوم», the man) the sentence names last, else of the sentence before
                home = self.entity(dest).country if dest is not None else None
                named = [r.entity for r in refs if r.end <= trig.start and self.is_person(r) and r.actor
                         and self._feminine(r.entity) == (gender == "f")
                         and not (home and self.entity(r.entity).country == home)]  # no one visits his own country
                carried = [p for p in self.persons(prev_refs) if self._feminine(p) == (gender == "f")]
                visitor = named[-1] if named else (carried[0] if carried else None)
                behind = self._skip_titles(self._after_made_by_it(trig))
                # («أول زيارة يقوم بها لافروف للخليج»: the subject named after «بها» made it)
                visitor = next((r.entity for r in after if self.is_person(r) and r.start == behind), visitor)
            else:
                # «قام الرئيس X بزيارة إلى …», «X في زيارة …»: the subject of a support verb, or a
                # person right before the noun; any other person of the sentence is no visitor
                visitor = self._support_subject(trig, before) or self._fronted_subject(trig, sent, refs) \
                    or self._subject_of_that_he(trig, before)
                if visitor is None and self._after_own_tour(trig):
                    # «واختتم X جولته الآسيوية بزيارة الصين»: the visit that ends (or opens) his tour is his
                    visitor = self._owner(trig, refs, prev_refs)
                elif visitor is None and self._tour_verb_before(trig):
                    # «يواصل X جولته …، على أن يختتمها بزيارة توغو»: the tour's, the sentence's subject
                    named = self.persons([r for r in refs if r.end <= trig.start])
                    visitor = named[0] if named else None
                elif visitor is None and self._word_before(trig.start) in AFTER_WORDS and start <= sent.start:
                    # «عاد X إلى أرض الوطن، بعد زيارة دولة إلى نيبال»: a visit noun with no visitor
                    # of its own after «بعد/عقب/إثر» is that of the sentence's subject, who went on
                    # (not behind «إن/أن»: «قال X إن الاتفاق جاء بعد زيارة …» tells no visit of his)
                    visitor = self._sentence_subject(sent)
        if dest is None and trig.trigger.pos == "noun":
            # «وتحول الوزير X إلى الجزائر في زيارة عمل»: whatever the verb of motion, «X … إلى Y
            # في زيارة» is X's visit to Y
            back = self._destination_before(trig, before)
            if back is not None:
                visitor, dest = back
            present = self._present_in(trig, before) if back is None else None
            if present is not None:
                # «الرئيس ترمب وزوجته ميلانيا في العراق لتفقد القوات … في زيارة لم تكن معلنة»: a
                # sentence with no verb puts the persons in the place; the visit noun is theirs
                (visitor, *fellow), dest = present
        started = self._tour_started_in(trig)
        if dest is None and started and (any(self.view.norm[k] in TOUR_BEGUN for k in range(self.sent.start, trig.start))
                                         or (trig.trigger.pos == "noun" and not self._visit_told_in_sentence())):
            # «استهل X جولته في المنطقة من بيروت», «يقوم X بجولة خليجية بدأها أمس من الدوحة»: with no
            # other stop named, where the tour began is the stop the sentence dates
            dest, started = started[0], started[1:]
        if dest is None:
            # «استقبل مودي نظيره الكندي ترودو … وكانت هذه الدعوة أحدث خطأ في زيارة ترودو»: a visit
            # named without a destination is to the country of the host who received the visitor
            dest = self._received_in(visitor) if visitor is not None else None
            if dest is None:
                return []
        party = self.delegation()
        if visitor is None and party and (self._delegation_near(trig, ce) or self._relative_to_delegation(trig)):
            visitors = party  # «والوفد الدبلوماسي الذي زار بيونغ يانغ …»: the delegation's members went
        elif visitor is None:
            return []
        else:
            visitors = [visitor] + fellow + [p for p in self._companions(trig, after, ce) if p != visitor]
            if trig.trigger.pos == "verb" and trig.end < len(self.doc) and self.view.norm[trig.end] in DUAL_TITLES:
                # «ووصل وزيرا الخارجية المصري A والأردني B إلى جنيف»: the dual subject is both
                visitors += [p for p in self.persons([r for r in after if r.start < dest_start]) if p not in visitors]
        out = []
        came_from = self._coming_from(trig, after) if trig.trigger.pos == "verb" else None
        # the stop he came from («وصل أمس … قادما من الأردن») and the places a tour began in came
        # before the day the sentence gives: those visits are undated
        earlier = [p for p in [came_from] + started if p is not None and p != dest]
        for d in [dest] + self._coordinated_places(dest, after) + list(dict.fromkeys(earlier)):
            # «جولة شملت مصر وإثيوبيا وفرنسا»: one visit to each place of the «و» list; «وصل …
            # قادما من مصر»: the stop he came from (not his own country)
            d_country = self.entity(d).country
            out += [(v, d, d not in earlier) for v in dict.fromkeys(visitors)
                    if not (d_country and self.entity(v).country == d_country and not self._provincial_city(d))]
        return out

    def _provincial_city(self, place: str) -> bool:
        """A city that is not its country's capital («صفاقس», «أبها», «جدة»): an official of that
        country who goes there makes a visit (the gold conventions count a minister's tour of a
        province); his own country or its capital is where he is at home."""
        ent = self.entity(place)
        if ent.type != "City" or not ent.country:
            return False
        capital = self.lex.gazetteer.capital_of(ent.country)
        return capital is not None and capital.qid != ent.wikidata

    def _definite_names_its_visitor(self, trig: _Trig) -> bool:
        """«بالزيارة المرتقبة للرئيس الفرنسي X إلى بيروت»: a definite visit noun whose adjective
        says it is still ahead, with its visitor behind «لـ»: a visit of its own (planned), not the
        one told before."""
        k = self._skip_space(trig.end)
        if k >= len(self.doc) or self.view.norm[k] not in AHEAD_ADJECTIVES:
            return False
        k = self._skip_space(k + 1)
        return k < len(self.doc) and self.view.norm[k].startswith("ل") and any(
            r.start <= k + 4 and r.end > k and self.is_person(r) for r in self.sentence_refs(self.sent))

    def _subject_of_that_he(self, trig: _Trig, before: list[TokenRef]) -> str | None:
        """«وأكد ماكرون أنه يعتزم زيارة بيروت»: «أنه» and one verb before the visit noun; the
        pronoun is the speaker's, the person named before the complementizer."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 1 or not self.doc[k].is_alpha or k in self._name_tokens or not imperfect_verb_shape(self.view.norm[k]):
            return None  # («إنه خلال زيارة بنس …»: no verb of his before the noun)
        j = k - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        if j < 0 or self.view.norm[j] not in THAT_HE:
            return None
        speakers = [r for r in before if r.end <= j and self.is_person(r) and r.actor]
        return speakers[-1].entity if speakers else None

    def _after_dhalika(self, trig: _Trig) -> bool:
        """«…، وذلك بعد يومين من استقباله …»: the noun hangs on «وذلك» (that), which takes up the
        whole main clause, so its pronoun is that clause's subject; at most five words between."""
        k, words = trig.start - 1, 0
        while k >= self.sent.start and words < 6 and not self.doc[k].is_punct:
            if self.view.norm[k] in {"وذلك", "ذلك"}:
                return True
            words += not self.doc[k].is_space
            k -= 1
        return False

    def _skip_space(self, k: int) -> int:
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return k

    def _tour_started_in(self, trig: _Trig) -> list[str]:
        """The place a tour began in, named after the visit word in its sentence: «في المحطة الثانية
        من جولة بدأها من الجزائر», «استهل جولته في المنطقة من بيروت», «بعد محطته الأولى في باريس».
        The traveller has been there, so it is a visit of his too."""
        places = [r for r in self.sentence_refs(self.sent) if self.is_place(r) and r.start >= trig.start - 6]
        out: list[str] = []
        begun_before = trig.trigger.pos == "noun" and any(self.view.norm[k] in TOUR_BEGUN for k in range(self.sent.start, trig.start))
        for k in range(max(self.sent.start, trig.start - 6), self.sent.end):
            norm = self.view.norm[k]
            if norm in TOUR_BEGUN or (begun_before and k == trig.start):
                # (the noun itself after «استهل X»: «استهل X، السبت، جولته في المنطقة من بيروت»)
                # «بدأها من X», «استهل جولته في المنطقة من X»: «من» within four words
                at = next((j for j in range(k + 1, min(self.sent.end, k + 6)) if self.view.norm[j] == "من"), None)
                if at is None or any(self.doc[j].is_punct for j in range(k + 1, at)):
                    continue
            elif norm in FIRST_STOP and k + 2 < self.sent.end and self.view.norm[k + 1] in {"الاولي", "الأولى"} \
                    and self.view.norm[k + 2] == "في":
                at = k + 2  # «محطته الأولى في باريس»
            else:
                continue
            place = next((r for r in places if r.start == self._skip_space(at + 1)), None)
            if place is not None and place.entity not in out:
                out.append(place.entity)
        return out

    def _coming_from(self, trig: _Trig, after: list[TokenRef]) -> str | None:
        """«قادما/قادمة من X» after an arrival verb: the place X the traveller came from, in the
        verb's sentence, past a day and a date («وصل X، الجمعة 22 مارس 2024، إلى تل أبيب قادما من
        القاهرة»)."""
        for k in range(trig.end, min(len(self.doc) - 1, self.sent.end - 1, trig.end + 24)):
            if self.doc[k].text in {".", "؛"}:
                break
            if self.view.norm[k].startswith("قادم") and self.view.norm[k + 1] == "من":
                return next((r.entity for r in after if r.start == k + 2 and self.is_place(r)), None)
        return None

    def _destination_before(self, trig: _Trig, before: list[TokenRef]) -> tuple[str, str] | None:
        """(visitor, destination) of «X [verb] إلى Y في زيارة …»: the place right before the visit
        noun (only «في» between) after «إلى», and the person right before «إلى» (a verb and a day
        word at most between)."""
        places = [r for r in before if self.is_place(r)]
        if not places:
            return None
        place = places[-1]
        if any(not self.doc[k].is_space and self.view.norm[k] != "في" for k in range(place.end, trig.start)):
            return None
        k = place.start - 1
        while k >= 0 and (self.doc[k].is_space or normalize(self.doc[k].text) in PLACE_DESCRIPTORS
                          or self.lex.nationalities.match_at(self.view, k) is not None):
            k -= 1
        if k < 0 or self.view.norm[k] not in {"الي"}:
            return None
        persons = [r for r in before if self.is_person(r) and r.actor and r.end <= k]
        if not persons:
            return None
        between = [j for j in range(persons[-1].end, k) if not self.doc[j].is_space and self.view.norm[j] not in time_words()]
        if len(between) > 2 or any(self.doc[j].is_punct for j in between):
            return None
        return persons[-1].entity, place.entity

    def _present_in(self, trig: _Trig, before: list[TokenRef]) -> tuple[list[str], str] | None:
        """([persons], place) of a sentence with no verb before the visit noun: «X [وزوجته Y] في
        PLACE [a purpose of at most five words] في زيارة …» (headline style: «بوتين في طهران في
        زيارة رسمية»). The persons end right before «في PLACE»."""
        places = [r for r in before if self.is_place(r)]
        if not places:
            return None
        place = places[-1]
        if any(m.payload.pos == "verb" for m in self.lex.triggers.find(self.view, self.sent.start, place.start)):
            return None
        between = [k for k in range(place.end, trig.start) if not self.doc[k].is_space]
        if not between or self.view.norm[between[-1]] != "في" or len(between) > 6 or any(self.doc[k].is_punct for k in between):
            return None
        k = place.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 0 or self.view.norm[k] != "في":
            return None
        persons = [r for r in before if self.is_person(r) and r.actor and r.end <= k]
        if not persons or any(not self.doc[j].is_space for j in range(persons[-1].end, k)):
            return None
        people = [persons[-1].entity]
        for r in reversed(persons[:-1]):
            gap = [j for j in range(r.end, next(x.start for x in persons if x.entity == people[-1])) if not self.doc[j].is_space]
            if not gap or len(gap) > 2 or not self.view.norm[gap[0]].startswith("و") or any(self.doc[j].is_punct for j in gap):
                break
            people.append(r.entity)  # «الرئيس ترمب وزوجته ميلانيا»: joined by «و» (a kin word at most)
        return list(reversed(people)), place.entity

    def _subject_after_destination(self, dest: str | None, after: list[TokenRef]) -> str | None:
        """The verb's subject after its destination (verb, place, subject: «وصل إلى بغداد أمس وزير
        الخارجية X»): the first person right after the place, behind titles and a day word."""
        at = next((r for r in after if r.entity == dest), None) if dest is not None else None
        if at is None:
            return None
        first = next((r for r in after if r.start >= at.end and self.is_person(r) and r.actor), None)
        if first is None:
            return None
        places = {k for r in after if self.is_place(r) for k in range(r.start, r.end)}  # «العاصمة الأردنية عمان»
        gap = [k for k in range(at.end, first.start) if not self._filler(k) and k not in places]
        gap = [k for k in gap if not self._in_date(k)]  # «مساء أمس الاثنين»
        if gap and len(gap) <= 6 and self.view.norm[gap[0]] in DELEGATION_NOUNS and self.view.norm[gap[-1]] in HEAD_CUES \
                and not any(self.doc[k].is_punct for k in gap):
            return first.entity  # «وصل إلى الخرطوم أمس وفد مصري رفيع المستوى برئاسة X»: the delegation's head
        return first.entity if not gap else None

    def _coordinated_places(self, dest: str, after: list[TokenRef]) -> list[str]:
        """Places joined to the destination by «و» right after it («إلى مصر وإثيوبيا وفرنسا»)."""
        refs = [r for r in after if self.is_place(r)]
        idx = next((i for i, r in enumerate(refs) if r.entity == dest), None)
        if idx is None:
            return []
        out, prev = [], refs[idx]
        for r in refs[idx + 1 :]:
            k = prev.end
            while k < r.start and self.doc[k].is_space:
                k += 1
            glued = k == r.start and self.view.norm[k].startswith("و") and not self.entity(r.entity).name.startswith("و")
            then = k < r.start and self.view.norm[k] == "ثم" and all(  # «صربيا ثم المجر», «ثم إلى المجر»
                self.doc[j].is_space or self.view.norm[j] == "الي" for j in range(k + 1, r.start))
            if not (glued or then or (k == r.start - 1 and self.view.norm[k] == "و")):
                break
            out.append(r.entity)
            prev = r
        return [e for e in dict.fromkeys(out) if e != dest]

    def _received_in(self, visitor: str) -> str | None:
        """The country (a place the article names) of the host of the last reception told of
        `visitor` as the guest, when host and guest are of different countries."""
        guest_country = self.entity(visitor).country
        for ev in reversed(self.events):
            if ev.type != "Meeting" or ev.guest != visitor or ev.host is None or ev.modality != "occurred":
                continue
            country = self.entity(ev.host).country or next((r.country for r in self.entity(ev.host).roles if r.country), None)
            if not country or country == guest_country:
                return None
            if ev.place is not None:
                return ev.place  # where the reception was
            return next((e.local_id for e in self.m.entities if e.type == "Country" and e.country == country), None)
        return None

    def _next_verb_start(self, trig: _Trig, sent: SpacySpan, ce: int) -> int:
        """The start of the next verb trigger's clause after `trig` (or the sentence end)."""
        for pm in self.lex.triggers.find(self.view, trig.end, sent.end):
            if pm.payload.pos == "verb" and not any(r.start <= pm.start < r.end for r in self.m.refs):
                return self._clause_start(trig.end, pm.start)  # («فيصل» is no «ف» + «يصل»)
        return sent.end

    def _adverbial(self, trig: _Trig) -> bool:
        """The meeting noun stands in an adverbial of the clause: «خلال جلسة عمل», «في اتصال»."""
        k = trig.start - 1
        while k >= 0 and (self.doc[k].is_space or self.doc[k].is_punct):
            k -= 1
        return k >= 0 and self.view.norm[k] in ADVERBIAL_HEADS or self.view.norm[trig.start] in {"خلال", "في"}

    def _support_verb_after(self, trig: _Trig) -> int:
        """The first token after the noun, past spaces and a relative pronoun («زيارة تقوم بها»,
        «الزيارة التي قام بها»: the support verb's place), and past the visit's adjectives
        («زيارة رسمية يقوم بها»)."""
        k = trig.end
        while k < len(self.doc) and (self.doc[k].is_space or self.view.norm[k] in RELATIVE_PRONOUNS
                                     or (trig.trigger.type == "Visit" and self.view.norm[k] in VISIT_MODIFIERS)):
            k += 1
        return k

    def _made_by_it(self, trig: _Trig) -> str | None:
        """«زيارة تقوم بها», «زيارة يقوم بها», «الزيارة التي قام بها»: a support verb with «بها/به»
        right after the noun, its subject dropped; "f" when the verb is feminine, else "m"."""
        k = self._support_verb_after(trig)
        if k + 1 >= len(self.doc) or self.view.norm[k] not in SUPPORT_VERBS or self.view.norm[k + 1] not in {"بها", "به"}:
            return None
        verb = self.view.norm[k]
        return "f" if verb.startswith("ت") or verb.endswith("ت") else "m"

    def _after_made_by_it(self, trig: _Trig) -> int:
        """The token after «تقوم بها» («زيارة تقوم بها لافروف»: «لافروف»), spaces skipped."""
        k = self._support_verb_after(trig) + 2
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return k

    def _done_by_list(self, trig: _Trig, refs: list[TokenRef], ce: int) -> bool:
        """«اتصالات يجريها X و Y»: a support verb right after the noun (behind «التي») has the
        persons after it as its subjects, the ones who hold the talks; with no «مع/بـ» person the
        other side is not named."""
        k = trig.end
        while k < ce and (self.doc[k].is_space or self.view.norm[k] in RELATIVE_PRONOUNS):
            k += 1
        if k >= ce or not (set(self.view.readings(k)[:3]) & (SUPPORT_VERBS | DOING_IT)):
            return False
        return not self._with_person(trig, refs, ce)

    def _purpose_noun(self, k: int, form: str) -> bool:
        """Is the word at k «لـ» glued to a past-tense form («لبحث», «ولبحث»)? Arabic glues «لـ» to
        a verbal noun («لبحث الأزمة»: to examine) or to a present tense («ليبحث»), never to a past
        verb, so such a word is no past-tense trigger."""
        bare = normalize(self.doc[k].text).lstrip("وف")
        f = normalize(form)
        return bare.startswith("ل") and not f.startswith("ل") and not f.startswith(("ي", "ت", "ن", "ا")) and bare[1:].startswith(f[:3])

    def _body_owns(self, trig: _Trig, start: int, before: list[TokenRef]) -> bool:
        """The pronoun of a meeting noun is a body's («ووقف مجلس الوزراء في اجتماعه»): a body noun
        (data/lexicon/body_nouns.txt), outside any title, opens the clause before the noun, with no
        person named before it in the clause."""
        for k in range(start, trig.start):
            if k in self.title_tokens or not self.doc[k].is_alpha:
                continue
            if any(r in self.lex.body_nouns for r in self.view.readings(k)[:2]):
                if k > start and self.view.norm[k - 1] in self.lex.office_heads:
                    continue  # «رئيسة المجلس الوطني X، خلال لقائها …»: the body heads an office no title lists
                return not any(self.is_person(r) and r.start < k for r in before)
        return False

    def _owner(self, trig: _Trig, refs: list[TokenRef], prev_refs: list[TokenRef]) -> str | None:
        """Whose «زيارته», «وصوله»: the person the sentence is about (its first named person
        before the noun, not a title inside an apposition), else the subject of the sentence
        before."""
        before = [r for r in refs if r.end <= trig.start and self.is_person(r) and r.actor]
        head = self.view.norm[trig.start]
        if head.endswith("ها") and any(self._feminine(r.entity) for r in before):
            before = [r for r in before if self._feminine(r.entity)]  # «وصولها»: hers, a woman's
        elif head.endswith("ه") and not head.endswith(("اه", "وه")):
            before = [r for r in before if not self._feminine(r.entity)]  # «وصوله»: his
        named = [r for r in before if r.how == "name"]
        if named and self._after_dhalika(trig):
            # «التقى X، أمس، Y، وذلك خلال زيارته إلى بروكسل»: «وذلك» takes up the main clause,
            # whose subject the pronoun is
            return named[0].entity
        if named:
            # the nearest person named by name: «الأعرجي … استقبل شويغو لدى وصوله» (Shoigu's
            # arrival), while a title inside an apposition («…، شقيقة الزعيم الكوري، …») is passed
            return named[-1].entity
        if before:
            return before[-1].entity
        carried = self.persons(prev_refs)
        return carried[0] if carried else None

    def _with_him_pair(self, trig: _Trig, refs: list[TokenRef], start: int) -> tuple[str, list[str]] | None:
        """«نقل X تحيات Y إلى Z، خلال لقائه به»: a possessive meeting noun followed by «به/بها/معه»
        (with him/her) is the meeting of the clause's subject (its first person named by name,
        after any «أن») with the last person named before the noun; «بها» needs a woman."""
        if trig.end >= len(self.doc) or self.view.norm[trig.end] not in WITH_HIM:
            return None
        named = self.persons([r for r in refs if start <= r.start and r.end <= trig.start and r.how == "name"])
        if len(named) < 2:
            return None
        other = named[-1]
        if self.view.norm[trig.end].endswith("ها") and not self._feminine(other):
            return None
        return named[0], [other]

    def _feminine(self, entity: str) -> bool:
        """A woman, as her title says: its first word ends in «ة» («وزيرة», «رئيسة», «المستشارة»)."""
        return any(r.title_ar.split()[0].endswith("ة") for r in self.entity(entity).roles if r.title_ar.split())

    def _welcome_groups(self, trig: _Trig, refs: list[TokenRef], prev_refs: list[TokenRef]) -> list[tuple[list[str], str | None]]:
        """«وكان في استقبال الرئيس X لدى وصوله إلى … الوزير Y [و Z]», «وكان في استقباله Y»: the
        genitive (or the owner of the pronoun) is the guest, the persons who come after it, past
        the «لدى وصوله» phrase, are the hosts; each host met the guest."""
        later = [r for r in refs if r.start >= trig.end and self.is_person(r)]
        if normalize(self.doc[trig.end - 1].text).endswith(("هما", "هم")):
            # «وصل A و B …، وكان في استقبالهما X»: the two who arrived together are the guests
            guests = self._last_travellers()
            if len(guests) < 2:
                guests = self.persons([r for r in refs if r.end <= trig.start])[-2:]
            hosts = [h for h in self._coordinated(later, first=later[0].entity) if h not in guests] if later else []
            if len(guests) < 2 or not hosts:
                return []
            return [([hosts[0], *guests, *hosts[1:]], hosts[0])]
        if normalize(self.doc[trig.end - 1].text).endswith(("ه", "ها")):
            guest = self._owner(trig, refs, prev_refs)
            traveller = self._last_traveller() or self._recent_visitor()
            if traveller is None and normalize(trig.text).startswith(SEND_OFFS):
                return []  # a send-off with no departure told just before: who left is not known
            if traveller is not None and traveller != guest and traveller not in self.persons(later) and (
                    self._feminine(traveller) == normalize(self.doc[trig.end - 1].text).endswith("ها")):
                # «وصل X إلى القاهرة، في زيارة يلتقي خلالها Y، وكان في استقباله Z»: the one who
                # arrived is welcomed, not the person named last
                guest = traveller
            hosts = later
        else:
            # the guest is the genitive, right after the noun behind its titles («في استقبال
            # طلبات المبتعثين» welcomes no one)
            guest = later[0].entity if later and self._object_next(trig, later) else None
            hosts = later[1:]
        if guest is None or not hosts:
            return []
        chain = [h for h in self._coordinated(hosts, first=hosts[0].entity) if h != guest] or [hosts[0].entity]
        listed = [h for h in self._listed(hosts) if h != guest]
        if len(listed) > len(chain):
            # «وكان في استقباله رئيس الوزراء X، ورئيس الأركان اللواء Y، ووزير الدولة Z»: one
            # welcome, everyone in it met (the gold conventions: every named person present)
            return [([listed[0], guest, *listed[1:]], listed[0])]
        return [([h, guest], h) for h in chain if h != guest]

    def _listed(self, refs: list[TokenRef]) -> list[str]:
        """The persons of a list that starts at the first of `refs`: each the next after a comma or
        «و», with nothing else between them than titles, honorifics and nationality words
        («رئيس الديوان الملكي الدكتور فايز الطراونة، ونائب رئيس الوزراء وزير الخارجية ناصر جودة»)."""
        persons = [r for r in refs if self.is_person(r)]
        if not persons:
            return []
        chain = [persons[0]]
        for r in persons[1:]:
            k, sep, clean = chain[-1].end, False, True
            while k < r.start:
                norm = self.view.norm[k]
                cue = self.lex.person_cues.match_at(self.view, k)
                if cue is not None and cue.end <= r.start:
                    sep = sep or norm.startswith("و")  # «واللواء», «ورئيس» (a head noun): «و» glued to the cue
                    k = cue.end  # «اللواء», «الفريق أول ركن»: a rank before the name
                    continue
                office_head = self._wa_office_head(k)
                if self.doc[k].is_space or k in self.title_tokens or norm in HONORIFICS or office_head \
                        or self.lex.nationalities.match_at(self.view, k) is not None \
                        or (sep and self.doc[k].is_alpha and norm.startswith(("ال", "لل", "لش", "وال")) and k not in self._name_tokens):
                    # (after the separator, the definite words that complete a title: «وزير الدولة للشؤون
                    # الخارجية»; «ورئيس الهيئة العامة للإذاعة والتلفزيون»: «و» + an office word the
                    # office list knows opens the next title even when the whole title is not listed)
                    sep = sep or ((k in self.title_tokens or office_head) and norm.startswith("و"))
                elif self.doc[k].text in {"،", ","} or norm == "و" or (norm.startswith("و") and norm[1:] in HONORIFICS):
                    sep = True
                else:
                    clean = False
                    break
                k += 1
            if not (clean and sep):
                break
            chain.append(r)
        return list(dict.fromkeys(r.entity for r in chain))

    def _tour_of_several_places(self) -> bool:
        """Has this sentence told visits to two places or more («جولة شملت مصر وبريطانيا
        والولايات المتحدة، التقى خلالها A و B و C»)? Then the persons met during the tour were
        met apart, one in each place."""
        places = {ev.place for ev in self.events if ev.type == "Visit" and ev.place
                  and ev.evidence.start >= self.sent.start_char}
        return len(places) >= 2

    def _last_traveller(self) -> str | None:
        """The visitor of the last visit told in this sentence, or the guest of its last reception."""
        for ev in reversed(self.events):
            if ev.evidence.start < self.sent.start_char:
                return None
            if ev.type == "Visit" and ev.participants:
                return ev.participants[0]
            if ev.guest is not None:
                return ev.guest
        return None

    def _last_host(self) -> str | None:
        """The host of the last reception told in this sentence, if the last event told is one."""
        for ev in reversed(self.events):
            if ev.evidence.start < self.sent.start_char:
                return None
            return ev.host if ev.type == "Meeting" and ev.guest is not None else None
        return None

    def _first_person(self, trig: _Trig) -> bool:
        """«التقيت», «التقينا»: a meeting verb in the first person (the «ـيت/ـينا» of a verb whose third
        person ends in «ى», which no third person shares), told by the one quoted."""
        norm = normalize(trig.text).lstrip("وف")
        return trig.trigger.pos == "verb" and norm.endswith(("يت", "ينا")) and len(norm) > 4

    def _quoted_speaker_of(self, trig: _Trig, refs: list[TokenRef], prev_refs: list[TokenRef]) -> str | None:
        """The one speaking in the sentence of a first-person verb: inside a quotation still open, the
        first person named before its opening mark (in that sentence or the one before); else the
        speaker of the statement told before it in the sentence, else its first person named before
        any speech verb, else the subject of the sentence before («وأكد … أن "…"», subject dropped)."""
        opened = self._quote_opened_before(self.doc[trig.start].idx)
        if opened is not None:
            # inside a quotation opened earlier: the speaker is named before the opening mark, in its
            # sentence, else in the sentence before it (the quote may run over several sentences)
            sents = [x for x in self.view.sentences if x.start_char <= opened]
            for sn in reversed(sents[-2:]):
                named = [r.entity for r in self.m.refs if sn.start_char <= self.doc[r.start].idx < min(opened, sn.end_char)
                         and r.actor and self.entity(r.entity).type == "Person"]
                if named:
                    return named[0]
            return None
        said = next((ev for ev in reversed(self.events) if ev.type == "Statement" and ev.participants
                     and ev.evidence.start >= self.sent.start_char), None)
        if said is not None:
            return said.participants[0]
        speech = next((pm.start for pm in self.lex.triggers.find(self.view, self.sent.start, trig.start) if pm.payload.frame == "speak"), None)
        # (before a speech verb with no subject named, the persons of the quote are no speakers:
        # «وأكد أن "… أنصار القذافي … وقد التقيت …"»)
        named = self.persons([r for r in refs if r.end <= (trig.start if speech is None else speech)])
        if named:
            return named[0]
        carried = self.persons(prev_refs)
        return carried[0] if carried else None

    def _quote_opened_before(self, char: int) -> int | None:
        """The offset of the quotation mark still open at `char` in its paragraph (more «« than »» before
        it, or an odd count of «"»), or None."""
        para = self.text.rfind("\n", 0, char) + 1
        seg = self.text[para:char]
        if seg.count("«") > seg.count("»"):
            return para + seg.rfind("«")
        if seg.count('"') % 2 == 1:
            return para + seg.rfind('"')
        return None

    def _by_phone_after(self, trig: _Trig, ce: int) -> bool:
        """«وبحث الرئيس X هاتفيا مع Y», «وتباحث X عبر الهاتف مع Y»: the adverb after the verb and its
        subject, before the «مع» phrase, makes the talks a call."""
        with_at = next((k for k in range(trig.end, min(ce, trig.end + 12)) if self.view.norm[k] in WITH_WORDS), None)
        if with_at is None:
            return False
        words = [self.view.norm[k] for k in range(trig.end, with_at)]
        return any(w in BY_PHONE for w in words) or any(a == "عبر" and b in {"الهاتف", "الهاتفي"} for a, b in zip(words, words[1:]))

    def _visit_told_in_sentence(self) -> bool:
        """Has a visit already been read in this sentence (its stop is the one the sentence dates)?"""
        return any(ev.type == "Visit" and ev.evidence.start >= self.sent.start_char for ev in self.events)

    def _after_own_tour(self, trig: _Trig) -> bool:
        """«جولته الآسيوية بزيارة …»: the noun has a glued «بـ» and a visit noun with a possessive
        pronoun stands within four tokens before it."""
        if not self.view.norm[trig.start].startswith("ب"):
            return False
        for pm in self.lex.triggers.find(self.view, max(self.sent.start, trig.start - 4), trig.start):
            word = self.view.norm[pm.start]
            if pm.payload.type == "Visit" and pm.payload.pos == "noun" and word.endswith(("ه", "ها")) and not self.doc[pm.start].text.endswith("ة"):
                return True
        return False

    def _tour_verb_before(self, trig: _Trig) -> bool:
        """«على أن يختتمها بزيارة توغو»: right before the noun with a glued «بـ», a support verb whose
        «ها» is the tour told before (its owner is the sentence's subject)."""
        if not self.view.norm[trig.start].startswith("ب"):
            return False
        k = trig.start - 1
        while k >= self.sent.start and self.doc[k].is_space:
            k -= 1
        verb = self.view.norm[k].lstrip("و") if k >= self.sent.start else ""
        return verb.endswith("ها") and verb[:-2] in SUPPORT_VERBS

    def _recent_visitor(self) -> str | None:
        """The visitor of the last visit told in the sentence before this one («غادر X عمان … . وكان في
        وداعه …، كما كان في وداعه Y»: the one who left is seen off)."""
        prev = next((s for s in reversed(self.view.sentences) if s.end_char <= self.sent.start_char), None)
        if prev is None:
            return None
        for ev in reversed(self.events):
            if ev.evidence.start < prev.start_char:
                return None
            if ev.type == "Visit" and ev.participants and ev.modality == "occurred":
                return ev.participants[0]
        return None

    def _last_travellers(self) -> list[str]:
        """The visitors of the last visit verb told in this sentence: two who arrived together
        («وصل A و B إلى كييف») are two visits of one verb, one evidence."""
        out: list[str] = []
        told = None
        for ev in reversed(self.events):
            if ev.evidence.start < self.sent.start_char:
                break
            if ev.type == "Visit" and ev.participants and told in (None, (ev.trigger, ev.evidence)):
                told = (ev.trigger, ev.evidence)
                out.insert(0, ev.participants[0])
            elif told is not None:
                break
        return list(dict.fromkeys(out))

    def _filler(self, k: int) -> bool:
        """A token that may stand between a word and the person it governs: a space, a word of a
        title, an honorific, a day word («استقبل أمس الشيخ …») or a phrase of time («ثم استقبل في
        وقت لاحق من اليوم نفسه …»)."""
        return (self.doc[k].is_space or k in self.title_tokens or self.view.norm[k] in HONORIFICS
                or self.view.norm[k] in time_words() or k in self._adverbial_tokens)

    def _visited_person(self, trig: _Trig, refs: list[TokenRef], ce: int) -> tuple[str, str] | None:
        """(visitor, visited) when a visit verb's object is a person: «زار المبعوث X رئيس مجلس
        النواب Y», «وكان X قد زار في وقت سابق Y». The object stands right after the verb (after
        its subject when the subject follows the verb), behind titles, honorifics and phrases of
        time only: «زار X ضريح الملك Y» (a tomb) and «زار X القاهرة» (a place) are no call."""
        after = [r for r in refs if trig.end <= r.start < ce]
        before = [r for r in refs if self.seg_start <= r.start and r.end <= trig.start]
        subject, gap_from = None, trig.end
        if before and self.is_person(before[-1]) and all(
                self.doc[k].is_space or self.view.norm[k] in {"قد", "كان", "وكان"} for k in range(before[-1].end, trig.start)):
            subject = before[-1].entity  # «وكان هوكشتاين قد زار …»
        elif after and self.is_person(after[0]) and all(self._filler(k) for k in range(trig.end, after[0].start)):
            subject, gap_from, after = after[0].entity, after[0].end, after[1:]
        if subject is None or not after or not self.is_person(after[0]) or after[0].entity == subject:
            return None
        gap = range(gap_from, after[0].start)
        if not all(self._filler(k) for k in gap) or any(
                self._wa_office_head(k) or self.view.norm[k] == "و" or (self.view.norm[k][:1] == "و" and self.view.norm[k][1:] in HONORIFICS)
                for k in gap):
            return None  # «زار الرئيس X ووزير خارجيته Y القاهرة»: a second visitor, joined by «و»
        return subject, after[0].entity

    def _object_next(self, trig: _Trig, after: list[TokenRef]) -> bool:
        """Does the first person after the trigger stand right after it, behind titles only (the
        verb's object, not a person named further on in the clause)?"""
        first = next((r for r in after if self.is_person(r)), None)
        if first is None:
            return False
        # «التقى رئيس حكومة تصريف الأعمال X»: words between the person's own title and his name
        # belong to the title, which the office list knows only in part
        own_title = {r.span.start for r in self.entity(first.entity).roles}
        end = next((k for k in range(trig.end, first.start) if self.doc[k].idx in own_title and not any(
            self.doc[j].is_punct for j in range(k, first.start))), first.start)
        gap = [k for k in range(trig.end, end) if not self._filler(k) and self.view.norm[k] not in SIDELINES
               and not any(r in COUNTERPART_WORDS for r in self.view.readings(k)[:3])  # «التقى نظيره العماني Y»
               and not (k > trig.end and self._title_modifier(k))]
        return len(gap) <= 1 and not any(self.doc[k].is_punct for k in gap)

    def _during_it(self, trig: _Trig) -> bool:
        """Is the verb followed by «خلالها/خلاله» (during it), so that its clause hangs on an event
        noun before it («في زيارة التقى خلالها …»)?"""
        j = trig.end
        while j < self.sent.end and self.doc[j].is_space:
            j += 1
        if j < self.sent.end and self.view.norm[j] in DURING_IT:
            return True
        # «والتقى خلال الزيارة Y», «والتقى أثناء زيارته Y»: «during» + the visit just told
        if j + 1 < self.sent.end and self.view.norm[j] in DURING:
            noun = self.lex.triggers.match_at(self.view, j + 1)
            return noun is not None and noun.payload.pos == "noun" and noun.payload.frame == "visit"
        return False

    def _each_of_after(self, trig: _Trig, after: list[TokenRef]) -> bool:
        """«بكل من», «كلا من» between the verb and the first person after it: each of them apart."""
        first = next((r.start for r in after if self.is_person(r)), trig.end)
        norm = self.view.norm
        return any(norm[k].lstrip("ب") in {"كل", "كلا"} and k + 1 < len(norm) and norm[k + 1] == "من" for k in range(trig.end, first))

    def _linked_clause(self, trig: _Trig) -> bool:
        """Does the verb open a clause joined to the one before by «حيث», «ثم», «كما» or a comma (its
        subject dropped, the same as the sentence's)?"""
        k = trig.start - 1
        while k >= self.sent.start and self.doc[k].is_space:
            k -= 1
        if self._during_it(trig):
            return True  # «في زيارة التقى خلالها Y»: a clause on the event just named, «during which he met»
        if k > self.sent.start and self.view.norm[k] in {"وقد", "فقد"}:
            # «…، وقد التقى اليوم Y»: «و» + the particle «قد» goes on with the same subject (a
            # speaker's «وقد التقيت …», in the first person, does not)
            return not normalize(self.doc[trig.start].text).endswith(("يت", "نا", "تم"))
        if k > self.sent.start and self.view.norm[k] == "ان" and self.view.norm[k - 1] == "علي" and trig.trigger.pos == "verb":
            return True  # «…، على أن يلتقي غدا Y»: «on the understanding that» goes on with the same subject
        return k >= self.sent.start and (self.view.norm[k].lstrip("و") in {"حيث", "ثم", "كما", "اذ"} or self.doc[k].text in {"،", ","}) \
            or normalize(self.doc[trig.start].text).startswith("ثم")  # («…، والتقى Y», «…، التقى خلالها Y»)

    def _pair_word(self, k: int) -> bool:
        """«الرئيسين», «الجانبان» at token k, not a word of a person's name («إبراهيم رئيسي»)."""
        return self.view.norm[k] in PAIR_WORDS and k not in self._name_tokens

    def _with_person(self, trig: _Trig, refs: list[TokenRef], ce: int) -> bool:
        """Is there a «مع» in the clause followed, behind titles and honorifics, by a person?"""
        starts = {r.start for r in refs if self.is_person(r)}
        for k in range(trig.end, ce):
            if self.view.norm[k] not in WITH_WORDS and not any(r in WITH_WORDS for r in self.view.readings(k)[:1]):
                continue
            j = k + 1
            while j < ce and (self._filler(j) or any(r in COUNTERPART_WORDS for r in self.view.readings(j)[:3])
                              or self.lex.nationalities.match_at(self.view, j) is not None):
                j += 1
            if j in starts:
                return True
        return False

    def _receives_a_message(self, trig: _Trig, after: list[TokenRef]) -> bool:
        """Is the object of «استقبل» a message (data: MESSAGE_NOUNS), the first word after the
        subject and its titles?"""
        first = next((r for r in after if self.is_person(r)), None)
        k = first.end if first is not None and first.start - self._skip_titles(trig.end) <= 1 else trig.end
        while k < self.sent.end and self._filler(k):
            k += 1
        return k < self.sent.end and any(r in MESSAGE_NOUNS for r in self.view.readings(k)[:3])

    def _passive_by(self, trig: _Trig) -> bool:
        """«استقباله من قبل …», «استقبالها من طرف …»: the noun is passive, its agent follows."""
        nxt = [self.view.norm[k] for k in range(trig.end, min(len(self.doc), trig.end + 4)) if not self.doc[k].is_space][:2]
        return len(nxt) == 2 and nxt[0] == "من" and nxt[1] in {"قبل", "طرف", "جانب"}

    def _fronted_subject(self, trig: _Trig, sent: SpacySpan, refs: list[TokenRef]) -> str | None:
        """«وخلال زيارة إلى إندونيسيا، قال الرئيس X …», «ولدى لقائه الوزير Y، أكد X …»: a visit
        or meeting phrase fronted before the main clause is the event of that clause's subject,
        the first person after the comma that closes the phrase, behind a verb and titles only."""
        k = trig.start - 1
        while k >= sent.start and self.doc[k].is_space:
            k -= 1
        if k < sent.start or self.view.norm[k].lstrip("و") not in FRONTED_HEADS:
            return None
        if any(self.is_person(r) for r in refs if r.end <= trig.start):
            return None
        comma = next((j for j in range(trig.end, min(sent.end, trig.end + 16)) if self.doc[j].text in {"،", ","}), None)
        for _ in range(2):
            # «خلال المحادثات التي جمعته بـ Y …، والتي امتدت لساعتين …، أكد X»: a relative clause
            # on the phrase between commas; the main clause comes after the next comma
            nxt = self._skip_space(comma + 1) if comma is not None else len(self.doc)
            if nxt >= sent.end or self.view.norm[nxt].lstrip("و") not in RELATIVE_PRONOUNS:
                break
            comma = next((j for j in range(nxt, min(sent.end, nxt + 25)) if self.doc[j].text in {"،", ","}), None)
        if comma is None:
            # «وبعد لقائه Y أكد X …»: no comma; a speech verb after the phrase's person closes it
            obj = next((r for r in refs if r.start >= trig.end and self.is_person(r)), None)
            verb = next((pm for pm in self.lex.triggers.find(self.view, obj.end, min(sent.end, obj.end + 3))
                         if pm.payload.frame == "speak" and pm.payload.pos == "verb"), None) if obj is not None else None
            if verb is None:
                return None
            comma = verb.start - 1
        first = next((r for r in refs if r.start > comma and self.is_person(r) and r.actor), None)
        if first is None:
            return None
        gap = [j for j in range(comma + 1, first.start) if not self.doc[j].is_space and j not in self.title_tokens
               and not self._title_modifier(j)]
        if len(gap) > 1 or (gap and not self.doc[gap[0]].is_alpha):
            return None  # only the main verb («قال», «أكد», «أشاد») may stand between
        return first.entity

    def _title_modifier(self, j: int) -> bool:
        """A word that goes on a title before a name: an honorific («السابق»), a nationality, or a
        definite nisba adjective («المبعوث الأممي», «الوزير اللبناني السابق»)."""
        norm = self.view.norm[j]
        return norm in HONORIFICS or self.lex.nationalities.match_at(self.view, j) is not None or (
            norm.startswith("ال") and norm.endswith("ي") and len(norm) > 4 and j not in self._name_tokens)

    def _invitation_received(self, trig: _Trig, before: list[TokenRef], after: list[TokenRef]) -> tuple[str, str] | None:
        """(invited, inviter) of «تلقى/تسلم X دعوة [رسمية] من Y»: the receiving verb's subject, right
        after it behind titles, and the person after «من» right after the noun."""
        k = next((j for j in range(trig.start - 1, max(self.seg_start, trig.start - 16) - 1, -1)
                  if any(r in RECEIVING_VERBS for r in self.view.readings(j)[:2])), None)
        if k is None:
            return None
        subject = next((r for r in before if r.start > k and self.is_person(r)), None)
        if subject is None or not all(self._filler(j) for j in range(k + 1, subject.start)):
            return None
        j = self._skip_space(trig.end)
        while j < len(self.doc) and j - trig.end <= 3 and self.view.norm[j] != "من" and self.doc[j].is_alpha:
            j += 1  # «دعوة رسمية من», «دعوة خطية من»
        if j >= len(self.doc) or self.view.norm[j] != "من":
            return None
        inviter = next((r for r in after if r.start > j and self.is_person(r)), None)
        between = [x for x in range(j + 1, inviter.start) if not self._filler(x)] if inviter is not None else []
        if inviter is None or len(between) > 2 or any(self.doc[x].is_punct for x in between):
            return None  # («من نظيره الكوري X»: a counterpart and his nationality before the name)
        return subject.entity, inviter.entity

    def _extended_invitation(self, trig: _Trig, before: list[TokenRef]) -> tuple[str, str] | None:
        """(inviter, invited) of «وجه/قدم X إلى/لـ Y دعوة»: a verb of extending right before the
        subject in the clause, and the person after «إلى» or «لـ» between the subject and the noun."""
        k = next((j for j in range(trig.start - 1, max(self.seg_start, trig.start - 20) - 1, -1)
                  if any(r in EXTEND_VERBS for r in self.view.readings(j)[:2])), None)
        if k is None:
            return None
        persons = [r for r in before if r.start > k and self.is_person(r)]
        right_after = self._skip_titles(self._skip_space(k + 1)) == persons[0].start if persons else False
        if len(persons) < 2 or not (right_after or all(self._filler(j) for j in range(k + 1, persons[0].start))):
            return None  # the subject stands right after the verb, behind titles, honorifics, a day
        invited = persons[1]
        j = invited.start - 1  # back over the invited person's titles to the word before them
        while j >= persons[0].end and (self.doc[j].is_space or j in self.title_tokens or self.view.norm[j] in HONORIFICS
                                       or self.lex.nationalities.match_at(self.view, j) is not None
                                       or any(r in COUNTERPART_WORDS for r in self.view.readings(j)[:3])):
            j -= 1
        opening = self._skip_space(j + 1)  # «للرئيس», «لنظيره»: «لـ» glued to the first of them
        if not (self.view.norm[j] == "الي" or (opening < invited.start and self.view.norm[opening].startswith("ل"))):
            return None
        return persons[0].entity, invited.entity

    def _support_subject(self, trig: _Trig, before: list[TokenRef]) -> str | None:
        persons = [r for r in before if self.is_person(r) and r.actor]
        if not persons:
            # «… سلال الذي يؤدي زيارة إلى تونس»: the clause opens at the pronoun, its antecedent before
            return self._relative_antecedent(trig, self.sentence_refs(self.sent))
        last = persons[-1]
        gap = [self.doc[k] for k in range(last.end, trig.start) if not self.doc[k].is_space and not self.doc[k].is_punct]
        if any(any(r in SUPPORT_VERBS for r in self.view.readings(t.i)[:3]) for t in gap) and len(gap) <= 4:
            return last.entity
        if len(gap) <= 2 and all(normalize(t.text) in {"في", "خلال", "اثناء", "نفسه", "نفسها", "عبر"} for t in gap):
            return last.entity  # «العلولا نفسه خلال زيارة قصيرة إلى بيروت»
        if (len(persons) == 1 and gap and len(gap) <= 6 and normalize(gap[-1].text) in AFTER_A_VISIT
                and not any(normalize(t.text) in COMPLEMENTIZERS for t in gap)):
            return last.entity  # «عاد X إلى عمان بعد زيارة إلى بغداد»: the visit his return ended
        # «يؤدي الوزير X ، زيارة …», «ويقوم وزير الخارجية X حاليا بزيارة»: the support verb
        # before the subject and its titles
        k = last.start - 1
        while k >= 0 and (self.doc[k].is_space or k in self.title_tokens):
            k -= 1
        gap = [t for t in gap if self.view.norm[t.i] not in time_words()]
        if k >= 0 and any(r in SUPPORT_VERBS for r in self.view.readings(k)[:3]) and len(gap) <= 2:
            return last.entity
        return self._relative_antecedent(trig, before)

    def _skip_modifiers(self, i: int) -> int:
        """Past adjectives and titles after a visit noun: «زيارة سريعة للرئيس السوداني …»."""
        doc = self.doc
        moved = True
        while moved and i < len(doc):
            moved = False
            while i < len(doc) and (doc[i].is_space or doc[i].text in {"،", ","}):
                i, moved = i + 1, True
            if i < len(doc) and (self.view.norm[i] in VISIT_MODIFIERS or self.view.norm[i] in AHEAD_ADJECTIVES):
                i, moved = i + 1, True  # («زيارة سريعة», «الزيارة المرتقبة للرئيس …»)
            if i < len(doc) and i not in self._name_tokens and any(r in STYLE_WORDS for r in self.view.readings(i)[:3]):
                i, moved = i + 1, True  # («للزيارة المرتقبة لصاحب السمو الشيخ X»: the style before the name)
            j = self._skip_titles(i)
            if j != i:
                i, moved = j, True
            if moved:
                i = self._past_title_complement(i)
        return i

    def _past_title_complement(self, i: int) -> int:
        """Past «الأممي إلى سوريا» in «زيارة المبعوث الأممي إلى سوريا X»: the place an envoy's title
        names, up to its holder's name (`_envoy_to`); else i."""
        k, words = i, 0
        while k < len(self.doc) and words < 3 and self.view.norm[k] != "الي" and (self.doc[k].is_space or (
                self.view.norm[k].startswith(("ال", "لل")) and k not in self._name_tokens)):
            words += not self.doc[k].is_space
            k += 1
        if k >= len(self.doc) or self.view.norm[k] != "الي":
            return i
        place = next((r for r in self.sentence_refs(self.sent) if r.start > k and self.is_place(r)), None)
        if place is None or any(not self.doc[j].is_space for j in range(k + 1, place.start)) or not self._envoy_to(k, place):
            return i
        return place.end

    def _companions(self, trig: _Trig, after: list[TokenRef], ce: int) -> list[str]:
        """Persons who travel with the visitor: after «برفقة», «يرافقه», «وزوجته», «بينهم»."""
        for k in range(trig.end, ce):
            if any(r in COMPANION_CUES for r in self.view.readings(k)[:3]) or (
                    self.view.norm[k] in INCLUDES and any(self.view.norm[j] in DELEGATION_NOUNS for j in range(max(trig.end, k - 3), k))):
                # («على رأس وفد وزاري يضم A و B»: the members of the delegation he heads)
                return self.persons([r for r in after if r.start > k and r.start - k <= 12])
        return []

    def _between(self, trig: _Trig, after: list[TokenRef], refs: list[TokenRef], prev_refs: list[TokenRef], ce: int) -> list[str] | None:
        """«لقاء بين X و Y», «اتصال بينهما», «جمع الرئيسين», «بين الجانبين»: both sides at once
        (None when the text names no pair this way)."""
        doc = self.doc
        window = range(trig.end, min(ce, trig.end + 4))
        # «رئيسي» in «إبراهيم رئيسي» is a name, not «the two presidents of»
        words = [normalize(doc[k].text) if k not in self._name_tokens else "" for k in window]
        if "بين" in words:
            k = trig.end + words.index("بين") + 1
            people = self.persons([r for r in after if r.start >= k])
            if len(people) >= 2:
                # «قمة ثلاثية بين X و Y و Z»: every person of the «و» list after «بين»
                chain = self._coordinated([r for r in after if r.start >= k], first=people[0])
                return chain if len(chain) >= 2 else people[:2]
        pair_at = next((trig.end + n for n, w in enumerate(words) if w in PAIR_WORDS), None)
        if pair_at is not None:
            # «جمعت الرئيسين المصري عبد الفتاح السيسي والفرنسي إيمانويل ماكرون»: the pair named
            # right after the pair word
            named = self.persons([r for r in after if r.start > pair_at and r.start - pair_at <= 8])
            if len(named) >= 2:
                return named[:2]
        # «وعقد الوزيران جلسة مباحثات», «وأجرى الزعيمان محادثات»: the pair is the subject of the
        # support verb just before the trigger
        subject_pair = any(self._pair_word(k) for k in range(max(self.sent.start, trig.start - 2), trig.start))
        if subject_pair and not any(w in PAIR_WORDS or w in BETWEEN_PRONOUNS for w in words):
            # the two sides of the meeting just told, when it took place («المرتقب»: a planned
            # meeting's sides are not who «ناقشا»)
            prev = self.previous_meeting()
            if prev is not None:
                return list(prev.participants) if prev.modality == "occurred" and len(prev.participants) == 2 else None
            # no meeting told yet («دعا ترامب بوتين لزيارة واشنطن. وعقد الزعيمان قمة»): the two
            # persons named last, in this sentence or the one before
            earlier = self.persons([r for r in refs if r.end <= trig.start])
            recent = (earlier + [p for p in self.persons(prev_refs) if p not in earlier])[-2:] if len(earlier) < 2 else earlier[-2:]
            return recent if len(recent) == 2 else None
        if any(w in PAIR_WORDS or w in BETWEEN_PRONOUNS for w in words) or normalize(trig.text).endswith("هما"):
            earlier = self.persons([r for r in refs if r.end <= trig.start]) or []
            prev = self.previous_meeting()
            if len(earlier) < 2 and prev is not None and len(prev.participants) == 2:
                return list(prev.participants)  # «والتقى الوزيران»: the two of the meeting just told
            # the two named last: in this sentence when it names two, else with the sentence before
            # (whose persons come first in the text)
            recent = earlier[-2:] if len(earlier) >= 2 else (earlier + [p for p in self.persons(prev_refs) if p not in earlier])[-2:]
            return recent if len(recent) == 2 else []
        return None

    def _relative_to_delegation(self, trig: _Trig) -> bool:
        """«الوفد الدبلوماسي الذي زار …»: the verb is in a relative clause on a delegation noun."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 0 or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return False
        return any(self._delegation_at(j) for j in range(max(self.sent.start, k - 4), k))

    def _delegation_near(self, trig: _Trig, ce: int) -> bool:
        """A delegation noun is the meeting's subject or object: right after the trigger (the
        verb's subject or object, the noun's genitive), or right before it."""
        reach = trig.end + 6
        subject = next((r for r in self.sentence_refs(self.sent) if r.start >= trig.end and self.is_person(r)), None)
        if subject is not None and subject.start <= self._skip_titles(trig.end) + 4:
            reach = max(reach, subject.end + 3)  # «استقبل الزعيم الكوري الشمالي كيم جونغ أون وفدا»
        if subject is not None and trig.trigger.pos == "verb" and subject.start - trig.end <= 8:
            # «استقبل X في قصر بعبدا اليوم وفدا»: a place and a day between the subject and its
            # object; the clause's next person ends the search
            starts = {r.start for r in self.sentence_refs(self.sent) if self.is_person(r) and r.entity != subject.entity}
            for k in range(subject.end, ce):
                if k in starts or self.doc[k].is_punct:
                    break
                if self._delegation_at(k):
                    return True
        for k in list(range(trig.end, min(ce, reach))) + list(range(max(self.sent.start, trig.start - 2), trig.start)):
            if self._delegation_at(k):
                return True
        return False

    def _after_relative_clause(self, sent: SpacySpan, refs: list[TokenRef], ce: int) -> list[str]:
        """The persons after a relative clause («، الذي …،») that starts at the clause end `ce`,
        up to the next clause boundary."""
        k = ce
        while k < sent.end and (self.doc[k].is_space or self.doc[k].text in {"،", ","}):
            k += 1
        if k >= sent.end or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return []
        close = next((j for j in range(k + 1, sent.end) if self.doc[j].text in {"،", ","}), None)
        if close is None:
            return []
        end = self._participants_end(_Trig(close, close + 1, None, ""), refs, sent.end)  # type: ignore[arg-type]
        return self.persons([r for r in refs if close < r.start < end])

    def _subject_dropped(self, trig: _Trig, sent: SpacySpan, after: list[TokenRef]) -> bool:
        """The sentence names no subject because it continues the one before: it opens with a
        verb («وقال في مؤتمر صحافي مع …», «وأكد خلال لقاء مع …»), or the first person after a
        meeting verb is its object, behind «مع» or «بـ» («والتقى مع …»)."""
        first = next((t for t in sent if t.is_alpha), None)
        if first is not None and first.i < trig.start and self.lex.triggers.match_at(self.view, first.i) is not None:
            return True
        if first is not None and first.i < trig.start and self.view.norm[first.i] in CONTINUATIONS:
            return True  # «وذلك خلال اتصال هاتفي تلقاه من …»: the sentence goes on with the one before
        if after and any(r in COUNTERPART_WORDS for k in range(max(trig.end, after[0].start - 3), after[0].start)
                         for r in self.view.readings(k)[:3]):
            return True  # «… مؤتمر صحفي جمعه بنظيره المصري سامح شكري»: «his counterpart» is someone's
        if trig.trigger.pos == "verb" and after:
            k = after[0].start - 1
            while k >= trig.end and self.doc[k].is_space:
                k -= 1
            return k >= trig.end and self.view.norm[k] in WITH_WORDS or self.view.norm[after[0].start][:1] == "ب"
        return False

    def _brought_together(self, trig: _Trig) -> int | None:
        """The token of «جمعه», «جمعهما», «جمع بين» in a relative clause right after a meeting noun
        («اللقاء الذي جمعه …»), or None."""
        k = trig.end
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        if k >= len(self.doc) or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return None
        for j in range(k + 1, min(k + 3, len(self.doc))):
            if self.view.norm[j].startswith("جمع") and self.view.norm[j] != "جمعه" or self.view.norm[j] in {"جمعه", "جمعت", "جمعتهما", "جمعهما"}:
                return j
        return None

    def _handover(self, trig: _Trig, sent: SpacySpan, refs: list[TokenRef], prev_refs: list[TokenRef], ce: int) -> list[str]:
        """The bearer and the recipient of a message handed over in person, or []. A message noun
        (MESSAGE_HANDED) must stand in the clause, or before a verb whose «ها» is the message
        («سلمها», «نقلها»). The recipient is the second object («سلم X Y رسالة»), the person
        after «إلى/لـ», or the one a pronoun refers back to («سلمه», «سلمها له»): the sentence's
        first person who is no sender."""
        norm = normalize(trig.text).lstrip("وف")
        window = range(trig.end, min(ce, trig.end + 20))
        it = norm.endswith("ها") and any(self.view.norm[k] in MESSAGE_HANDED for k in range(sent.start, trig.start))
        # (the message noun may be a trigger of its own that closes the clause: «وسلمت X، Y، دعوة»)
        if not it and not any(self.view.norm[k] in MESSAGE_HANDED for k in range(trig.end, min(sent.end, trig.end + 20))):
            return []
        people = [r for r in refs if self.is_person(r) and r.actor]

        def sender(r: TokenRef) -> bool:
            # «من الرئيس Z», «من نظيره Z», «من أخيه الرئيس Z»: the person a «من» (from) introduces,
            # within four words and no punctuation
            for k in range(r.start - 1, max(sent.start, r.start - 5) - 1, -1):
                if self.doc[k].is_punct:
                    return False
                if self.view.norm[k] in {"من", "عن"}:
                    return True
            return False

        after = [r for r in people if trig.end <= r.start < ce and not sender(r)]
        before = [r for r in people if r.end <= trig.start and not sender(r)]
        pronoun_recipient = (norm.endswith(("ه", "هما", "هم")) and not norm.endswith("ها")) or any(
            self.view.norm[k] in TO_HIM for k in range(trig.end, min(ce, trig.end + 2)))
        to_at = next((k for k in window if self.view.norm[k] in {"الي", "لي"}), None)
        if pronoun_recipient:
            antecedent = before[:1] or [r for r in prev_refs if self.is_person(r) and r.actor][:1]
            bearer = after[:1]
            if antecedent and bearer and antecedent[0].entity != bearer[0].entity:
                return [antecedent[0].entity, bearer[0].entity]
            return []
        near_before = before[-1:] if before and trig.start - before[-1].end <= 2 else []
        if to_at is not None:
            # «نقل X إلى Y رسالة», «X نقل إلى Y»: the recipient follows «إلى»; with no bearer named
            # next to the verb («أنه نقل إلى Y …») who carried it is not read
            bearer = [r for r in after if r.start < to_at][:1] or near_before
            recipient = [r for r in after if r.start > to_at][:1]
        else:
            bearer = near_before or after[:1]  # «سلم X Y رسالة»: bearer, then recipient
            recipient = [r for r in after if not bearer or r.entity != bearer[0].entity][:1]
        if bearer and recipient and bearer[0].entity != recipient[0].entity:
            return [bearer[0].entity, recipient[0].entity]
        return []

    def _held_in_relative(self, trig: _Trig) -> int | None:
        """The token of «عقده», «أجراه», «عقدته» in a relative clause right after a meeting noun
        («الاجتماع الذي عقده …»), or None. Only the verbs of holding a meeting count: «الاجتماع
        الذي دعا إليه …» is a call to one."""
        k = trig.end
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        if k < len(self.doc) and self.view.norm[k] in HELD_VERBS and not self._definite(trig):
            return k  # «بعد محادثات أجراها كيري مع …»: an indefinite noun takes its relative clause with no «التي»
        if k + 1 >= len(self.doc) or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return None
        return k + 1 if self.view.norm[k + 1] in HELD_VERBS else None

    def _definite(self, trig: _Trig) -> bool:
        """The trigger noun carries the article («الاجتماع», «وخلال اللقاء», «بالزيارة»): the
        phrase matcher strips it from the trigger's text, so the token decides."""
        return self.view.norm[trig.start].startswith(("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "وبال"))

    def _host_of_unnamed_guests(self, trig: _Trig, refs: list[TokenRef], ce: int) -> str | None:
        """The host of a reception verb whose clause names one person, its subject, right after
        the verb or before it: «استقبل نائب خادم الحرمين الأمير X … المواطنين»."""
        if trig.trigger.pos != "verb" or normalize(trig.text).endswith(("ه", "ها", "هم")):
            return None  # «استقبله»: the guest is named before
        clause = [r for r in refs if self.seg_start <= r.start < ce and r.start != trig.start]
        people = self.persons(clause)
        if len(people) != 1:
            return None
        first = next(r for r in clause if self.is_person(r))
        if first.start >= trig.end:
            # the verb's subject: right after it, behind titles and honorifics only («استقبل
            # نائب خادم الحرمين الشريفين صاحب السمو الملكي الأمير X»), no punctuation between
            gap = [k for k in range(trig.end, first.start) if not self.doc[k].is_space]
            if any(k not in self.title_tokens and self.view.norm[k] not in STYLE_WORDS for k in gap):
                return None
        return people[0]

    def _attendees(self, trig: _Trig, after: list[TokenRef], ce: int) -> list[str]:
        """Persons after «حضره», «بحضور», «شارك فيه» in the clause of a meeting noun, or after the
        noun when the cue stands right before it («وحضر اللقاء وزير الخارجية …»)."""
        if any(r in ATTENDANCE_CUES for k in range(max(0, trig.start - 2), trig.start) for r in self.view.readings(k)[:3]):
            return self.persons(after)
        for k in range(trig.end, ce):
            if any(r in ATTENDANCE_CUES for r in self.view.readings(k)[:3]):
                return self.persons([r for r in after if r.start > k])
        return []

    def _chaired(self, trig: _Trig, after: list[TokenRef], ce: int) -> list[str] | None:
        """The chair and the attendees of a session told as «… برئاسة X وحضور Y و Z» (or «وبمشاركة»):
        the first person after «برئاسة», then every person after the attendance word, in the
        meeting noun's clause. None when either side is missing: a session a chair alone led is no
        meeting of two."""
        if trig.trigger.pos != "noun":
            return None
        chair_at = next((k for k in range(trig.end, ce) if set(self.view.readings(k)[:3]) & CHAIR_CUES), None)
        if chair_at is None:
            return None
        company_at = next((k for k in range(chair_at + 1, ce) if set(self.view.readings(k)[:3]) & CHAIRED_COMPANY), None)
        if company_at is None:
            return None
        chair = self.persons([r for r in after if chair_at < r.start < company_at])[:1]
        others = [p for p in self.persons([r for r in after if r.start > company_at]) if p not in chair]
        return chair + others if chair and others else None

    def _after_word(self, trig: _Trig, after: list[TokenRef], ce: int, words: set[str]) -> list[str]:
        """Persons after the first of `words` («مع») that follows the trigger in its clause."""
        for k in range(trig.end, ce):
            if self.view.norm[k] in words:
                return self.persons([r for r in after if r.start > k])
        return []

    def _each_apart(self, trig: _Trig, ce: int) -> bool:
        """«كل على حدة», «كل منهما»: each met the counterpart on his own."""
        text = " ".join(self.view.norm[k] for k in range(trig.end, min(ce, trig.end + 6)))
        return "علي حده" in text or "كل منهما" in text

    def _before_support_verb(self, k: int, lo: int) -> int:
        """If token k is a support verb («يؤدي زيارة», «قام بزيارة»), the token before it (spaces
        skipped, not below `lo`); else k."""
        if not set(self.view.readings(k)[:2]) & SUPPORT_VERBS:
            return k
        k -= 1
        while k >= lo and self.doc[k].is_space:
            k -= 1
        return k

    def _relative_head(self, trig: _Trig) -> int | None:
        """The last token before the relative pronoun right before the trigger («القدس التي
        وصلتها»: «القدس»), commas skipped; None when no relative pronoun stands there."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 1 or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return None
        j = k - 1
        while j >= 0 and (self.doc[j].is_space or self.doc[j].text in {"،", ","}):
            j -= 1
        return j if j >= 0 else None

    def _place_antecedent(self, trig: _Trig, refs: list[TokenRef]) -> str | None:
        """«القدس التي وصلتها», «الرياض التي زارها»: a verb with an object pronoun right after a
        relative pronoun that follows a place; the place is the pronoun's."""
        if not normalize(trig.text).endswith(("ها", "ه")):
            return None
        j = self._relative_head(trig)
        return None if j is None else next((r.entity for r in refs if r.end - 1 == j and self.is_place(r)), None)

    def _unnamed_subject_after_complementizer(self, trig: _Trig) -> bool:
        """«بأن قائدا كبيرا في البحرية السعودية زار …»: between «أن/بأن» and the verb stands a
        noun phrase with no person, title or title that refers back (the subject in SVO order,
        unnamed), so the subject is not the one of the sentence before."""
        k, words = trig.start - 1, 0
        while k >= self.sent.start and words <= 8 and not self.doc[k].is_punct and self.view.norm[k] not in COMPLEMENTIZERS:
            words += not self.doc[k].is_space
            k -= 1
        if k < self.sent.start or self.view.norm[k] not in COMPLEMENTIZERS or words == 0:
            return False
        if any(j in self._name_tokens or j in self.title_tokens or self.view.norm[j] in self.lex.office_heads
               for j in range(k + 1, trig.start)):
            return False  # («أن وزير خارجية المملكة المتحدة حل …»: an office, the person told before)
        return not any(self.is_person(r) and k < r.start < trig.start for r in self.sentence_refs(self.sent))

    def _thing_subject_after(self, trig: _Trig) -> bool:
        """The verb's subject is a plain definite noun right after it, no title, name, place, time
        word, honorific or delegation («ووصلت المعارك إلى حلب», «وانتقلت الاشتباكات إلى …»)."""
        j = self._skip_space(trig.end)
        if j >= len(self.doc) or not self.doc[j].is_alpha:
            return False
        norm = self.view.norm[j]
        if not norm.startswith("ال") or norm in NOT_NOUNS_WITH_AL or j in self.title_tokens or j in self._name_tokens \
                or self._delegation_at(j):
            return False  # («إلى» normalises to «الي»; «الذي», «التي» are pronouns)
        if norm in time_words() or j in self._adverbial_tokens or self._in_date(j) or norm in STYLE_WORDS or norm in PLACE_DESCRIPTORS:
            return False  # («سيتوجه الشهر المقبل إلى الدوحة»: a time, the subject is dropped)
        return not any(r.start <= j < r.end for r in self.m.refs) and self.lex.nationalities.match_at(self.view, j) is None

    def _clause_on_a_thing(self, trig: _Trig) -> bool:
        """A verb right after a relative pronoun whose antecedent is a plain word, no person's name
        or title and no delegation («الكميات التي تصل»): its subject is that thing."""
        j = self._relative_head(trig)
        if j is None or not self.doc[j].is_alpha or j in self._name_tokens or j in self.title_tokens or self._delegation_at(j):
            return False
        return not any(r.start <= j < r.end for r in self.m.refs) and not self.lex.nationalities.match_at(self.view, j)

    def _relative_antecedent(self, trig: _Trig, refs: list[TokenRef]) -> str | None:
        """«لودريان، الذي وصل مساء السبت …», «الوفد المرافق له الذي يزور مصر»: a verb right after a
        relative pronoun has the person before the pronoun as its subject."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k > 0 and trig.trigger.pos == "noun":
            k = self._before_support_verb(k, 0)  # «سلال الذي يؤدي زيارة إلى تونس»: the pronoun before it
        if k < 0 or self.view.norm[k] not in RELATIVE_PRONOUNS:
            return None
        persons = [r for r in refs if r.end <= k and self.is_person(r) and r.actor]
        if not persons:
            return None
        last = persons[-1]
        # the person's own title after his name does not part him from the pronoun («الفريق X،
        # رئيس هيئة الأركان العامة للجيش الكويتي والوفد المرافق له الذي يزور مصر»)
        gap = [self.doc[i] for i in range(last.end, k) if not self.doc[i].is_space and not self.doc[i].is_punct
               and i not in self.title_tokens and not self._title_modifier(i)]
        return last.entity if len(gap) <= 4 else None

    def _subject_before(self, before: list[TokenRef], trig: _Trig) -> str | None:
        """The subject of an SVO clause: a person close before the verb («بومبيو التقى», «وكان
        لافروف قد التقى»), with at most a few words («قد», «الذي وصل أمس») between."""
        antecedent = self._relative_antecedent(trig, self.sentence_refs(self.sent))
        if antecedent is not None:
            return antecedent
        persons = [r for r in before if self.is_person(r) and r.actor]
        if not persons:
            return None
        last = persons[-1]
        gap = [self.doc[k] for k in range(last.end, trig.start) if not self.doc[k].is_space]
        if len(gap) <= 3 or all(t.is_punct or normalize(t.text) in SVO_FILLERS for t in gap):
            return last.entity
        if normalize(gap[0].text) in FIRST_OF and len(gap) <= 6 and not any(t.is_punct for t in gap):
            return last.entity  # «نتنياهو أول رئيس وزراء إسرائيلي يزور البرازيل»: an ordinal apposition
        return None

    def _one_party(self, trig: _Trig, ce: int) -> bool:
        """The counterparts form one party: a delegation, an entourage, «بحضور»."""
        words = {w for k in range(trig.start, ce) for w in self.view.readings(k)[:3]}
        return bool(words & ONE_PARTY_CUES)

    def _after_complementizer(self, cs: int, start: int) -> int:
        """Where the clause of a trigger at `start` begins once a complementizer («أن», «إن»,
        «بأن») between the clause start and the trigger is taken into account."""
        for k in range(start - 1, cs - 1, -1):
            if normalize(self.doc[k].text) in COMPLEMENTIZERS:
                return k + 1
        return cs

    def _participants_end(self, trig: _Trig, refs: list[TokenRef], ce: int) -> int:
        """Where the persons of a meeting clause end: at a topic preposition («عن», «حول»,
        «بشأن»: who is talked about takes no part), or at a comma that opens another clause
        («، ويتوقع أن …», «، بعد الضجة التي …»), not at one that goes on with a list of persons
        («، ورئيس كوريا الجنوبية مون جاي إن»)."""
        starts = {r.start for r in refs if self.is_person(r)}
        title_starts = {ti.start for ti in self.m.titles}
        for k in range(trig.end, ce):
            norm = self.view.norm[k]
            named = sum(trig.end <= st < k for st in starts)
            subject_before = any(r.end <= trig.start and self.is_person(r) for r in refs)
            if norm in COMPLEMENTIZERS and named >= 1:
                return k  # «… مع الوزيرة الأمريكية ان الرئيس مرسي أعلن …»: what follows «that» was said, no party
            if norm in TOPIC_WORDS and (trig.trigger is None or trig.trigger.frame != "receive" or named >= (1 if subject_before else 2)) \
                    and not self._inside_listed_title(k, starts):
                # (a reception whose guest is not named yet goes on: «استقبل X … مدير عام فرع هيئة
                # الأمر بالمعروف والنهي عن المنكر … الشيخ Y»: «عن» inside the guest's title)
                return k
            if self.doc[k].text not in {"،", ","}:
                continue
            j = k + 1
            while j < ce and self.doc[j].is_space:
                j += 1
            if j >= ce:
                return ce
            nxt = self.view.norm[j]
            if j in starts or j in title_starts or any(r in COUNTERPART_WORDS for r in self.view.readings(j)[:3]):
                continue  # the list of persons goes on
            if nxt in WITH_WORDS and j + 1 < ce and (j + 1 in starts or j + 1 in title_starts or self._person_near(j + 1, starts, title_starts)
                                                     or any(r in COUNTERPART_WORDS for r in self.view.readings(j + 1)[:3])):
                continue  # «والتقى X، في أنقرة، مع نظيره Y»: the counterpart after a parenthesis
            if nxt in {"بعد", "قبل"} and j + 1 < ce and self._in_date(j + 1):
                continue  # «، بعد ظهر اليوم بقصر قرطاج، رئيسة الوزراء …»: a time of day, no clause
            if nxt in DELEGATION_NOUNS:
                continue  # «استقبل X، اليوم بمقره، وفدا برئاسة Y»: the object after a parenthesis («وفدا» is no «و» + word)
            if nxt in CLAUSE_OPENERS or (nxt.startswith("و") and len(nxt) > 3 and not self._person_near(j, starts, title_starts)):
                return k
            if nxt[:1] == "ل" and (nxt[1:] in PURPOSE_NOUNS or self.lex.triggers.match_at(self.view, j) is not None):
                return k  # «يضم الوفد A و B، للقاء مسؤولين في إدارة الرئيس C»: a purpose, C is no member
        return ce

    def _inside_listed_title(self, k: int, starts: set[int]) -> bool:
        """Is the topic word at k inside the title of the next person of a list: «و» + an office
        head at most six words before it, a person's name at most eight words after it, and no
        punctuation between («، ورئيس هيئة الأمر بالمعروف والنهي عن المنكر بمدينة الرياض الشيخ Y»)?"""
        head = next((j for j in range(k - 1, max(-1, k - 7), -1) if self.doc[j].is_punct or self._wa_office_head(j)), None)
        if head is None or self.doc[head].is_punct:
            return False
        for j in range(k + 1, min(len(self.doc), k + 9)):
            if self.doc[j].is_punct:
                return False
            if j in starts:
                return True
        return False

    def _person_near(self, j: int, starts: set[int], title_starts: set[int]) -> bool:
        """A person or title begins at j or right after a glued «و» word («ووزير الخارجية …»), or a
        person is named a few words on, before any punctuation: a description the office list does
        not know («، ورئيس الاستخبارات العامة خالد الحميدان»); after «و» + an office head, the
        description may be a body's long name («، ورئيس هيئة الأمر بالمعروف والنهي عن المنكر بمدينة
        الرياض الشيخ Y»)."""
        if j in starts or j in title_starts or j + 1 in starts or j + 1 in title_starts:
            return True
        reach = 13 if self._wa_office_head(j) else 7
        for k in range(j + 1, min(len(self.doc), j + reach)):
            if self.doc[k].is_punct:
                return False
            if k in starts:
                return True
        return False

    def _hard_clause_start(self, sent_start: int, start: int) -> int:
        """After the last «،» or «كما/فيما/بينما» before `start` in the sentence (else the sentence
        start): where a marker or verb at the head of the clause governs what follows."""
        for k in range(start - 1, sent_start - 1, -1):
            tok = self.doc[k]
            if tok.text in {"،", ",", "؛", ";"} or normalize(tok.text) in CLAUSE_LINKS:
                return k + 1 if tok.is_punct else k
        return sent_start

    def _future_verb_before(self, head: int, trig: _Trig) -> bool:
        """A future verb (سـ + an imperfect verb the news word lists know) between the clause head
        and a noun trigger."""
        for k in range(head, trig.start):
            norm = self.view.norm[k]
            for r in self.view.readings(k)[:2]:
                if len(r) >= 5 and r[0] == "س" and r[1] in "يتن" and r[2] not in "اوي" and (
                    r[1:] in self.lex.news_words or r[1:] in self.lex.common_words or self.lex.triggers.knows_word(r)
                ):
                    return True
        return False

    def _clause_start(self, prev_end: int, start: int) -> int:
        """Where the clause of a trigger begins: after the last «،» or «كما/فيما/بينما» between
        the previous trigger and this one, else at the trigger itself (verb-first order). A verb
        right after a relative pronoun («… الغفيص والذي يزور المنطقة») opens its clause at the
        pronoun: what stands before it (the guest of «استقبل …، محافظ … الغفيص») is the previous
        clause's."""
        k = start - 1
        while k >= prev_end and self.doc[k].is_space:
            k -= 1
        if k > prev_end:
            k = self._before_support_verb(k, prev_end)  # «… سلال الذي يؤدي زيارة إلى تونس»
        if k >= prev_end and self.view.norm[k].lstrip("و") in RELATIVE_PRONOUNS:
            return k
        for k in range(start - 1, prev_end - 1, -1):
            tok = self.doc[k]
            if tok.text in {"،", ","} and (self._title_comma_name(k) or self._date_parenthesis(k)):
                continue  # «مع رئيس المؤتمر الوطني، نوري أبو سهمين»: the comma only sets the name off
            if tok.text in {"،", ",", "؛", ";"} or normalize(tok.text) in CLAUSE_LINKS:
                return k + 1 if tok.is_punct else k
        return start

    def _date_parenthesis(self, k: int) -> bool:
        """The comma at k opens or closes a date set off by commas, and a title or name follows the
        closing one («استقبل X في قصره، أمس، الرئيس Y»): the object goes on after the parenthesis."""
        doc = self.doc
        j = k + 1
        while j < len(doc) and (doc[j].is_space or self._in_date(j) or (
                self.view.norm[j] in {"في", "يوم"} and j + 1 < len(doc) and self._in_date(j + 1))):
            j += 1  # («، في السادس من مايو،»: the preposition before the date)
        if j > k + 1 and j < len(doc) and doc[j].text in {"،", ","}:
            k = j  # the comma opens the date: look past the one that closes it
        i, j = k - 1, k + 1
        while i > 0 and doc[i].is_space:
            i -= 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        title_starts = {t.start for t in self.m.titles}
        return i >= 0 and self._in_date(i) and (j in self._name_starts or j in title_starts)

    def _title_comma_name(self, k: int) -> bool:
        """The comma at k stands between a title (an office, or a phrase ending in a nationality:
        «رئيس المؤتمر الوطني العام الليبي») and the person's name that follows it."""
        j = k + 1
        while j < len(self.doc) and (self.doc[j].is_space or self.doc[j].text in {"،", ","}):
            j += 1
        i = k - 1
        while i > 0 and (self.doc[i].is_space or self.doc[i].text in {"،", ","}):
            i -= 1  # «الوزير الأول الجزائري،، عبد المالك سلال»: a comma typed twice
        if j not in self._name_starts or i <= 0:
            return False
        nationality = self.lex.nationalities.match_at(self.view, i)
        return i in self.title_tokens or (nationality is not None and nationality.end == i + 1)

    def _word_before(self, i: int) -> str:
        """The normalised word before token i, past spaces («بعد» in «بعد زيارة»)."""
        k = i - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return self.view.norm[k] if k >= 0 else ""

    def _sentence_subject(self, sent: SpacySpan) -> str | None:
        """The person right after the sentence's first word, its verb, behind titles and
        honorifics («عاد حضرة صاحب السمو الشيخ X …»): the subject of a verb-first sentence."""
        k = sent.start + 1
        while k < sent.end and (self.doc[k].is_space or self.view.norm[k] in STYLE_WORDS or k in self.title_tokens):
            k = self._skip_titles(k) if k in self.title_tokens and self._skip_titles(k) > k else k + 1
        ref = next((r for r in self.m.refs if r.start == k), None)
        return ref.entity if ref is not None and self.is_person(ref) and ref.actor else None

    def _skip_titles(self, i: int) -> int:
        """The first token after any titles that start at i («رئيس الوزراء الياباني»)."""
        moved = True
        while moved:
            moved = False
            for title in self.m.titles:
                if title.start == i:
                    i, moved = title.end, True
        return i

    def _inside_invitation(self, trig: _Trig) -> bool:
        """A visit noun that is the object of an invitation: «دعوة رسمية لزيارة …», «دعا … إلى
        زيارة …» (an invitation to visit is no visit)."""
        prev = self.doc[trig.start - 1] if trig.start else None
        if prev is not None and normalize(prev.text) in {"دعوة", "رسمية"} or normalize(self.doc[trig.start].text).startswith("لزيار"):
            return True
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k >= 0 and self.view.norm[k] in {"الي", "الى"}:
            sent_start = self.sent.start
            return any(pm.payload.frame == "invite" for pm in self.lex.triggers.find(self.view, max(sent_start, trig.start - 15), trig.start))
        return False

    def visitor(self, trig: _Trig, before: list[TokenRef], after: list[TokenRef], refs: list[TokenRef], prev_refs: list[TokenRef]) -> str | None:
        text = normalize(trig.text)
        if trig.trigger.pos == "noun":
            if text.endswith(("ه", "ها")) and text not in {"زياره"}:
                # «وصوله», «زيارته»: the pronoun refers to the person the clause is about.
                cand = self.persons([r for r in after if r.start - trig.end <= 1][:1])
                if cand:
                    return cand[0]
                guest = self.persons(after[:1]) or self.persons(before[-1:])
                return guest[0] if guest else None
            if text.startswith("ال"):
                return None  # «الزيارة»: the visit already reported, not a new one
            # «زيارة سكرتير مجلس الأمن الروسي سيرغي شويغو»: the visitor is the genitive right
            # after the noun, possibly behind a title.
            k = trig.end
            for title in self.m.titles:
                if title.start == k:
                    k = title.end
            nxt = [r for r in after if r.start in {trig.end, k} and self.is_person(r)]
            return nxt[0].entity if nxt else None
        cand = [r for r in after if self.is_person(r) and r.start - trig.end <= 8]
        first_place = next((r.start for r in after if self.is_place(r)), 10**9)
        if cand and cand[0].start < first_place:
            return cand[0].entity
        prior = self.persons(before[-1:])
        if prior:
            return prior[0]
        prev = self.persons(prev_refs[-1:])
        return prev[0] if prev else None

    def _envoy_to(self, to: int, place: TokenRef) -> bool:
        """Is «إلى» at token `to`, with the place after it, part of a title («المبعوث الأممي إلى
        سوريا ستيفان دي ميستورا»): a title word right before «إلى» and its holder's name right
        after the place?"""
        j, words = to - 1, 0
        while j >= 0 and j not in self.title_tokens and words < 3 and (self.doc[j].is_space or (
                self.view.norm[j].startswith(("ال", "لل")) and j not in self._name_tokens)):
            words += not self.doc[j].is_space  # «الأممي», «الخاص للأمين العام»: the title's modifiers
            j -= 1
        if j < 0 or j not in self.title_tokens:
            return False
        k = place.end
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        return k in self._name_tokens

    def destination(self, trig: _Trig, after: list[TokenRef]) -> str | None:
        """The place the text says someone went to: after «إلى/الى/لـ», or the object right after
        the trigger or its subject («زار بغداد», «زيارة المسؤول الروسي بغداد»)."""
        doc = self.doc
        people_end = self._skip_titles(trig.end)
        for r in after:
            if r.start - people_end <= 1 and not self.is_place(r):
                people_end = self._skip_titles(r.end)
        for r in after:
            if not self.is_place(r) or r.start in self.title_tokens:
                continue  # («وصل أمير قطر …»: the country of the visitor's title is not where he went)
            if self._plan_between(trig.end, r.start):
                break  # «في مستهل جولة …، على أن تقوده الجولة لاحقا إلى رواندا»: a stop still ahead
            prev = normalize(doc[r.start - 1].text) if r.start else ""
            first = normalize(doc[r.start].text)
            k = r.start - 1
            # Skip what stands between «إلى» and the name: «العاصمة العراقية», «مطار», ««».
            glued_in = first.startswith("ب") and not self.entity(r.entity).name.startswith("ب")
            while k > trig.end and (
                doc[k].is_space
                or doc[k].is_punct
                or normalize(doc[k].text).lstrip("لب") in PLACE_DESCRIPTORS
                or self.lex.nationalities.match_at(self.view, k) is not None
            ):
                glued_in = glued_in or normalize(doc[k].text).startswith("ب")
                k -= 1
            prev = normalize(doc[k].text) if k >= 0 else ""
            if prev == "الي" and self._envoy_to(k, r):
                continue  # «بزيارة المبعوث الأممي إلى سوريا X إلى عمان»: «إلى سوريا» completes the title
            # («البرنامج النووي لطهران»: «لـ» after a plain definite word is «of», not «to»)
            of_it = prev.startswith("ال") and k not in self.title_tokens and k not in self._name_tokens and k >= trig.end
            via_to = prev in {"الي", "لي", "زياره", "لزياره"} or prev in COVERS or (
                first.startswith("ل") and not self.entity(r.entity).name.startswith("ل") and not of_it)
            if normalize(trig.text) in ARRIVE_IN:
                # «حل أمس بتونس», «حل بمدينة نيويورك»: arrived in; «حل ضيفا على بيروت»
                via_to = glued_in or (prev == "علي" and k > 0 and self.view.norm[k - 1] in GUEST_WORDS)
            if normalize(trig.text) in SET_DOWN:
                # «حطت كلينتون رحالها في إسرائيل»: the saddlebags make «حط» an arrival; so does a
                # person landing «في/بـ» a place («حط الوزير X في عمان»), not «حط من قدر …»
                bags = any(self.view.norm[j] in SADDLEBAGS for j in range(trig.end, r.start))
                # (the person is the verb's subject, right after it past his titles: «حطت طائرة الوزير
                # X في مطار القاهرة» is the plane's landing)
                landed = any(self.is_person(o) and o.end <= r.start and o.start == self._skip_titles(trig.end) for o in after)
                if not ((bags or landed) and (glued_in or prev == "في")):
                    continue
                via_to = True
            # the object right after the visitor, past a day word and a descriptor: «زار X أمس مدينة رفح»
            j = r.start - 1
            while j >= people_end and (doc[j].is_space or doc[j].text == "(" or normalize(doc[j].text) in PLACE_DESCRIPTORS
                                       or self.view.norm[j] in time_words() or self._each_of(j) or self._in_date(j)
                                       or (self.view.norm[j] == "في" and self._in_date(j + 1))
                                       or self.lex.nationalities.match_at(self.view, j) is not None):  # «العاصمة الروسية موسكو»
                j -= 1
            adjacent = j + 1 - people_end <= 1
            if via_to or adjacent:
                # «العاصمة العراقية بغداد», «مطار بغداد»: the city, not the country before it.
                nxt = self._apposed_city(r, after)
                return (nxt or r).entity
            if r.start - trig.end > 20:
                break
        landmark = self._landmark_place(trig, after, people_end) if trig.trigger.visits_object else None
        if landmark is not None:
            return landmark
        # «وصل … إلى قاعدة أندروز الجوية في ضواحي العاصمة الأمريكية واشنطن»: after «إلى» and
        # words the gazetteer does not know, the first place before any punctuation
        to = next((k for k in range(trig.end, min(len(doc), trig.end + 14)) if self.view.norm[k] in {"الي"}), None)
        own = {k for r in after if self.is_person(r) for k in range(r.start, r.end)} | self.title_tokens
        if to is not None and all(k in own or doc[k].is_space or self._in_date(k) or self.view.norm[k] in time_words() or self.view.norm[k] in HONORIFICS
                                  for k in range(trig.end, to)):
            # (only the visitor and a time between the verb and «إلى»: not «إضافة إلى …»)
            for r in after:
                if self.is_place(r) and to < r.start <= to + 10:
                    if any(doc[k].is_punct for k in range(to, r.start)):
                        break
                    nxt = self._apposed_city(r, after)
                    return (nxt or r).entity
        return None

    def _landmark_place(self, trig: _Trig, after: list[TokenRef], people_end: int) -> str | None:
        """«زار X المسجد النبوي بالمدينة المنورة», «زار X مقر الوكالة في فيينا»: the verb's object
        is a landmark the gazetteer does not know; the place after «بـ» or «في» right after it (at
        most six words with «في», no punctuation, no person between: «ضريح الملك محمد الخامس في
        الرباط», whose king is a landmark's eponym) is where the visitor went."""
        place = next((r for r in after if r.start >= people_end and self.is_place(r)), None)
        if place is None or place.start in self.title_tokens:
            return None
        words = [k for k in range(people_end, place.start) if not self.doc[k].is_space]
        landmark = [k for k in words if self.view.norm[k] not in time_words() and k not in self._adverbial_tokens]
        if not landmark or len(landmark) > 6 or any(self.doc[k].is_punct for k in words):
            return None
        if any(r.start < place.start and r.end > people_end and (self.is_person(r) or self.is_place(r)) for r in after if r is not place):
            return None
        glued_in = self.view.norm[place.start].startswith("ب") and not normalize(self.entity(place.entity).name).startswith("ب")
        if not (glued_in or self.view.norm[landmark[-1]] == "في"):
            return None
        return place.entity

    def _plan_between(self, start: int, end: int) -> bool:
        """A marker of what is still to come («على أن», «من المقرر أن»: data/lexicon/modality.tsv)
        between a visit word and a place: the place is where a clause of its own will take the
        traveller, not where the visit word went."""
        # («بالزيارة المرتقبة لماكرون إلى بيروت»: a marker that follows its noun, scope «after», is the visit's own)
        if any(self.view.norm[k] in LATER_WORDS and k > start and imperfect_verb_shape(self.view.norm[k - 1].lstrip("و"))
               for k in range(start, end)):
            return True  # «جولة خليجية تقوده لاحقا إلى قطر»: a present verb + «later» takes him there still
        return any(pm.payload.modality == "planned" and pm.payload.scope != "after" and pm.start >= start and pm.start not in self._name_tokens
                   and not self._made_by_it_after(pm.end, end)
                   for pm in self.lex.markers.find(self.view, start, end))

    def _made_by_it_after(self, k: int, end: int) -> bool:
        """«زيارة كان من المقرر أن يقوم بها إلى الأردن»: after the marker, «أن» + a support verb +
        «بها» reach the place: the marker is the visit's own (the visit it plans), no other clause."""
        words = [j for j in range(k, end) if not self.doc[j].is_space]
        if words and self.view.norm[words[0]] in {"ان", "أن"}:
            words = words[1:]
        return (len(words) in (2, 3) and self.view.norm[words[0]] in SUPPORT_VERBS and self.view.norm[words[1]] in {"بها", "به"}
                and (len(words) == 2 or self.view.norm[words[2]] in {"الي", "ل"}))

    def _apposed_city(self, r: TokenRef, after: list[TokenRef]) -> TokenRef | None:
        """The city right after the place r that names where in it («العاصمة العراقية بغداد»,
        «مطار بغداد», «إلى الأردن عمان»), not the next place of a list joined by «و» («إلى بيروت
        ودمشق»: two destinations)."""
        for o in after:
            if o.start < r.end or o.start - r.end > 1 or self.entity(o.entity).type != "City":
                continue
            gap = [k for k in range(r.end, o.start) if not self.doc[k].is_space]
            glued_wa = self.view.norm[o.start].startswith("و") and not self.entity(o.entity).name.startswith("و")
            if glued_wa or any(self.view.norm[k] in {"و", "ثم"} for k in gap):
                return None
            return o
        return None

    def _linked_support_verb(self, trig: _Trig) -> bool:
        """A support verb right before the noun («أجرى محادثات») opens a clause joined by «كما»,
        «ثم» or «، و» to the one before, its subject dropped: the sentence's."""
        k = trig.start - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 0 or not set(self.view.readings(k)[:3]) & SUPPORT_VERBS:
            return False
        j = k - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        if j < self.sent.start:
            return False
        if self.view.norm[j].lstrip("و") in {"كما", "ثم"}:
            return True
        return self.doc[j].text in {"،", ","} and self.view.norm[k].startswith("و")

    def _dropped_subject(self, clause_start: int, sent_before: list[str]) -> str:
        """Whose is a meeting noun in a clause that names no one before it: after «، و» + a verb
        («…، واكتفى بإجراء محادثات مع Y») the dropped subject is the first clause's, the first
        person the sentence names; otherwise the person named last («X يجري مع Y … محادثات»)."""
        k = clause_start
        while k < len(self.doc) and self.doc[k].is_space:
            k += 1
        prev = k - 1
        while prev >= 0 and self.doc[prev].is_space:
            prev -= 1
        coordinated = (prev >= 0 and self.doc[prev].text in {"،", ","} and k < len(self.doc)
                       and self.view.norm[k].startswith("و") and len(self.view.norm[k]) > 3
                       and k not in self.title_tokens and k not in self._name_tokens)
        return sent_before[0] if coordinated else sent_before[-1]

    def _after_with(self, start: int) -> bool:
        """«مع» stands right before the person starting at `start`, behind titles and honorifics."""
        k = start - 1
        while k >= 0 and (self.doc[k].is_space or k in self.title_tokens or self.view.norm[k] in HONORIFICS):
            k -= 1
        return k >= 0 and self.view.norm[k] in WITH_WORDS

    def _each_of(self, j: int) -> bool:
        """Token `j` is a word of «كلاً من» (each of), which stands before a list of objects
        («زار X كلاً من اليابان والصين»)."""
        norm = self.view.norm
        return (norm[j] == "كلا" and j + 1 < len(norm) and norm[j + 1] == "من") or (norm[j] == "من" and j >= 1 and norm[j - 1] == "كلا")

    def place_in(self, refs: list[TokenRef], prefer_after: int) -> str | None:
        doc = self.doc
        for r in refs:
            if self.is_place(r) and self.entity(r.entity).type == "City":
                prev = normalize(doc[r.start - 1].text) if r.start else ""
                if (prev in {"في", "بالعاصمه"} or normalize(doc[r.start].text).startswith("ب")) and not self._topic_place(r.start):
                    return r.entity
        return None

    def _topic_place(self, start: int) -> bool:
        """«بحثا تطورات الأوضاع في غزة»: the city after a topic noun (data/lexicon/topic_nouns.txt)
        and «في» is where the topic is, not where the talks were."""
        k = start - 1 if normalize(self.doc[start].text).startswith("ب") else start - 2
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return k >= 0 and any(r in self.lex.topic_nouns for r in self.view.readings(k))

    # -- within-article merging ------------------------------------------------------------------
    def merge(self, events: list[EventRecord]) -> list[EventRecord]:
        """The same event told twice in one article becomes one record (first evidence kept)."""
        out: list[EventRecord] = []
        party = frozenset(self.delegation())
        for ev in events:
            twin = next((o for o in out if _same_event(o, ev, party)), None)
            if twin is None:
                out.append(ev)
                continue
            for p in ev.participants:
                if p not in twin.participants:
                    twin.participants.append(p)
            twin.host = twin.host or ev.host
            twin.guest = twin.guest or ev.guest
            twin.place = twin.place or ev.place
            if ev.date is not None and (twin.date is None or len(ev.date.value) > len(twin.date.value)):
                twin.date, twin.date_text = ev.date, ev.date_text  # the most precise of the two
            twin.topics = sorted(set(twin.topics) | set(ev.topics))
        for n, ev in enumerate(out, start=1):
            ev.local_id = f"e{n}"
        return out


def _told_in_present(ev: EventRecord) -> bool:
    """The event's trigger word is shaped like a present-tense verb («يتوجه», «ويبحث»)."""
    return imperfect_verb_shape(normalize(ev.trigger or "").split(" ")[0])


def _welcome(ev: EventRecord) -> bool:
    """A welcome of a guest on arrival («وكان في استقباله …», «في مقدمة مستقبليه …»)."""
    return ev.type == "Meeting" and normalize(ev.trigger).startswith(WELCOME_OPENINGS)


def _same_event(a: EventRecord, b: EventRecord, party: frozenset[str] = frozenset()) -> bool:
    """Two records of one article tell the same event. Meetings share two participants, not all
    of them of the delegation: a delegation that meets two counterparts in turn («التقى الوفد
    الأمريكي الرئيس … وقبل ذلك … الرئيس المنتهية ولايته») holds two meetings."""
    if a.type != b.type or a.modality != b.modality:
        return False
    if a.date and b.date and not (a.date.value.startswith(b.date.value) or b.date.value.startswith(a.date.value)):
        return False  # «2018» and «2018-10-17» may tell one meeting; two days, two meetings
    if a.type == "Visit":
        return a.participants[:1] == b.participants[:1] and a.place == b.place
    if a.type == "Statement":
        return False
    if a.guest is not None and a.guest == b.guest and _welcome(a) and _welcome(b) and a.evidence != b.evidence:
        # «في مقدمة مستقبليه X. كما كان في استقباله Y»: one arrival, one welcome told in two
        # sentences (within one sentence `_welcome_groups` has said which welcomers were together)
        return True
    shared = set(a.participants) & set(b.participants)
    if party and shared <= party and a.type != "Invitation":
        return False
    return len(shared) >= 2 or (len(shared) >= 1 and a.type == "Invitation")


def extract_events(
    doc: Doc, mentions: ArticleMentions, dates: list[DateMention], lex: Lexicons, published: str | None = None
) -> list[EventRecord]:
    """`published`: the article's date (ISO), to tell a dated future event from a past one."""
    return _ArticleEvents(doc, mentions, dates, lex, published).build()
