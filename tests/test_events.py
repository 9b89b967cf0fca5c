"""Event extraction on short sentences written for these tests (none taken from the samples).

Each case lists every Meeting/PhoneCall/Visit/Invitation/Agreement the text should give
(type, modality, participants, place, date); Statements are checked where a case names them.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.nlp.extract import extract_article
from kg.records import Article

PUB = date(2024, 5, 14)  # a Tuesday

E = tuple  # (type, modality, frozenset(participant names), place or None, date or None)


def ev(kind: str, modality: str, people: set[str], place: str | None = None, when: str | None = None) -> E:
    return (kind, modality, frozenset(people), place, when)


CASES: list[tuple[str, str, date | None, list[E]]] = [
    ("meeting", "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في القاهرة اليوم الأحد.", PUB,
     [ev("Meeting", "occurred", {"سامح شكري", "أيمن الصفدي"}, "القاهرة", "2024-05-12")]),
    ("reception", "استقبل الرئيس التونسي قيس سعيد وزير الخارجية الجزائري أحمد عطاف في تونس أمس.", PUB,
     [ev("Meeting", "occurred", {"قيس سعيد", "أحمد عطاف"}, None, "2024-05-13")]),
    ("discussed-with", "بحث وزير الدفاع العراقي ثابت العباسي مع نظيره التركي يشار غولر في أنقرة التعاون في مجال مكافحة الإرهاب.", PUB,
     [ev("Meeting", "occurred", {"ثابت العباسي", "يشار غولر"}, "أنقرة")]),
    ("phone call", "أجرى وزير الخارجية السعودي فيصل بن فرحان اتصالا هاتفيا مع وزير الخارجية الإيراني حسين أمير عبد اللهيان يوم الأحد.", PUB,
     [ev("PhoneCall", "occurred", {"فيصل بن فرحان", "حسين أمير عبد اللهيان"}, None, "2024-05-12")]),
    ("phone call received", "تلقى ولي العهد السعودي محمد بن سلمان اتصالا هاتفيا من الرئيس الإماراتي محمد بن زايد.", None,
     [ev("PhoneCall", "occurred", {"محمد بن سلمان", "محمد بن زايد"})]),
    ("arrival", "وصل وزير الخارجية التركي هاكان فيدان إلى بيروت اليوم الثلاثاء في زيارة رسمية.", PUB,
     [ev("Visit", "occurred", {"هاكان فيدان"}, "بيروت", "2024-05-14")]),
    ("visited", "زار الرئيس المصري عبد الفتاح السيسي الرياض أمس في زيارة استغرقت يومين.", PUB,
     [ev("Visit", "occurred", {"عبد الفتاح السيسي"}, "الرياض", "2024-05-13")]),
    ("headed to", "توجه رئيس الوزراء العراقي محمد شياع السوداني إلى طهران اليوم الأربعاء.", PUB,
     [ev("Visit", "occurred", {"محمد شياع السوداني"}, "طهران", "2024-05-08")]),
    ("future visit by date", "يزور رئيس الوزراء الياباني فوميو كيشيدا القاهرة الأسبوع المقبل.", PUB,
     [ev("Visit", "planned", {"فوميو كيشيدا"}, "القاهرة", "2024-05")]),
    ("future visit by prefix", "سيزور الرئيس التركي رجب طيب أردوغان بغداد في نيسان المقبل.", PUB,
     [ev("Visit", "planned", {"رجب طيب أردوغان"}, "بغداد", "2025-04")]),
    ("planned meeting", "من المقرر أن يلتقي الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس في باريس غدا.", PUB,
     [ev("Meeting", "planned", {"إيمانويل ماكرون", "أولاف شولتس"}, "باريس", "2024-05-15")]),
    ("cancelled meeting", "ألغى وزير الخارجية الأمريكي أنتوني بلينكن لقاءه مع وزير الخارجية الصيني وانغ يي.", PUB,
     [ev("Meeting", "cancelled", {"أنتوني بلينكن", "وانغ يي"})]),
    ("postponed visit", "أجل وزير الخارجية الفرنسي جان نويل بارو زيارته إلى بيروت.", PUB,
     [ev("Visit", "cancelled", {"جان نويل بارو"}, "بيروت")]),
    ("denied meeting", "نفى المتحدث باسم الخارجية أن يكون وزير الخارجية القطري محمد بن عبد الرحمن آل ثاني التقى وزير الخارجية الإسرائيلي يسرائيل كاتس.", PUB,
     [ev("Meeting", "denied", {"محمد بن عبد الرحمن آل ثاني", "يسرائيل كاتس"})]),
    ("invitation", "وجه الرئيس العراقي عبد اللطيف رشيد دعوة رسمية إلى الرئيس الإيراني مسعود بزشكيان لزيارة بغداد.", PUB,
     [ev("Invitation", "occurred", {"عبد اللطيف رشيد", "مسعود بزشكيان"}, "بغداد")]),
    ("invitation, verb first", "دعا الرئيس الجزائري عبد المجيد تبون نظيره التونسي قيس سعيد إلى زيارة الجزائر.", PUB,
     [ev("Invitation", "occurred", {"عبد المجيد تبون", "قيس سعيد"}, "الجزائر")]),
    ("call for action is no invitation", "دعا وزير الخارجية الأردني أيمن الصفدي المجتمع الدولي لوقف الحرب.", PUB, []),
    ("agreement", "وقع وزير الطاقة العراقي حيان عبد الغني ووزير الطاقة الروسي سيرغي تسيفيليف مذكرة تفاهم في بغداد أمس.", PUB,
     [ev("Agreement", "occurred", {"حيان عبد الغني", "سيرغي تسيفيليف"}, None, "2024-05-13")]),
    ("agreement, two women and men", "وقعت وزيرة الخارجية الألمانية أنالينا بيربوك ووزير الخارجية المغربي ناصر بوريطة اتفاقية للتعاون في مجال الطاقة.", PUB,
     [ev("Agreement", "occurred", {"أنالينا بيربوك", "ناصر بوريطة"})]),
    ("expected agreement", "من المتوقع أن يوقع وزير النفط العراقي حيان عبد الغني ووزير الطاقة القطري سعد الكعبي عقدا للغاز الشهر المقبل.", PUB,
     [ev("Agreement", "planned", {"حيان عبد الغني", "سعد الكعبي"}, None, "2024-06")]),
    ("pasted headline", "تعزيز التعاون الاقتصادي بين الأردن ومصر\nالتقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري في عمان.", PUB,
     [ev("Meeting", "occurred", {"أيمن الصفدي", "سامح شكري"}, "عمان")]),  # Amman: the article tells of Jordan (place_homonyms.tsv)
    ("headline alone", "فلسطين تدين الهجوم على المسجد\nوأكد وزير الخارجية الفلسطيني رياض المالكي أهمية الحوار.", PUB, []),
    ("two meetings in one sentence", "التقى رئيس الوزراء الأردني بشر الخصاونة نظيره اللبناني نجيب ميقاتي، كما اجتمع وزير الخارجية الأردني أيمن الصفدي بنظيره اللبناني عبد الله بوحبيب.", PUB,
     [ev("Meeting", "occurred", {"بشر الخصاونة", "نجيب ميقاتي"}), ev("Meeting", "occurred", {"أيمن الصفدي", "عبد الله بوحبيب"})]),
    ("participant in previous sentence", "وصل وزير الخارجية الإيراني عباس عراقجي إلى الرياض اليوم. والتقى وزير الخارجية السعودي فيصل بن فرحان.", PUB,
     [ev("Visit", "occurred", {"عباس عراقجي"}, "الرياض", "2024-05-14"), ev("Meeting", "occurred", {"عباس عراقجي", "فيصل بن فرحان"})]),
    ("received on arrival", "وصل الرئيس الإيراني مسعود بزشكيان إلى بغداد. واستقبله الرئيس العراقي عبد اللطيف رشيد في المطار.", PUB,
     [ev("Visit", "occurred", {"مسعود بزشكيان"}, "بغداد"), ev("Meeting", "occurred", {"مسعود بزشكيان", "عبد اللطيف رشيد"})]),
    ("emir receives", "استقبل أمير قطر الشيخ تميم بن حمد آل ثاني في الدوحة اليوم رئيس الوزراء الباكستاني شهباز شريف.", PUB,
     [ev("Meeting", "occurred", {"تميم بن حمد آل ثاني", "شهباز شريف"}, "الدوحة", "2024-05-14")]),
    ("envoy with a region in the title", "التقى وزير الخارجية العماني بدر البوسعيدي في مسقط المبعوث الأمريكي الخاص إلى اليمن تيم ليندركينغ.", PUB,
     [ev("Meeting", "occurred", {"بدر البوسعيدي", "تيم ليندركينغ"}, "مسقط")]),
    ("undated visit on the day of its meeting there", "وصل رئيس الوزراء الأردني جعفر حسان إلى بغداد في زيارة رسمية. والتقى حسان الاثنين في بغداد الرئيس العراقي عبد اللطيف رشيد.", PUB,
     [ev("Visit", "occurred", {"جعفر حسان"}, "بغداد", "2024-05-13"), ev("Meeting", "occurred", {"جعفر حسان", "عبد اللطيف رشيد"}, "بغداد", "2024-05-13")]),
    ("meetings there on two days leave the visit undated", "وصل رئيس الوزراء الأردني جعفر حسان إلى بغداد في زيارة رسمية. والتقى حسان الأحد في بغداد الرئيس العراقي عبد اللطيف رشيد. والتقى حسان الاثنين في بغداد رئيس الوزراء العراقي محمد شياع السوداني.", PUB,
     [ev("Visit", "occurred", {"جعفر حسان"}, "بغداد"), ev("Meeting", "occurred", {"جعفر حسان", "عبد اللطيف رشيد"}, "بغداد", "2024-05-12"),
      ev("Meeting", "occurred", {"جعفر حسان", "محمد شياع السوداني"}, "بغداد", "2024-05-13")]),
    ("a dated call does not date the visit", "وصل رئيس الوزراء الأردني جعفر حسان إلى بغداد في زيارة رسمية. وتلقى حسان الاثنين اتصالا هاتفيا من الرئيس المصري عبد الفتاح السيسي.", PUB,
     [ev("Visit", "occurred", {"جعفر حسان"}, "بغداد"), ev("PhoneCall", "occurred", {"جعفر حسان", "عبد الفتاح السيسي"}, None, "2024-05-13")]),
    ("the lead's day dates the summit told after it", "أكد الرئيس التونسي قيس سعيد ونظيره الجزائري عبد المجيد تبون، الخميس، على ضرورة تعزيز التعاون بين البلدين. وقال سعيد خلال مؤتمر صحفي عقب قمة جمعت الرئيسين في تونس، إن العلاقات متينة.", PUB,
     [ev("Meeting", "occurred", {"قيس سعيد", "عبد المجيد تبون"}, None, "2024-05-09")]),
    ("a pluperfect meeting is background, not the lead's day", "أكد الرئيس التونسي قيس سعيد ونظيره الجزائري عبد المجيد تبون، الخميس، على ضرورة تعزيز التعاون بين البلدين. وكان سعيد قد التقى تبون في الجزائر.", PUB,
     [ev("Meeting", "occurred", {"قيس سعيد", "عبد المجيد تبون"})]),
    ("a meeting told with its year and with its day is one meeting", "أكد الرئيس التونسي قيس سعيد ونظيره الجزائري عبد المجيد تبون، الخميس، على ضرورة تعزيز التعاون. وقال سعيد إنه بحث مع تبون مشروع الطاقة الذي ينتهي نهاية العام الحالي. وقال سعيد خلال مؤتمر صحفي عقب قمة جمعت الرئيسين في تونس، إن العلاقات متينة.", PUB,
     [ev("Meeting", "occurred", {"قيس سعيد", "عبد المجيد تبون"}, None, "2024-05-09")]),
    ("relative date, no publication date", "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في القاهرة اليوم.", None,
     [ev("Meeting", "occurred", {"سامح شكري", "أيمن الصفدي"}, "القاهرة", None)]),
]


def extracted(text: str, published: date | None) -> tuple[set[E], list]:
    rec = extract_article(Article(id="t", text=text, published=published))
    names = {e.local_id: e.name for e in rec.entities}
    out = set()
    for e in rec.events:
        if e.type == "Statement":
            continue
        out.add((e.type, e.modality, frozenset(names[p] for p in e.participants), names.get(e.place), e.date.value if e.date else None))
    return out, rec.events


@pytest.mark.parametrize(("name", "text", "published", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentence_gives_expected_events(name: str, text: str, published: date | None, expected: list[E]) -> None:
    got, _ = extracted(text, published)
    assert got == set(expected)


def test_at_least_25_cases_cover_every_type_and_modality() -> None:
    assert len(CASES) >= 25
    kinds = {e[0] for _, _, _, exp in CASES for e in exp}
    modalities = {e[1] for _, _, _, exp in CASES for e in exp}
    assert kinds == {"Meeting", "PhoneCall", "Visit", "Invitation", "Agreement"}
    assert modalities == {"occurred", "planned", "cancelled", "denied"}


def test_reception_has_host_and_guest() -> None:
    rec = extract_article(Article(id="t", text=CASES[1][1], published=PUB))
    names = {e.local_id: e.name for e in rec.entities}
    (meeting,) = [e for e in rec.events if e.type == "Meeting"]
    assert names[meeting.host] == "قيس سعيد" and names[meeting.guest] == "أحمد عطاف"


def test_statement_speaker_and_evidence_span() -> None:
    text = "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار. ثم غادر."
    rec = extract_article(Article(id="t", text=text, published=PUB))
    names = {e.local_id: e.name for e in rec.entities}
    (st,) = [e for e in rec.events if e.type == "Statement"]
    assert [names[p] for p in st.participants] == ["سيرغي لافروف"]
    assert text[st.evidence.start : st.evidence.end] == "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار."


def test_topics_come_from_the_skos_list() -> None:
    _, events = extracted(CASES[2][1], PUB)
    assert "counter-terrorism" in events[0].topics
