"""Arabic temporal expressions: normalisation against the publication date, offsets, conflicts.

The sentences are written in the style of Arabic diplomatic news; a few forms follow the sample
articles («اليوم الثلاثاء 16 أيلول2025», «فجر اليوم الثلاثاء», «التاسع من سبتمبر»,
«تشرين الثاني نوفمبر 2020», «يوم الخميس»). Expected values were worked out by hand from a
calendar: 2025-09-16 is a Tuesday, 2021-03-06 a Saturday, 2024-01-03 a Wednesday,
2015-07-20 a Monday, 2025-09-05 a Friday.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg.nlp.dates import DateMention, _load_lexicon, find_dates, normalize_date
from kg.records import DateValue

TUE = dt.date(2025, 9, 16)  # a Tuesday, the date of the sample articles
SAT = dt.date(2021, 3, 6)
NEW_YEAR = dt.date(2024, 1, 3)
MON = dt.date(2015, 7, 20)
FRI = dt.date(2025, 9, 5)

# (sentence, publication date, expected mention text, expected value or None, datatype or None)
CASES = [
    # weekdays and relative days, resolved against the publication date
    ("أشار الأعرجي، اليوم الثلاثاء 16 أيلول2025، خلال لقائه شويغو", TUE,
     "اليوم الثلاثاء 16 أيلول2025", "2025-09-16", "date"),
    ("وصل الوفد الروسي فجر اليوم الثلاثاء إلى مطار بغداد الدولي", TUE,
     "فجر اليوم الثلاثاء", "2025-09-16", "date"),
    ("دعا النائب الأول لرئيس البرلمان، يوم الخميس، روسيا إلى دور أكبر", TUE,
     "يوم الخميس", "2025-09-11", "date"),
    ("بحث رئيس الوزراء في بغداد الخميس مع نائب رئيس الحكومة الروسية التعاون", SAT,
     "الخميس", "2021-03-04", "date"),
    ("وخلال اجتماع في بغداد بحث الكاظمي، اليوم الخميس، مع الوفد الروسي", SAT,
     "اليوم الخميس", "2021-03-04", "date"),
    ("التقى وزير الخارجية الثلاثاء الماضي نظيره الإيراني في طهران", TUE,
     "الثلاثاء الماضي", "2025-09-09", "date"),
    ("يزور الرئيس الفرنسي بيروت الأحد المقبل في جولة إقليمية", TUE,
     "الأحد المقبل", "2025-09-21", "date"),
    ("ويعقد مجلس الجامعة اجتماعه الخميس القادم على مستوى المندوبين", TUE,
     "الخميس القادم", "2025-09-18", "date"),
    ("استقبل الرئيس المصري وزير الخارجية الروسي أمس في قصر الاتحادية", TUE,
     "أمس", "2025-09-15", "date"),
    ("وأمس أكد المتحدث باسم الخارجية أن المحادثات كانت بناءة", TUE,
     "أمس", "2025-09-15", "date"),
    ("كما التقى الوزير بالأمس نظيره التركي على هامش المؤتمر", TUE,
     "الأمس", "2025-09-15", "date"),
    ("وصل الوزير إلى عمّان الاثنين، والثلاثاء التقى العاهل الأردني", TUE,
     "الثلاثاء", "2025-09-16", "date"),
    ("عقد الجانبان جولة محادثات أول أمس في الرياض", TUE,
     "أول أمس", "2025-09-14", "date"),
    ("وكان الرئيس قد استقبل، أول من أمس، وفداً من الكونغرس", TUE,
     "أول من أمس", "2025-09-14", "date"),
    ("يتوجه وزير الخارجية غداً إلى القاهرة للمشاركة في الاجتماع", TUE,
     "غداً", "2025-09-17", "date"),
    ("ومن المقرر أن يصل المبعوث الأممي غداً الأربعاء إلى دمشق", TUE,
     "غداً الأربعاء", "2025-09-17", "date"),
    ("أعلنت وزارة الخارجية صباح اليوم أن السفير سلّم أوراق اعتماده", TUE,
     "صباح اليوم", "2025-09-16", "date"),
    ("أجرى الرئيس اتصالاً هاتفياً مساء أمس مع ولي العهد السعودي", TUE,
     "مساء أمس", "2025-09-15", "date"),
    ("تلقى أمير قطر ليلة أمس اتصالاً من الرئيس الأمريكي", TUE,
     "ليلة أمس", "2025-09-15", "date"),
    ("وقال الوزير صباح أمس الاثنين إن الزيارة ستعزز التعاون", TUE,
     "صباح أمس الاثنين", "2025-09-15", "date"),
    ("أعلن رئيس الوزراء البريطاني، اليوم (الاثنين)، استراتيجية جديدة", MON,
     "اليوم (الاثنين)", "2015-07-20", "date"),
    ("وصل وفد الوساطة أمس إلى الرياض قادماً من صنعاء", dt.date(2024, 1, 1),
     "أمس", "2023-12-31", "date"),
    # stated dates: Levantine, Egyptian/Gulf and Maghrebi month names, digits, doubles
    ("وقّع البلدان اتفاقية التعاون الأمني في 16 أيلول 2025 ببغداد", None,
     "16 أيلول 2025", "2025-09-16", "date"),
    ("جرى التوقيع في ١٦ أيلول ٢٠٢٥ بحضور السفيرين", None,
     "١٦ أيلول ٢٠٢٥", "2025-09-16", "date"),
    ("أعلنت الحكومة في أيلول2025 خطة لتطوير العلاقات مع موسكو", None,
     "أيلول2025", "2025-09", "gYearMonth"),
    ("التقى السوداني بوتين في موسكو في تشرين الثاني نوفمبر 2020", None,
     "تشرين الثاني نوفمبر 2020", "2020-11", "gYearMonth"),
    ("زار الوفد النيابي موسكو في أيلول/ سبتمبر 2024", None,
     "أيلول/ سبتمبر 2024", "2024-09", "gYearMonth"),
    ("وُقّعت مذكرة التفاهم في 3 آب/ أغسطس 2023 في عمّان", None,
     "3 آب/ أغسطس 2023", "2023-08-03", "date"),
    ("انعقدت القمة في 12 كانون الأول (ديسمبر) 2019 في الرياض", None,
     "12 كانون الأول (ديسمبر) 2019", "2019-12-12", "date"),
    ("استقبل الرئيس السيسي نظيره الفرنسي في 5 يوليه 2022", None,
     "5 يوليه 2022", "2022-07-05", "date"),
    ("أعلنت الرئاسة في 22 اغسطس 2023 عن زيارة مرتقبة", None,
     "22 اغسطس 2023", "2023-08-22", "date"),
    ("اجتمع وزيرا الدفاع في 14 شباط 2024 في أنقرة", None,
     "14 شباط 2024", "2024-02-14", "date"),
    ("أعيد فتح السفارة رسمياً في 1 مايو 2023", None,
     "1 مايو 2023", "2023-05-01", "date"),
    ("افتتح المعرض الدولي يوم 31 ماي 2012 بالجزائر العاصمة", None,
     "يوم 31 ماي 2012", "2012-05-31", "date"),
    ("التقى الرئيسان في نوفمبر 2020 على هامش قمة العشرين", None,
     "نوفمبر 2020", "2020-11", "gYearMonth"),
    ("وقّع الجانبان الاتفاق يوم الخميس الموافق 18 أيلول 2025", None,
     "يوم الخميس الموافق 18 أيلول 2025", "2025-09-18", "date"),
    ("صدر القرار بتاريخ 16/9/2025 عن مجلس الوزراء", None,
     "16/9/2025", "2025-09-16", "date"),
    # ordinal day words; the year comes from the publication date when absent
    ("وأدان الضربات الجوية الإسرائيلية في الدوحة في التاسع من سبتمبر", TUE,
     "التاسع من سبتمبر", "2025-09-09", "date"),
    ("وكانت الجولة الأولى قد عقدت في الحادي عشر من كانون الثاني 2022", None,
     "الحادي عشر من كانون الثاني 2022", "2022-01-11", "date"),
    ("تنتهي المهلة في الحادي والثلاثين من ديسمبر وفق البيان", dt.date(2024, 12, 30),
     "الحادي والثلاثين من ديسمبر", "2024-12-31", "date"),
    ("سبق أن التقى الوزيران في الأول من نيسان الماضي", TUE,
     "الأول من نيسان الماضي", "2025-04-01", "date"),
    ("ومن المقرر أن تعقد القمة في العشرين من تموز المقبل", TUE,
     "العشرين من تموز المقبل", "2026-07-20", "date"),
    ("وكان الطرفان قد اتفقا في الثالث من الشهر الجاري على وقف إطلاق النار", TUE,
     "الثالث من الشهر الجاري", "2025-09-03", "date"),
    # months and years, relative and stated
    ("في ضوء زيارة السوداني إلى موسكو في شهر تشرين الأول من العام الماضي", TUE,
     "شهر تشرين الأول من العام الماضي", "2024-10", "gYearMonth"),
    ("وسبق أن زار الوزير بكين في كانون الأول الماضي", NEW_YEAR,
     "كانون الأول الماضي", "2023-12", "gYearMonth"),
    ("وأشار إلى أن التبادل التجاري ارتفع بنسبة 30% العام الماضي", TUE,
     "العام الماضي", "2024", "gYear"),
    ("وارتفعت الصادرات النفطية العام الماضي إلى مستوى قياسي", TUE,
     "العام الماضي", "2024", "gYear"),
    ("وبأكثر من 35% في النصف الأول من العام الجاري", TUE,
     "العام الجاري", "2025", "gYear"),
    ("زار وفد من الخارجية طهران في عام 2021 لبحث الملف النووي", None,
     "عام 2021", "2021", "gYear"),
    ("تأسست اللجنة المشتركة سنة 2008م بموجب اتفاقية ثنائية", None,
     "سنة 2008م", "2008", "gYear"),
    ("ومن المتوقع أن تكتمل المرحلة الأولى منتصف عام 2024", None,
     "منتصف عام 2024", "2024", "gYear"),
    ("أعلنت وزارة النفط الشهر الماضي توقيع عقود جديدة", TUE,
     "الشهر الماضي", "2025-08", "gYearMonth"),
    ("تراجعت الصادرات الشهر الماضي مقارنة بالعام السابق", NEW_YEAR,
     "الشهر الماضي", "2023-12", "gYearMonth"),
    ("بدأت المفاوضات غير المباشرة مطلع الشهر الجاري في مسقط", TUE,
     "مطلع الشهر الجاري", "2025-09", "gYearMonth"),
    ("يصل وفد تجاري روسي إلى بغداد الأسبوع المقبل", TUE,
     "الأسبوع المقبل", "2025-09", "gYearMonth"),
    # «قبل يومين» (two days ago), counted from the publication day as «أمس»
    ("وكان الرئيس قد استقبل قبل يومين في دمشق وزير الخارجية", TUE,
     "قبل يومين", "2025-09-14", "date"),
    # «قبل شهر» (a month ago): the month before the publication's, as «الشهر الماضي»
    ("وكان وزير الخارجية قد التقى المبعوث الأممي قبل شهر في جنيف", TUE,
     "قبل شهر", "2025-08", "gYearMonth"),
    # the previous week (23–31 August under any week start) lies in one month
    ("التقى المبعوث قادة الفصائل الأسبوع الماضي", FRI,
     "الأسبوع الماضي", "2025-08", "gYearMonth"),
    # Monday 8 September: the previous week is 1–7 September from a Monday start but begins on 30 or
    # 31 August from a Saturday or a Sunday: only the year is sure
    ("التقى المبعوث قادة الفصائل الأسبوع الماضي", dt.date(2025, 9, 8),
     "الأسبوع الماضي", "2025", "gYear"),
    # Hijri
    ("صدر المرسوم الملكي في 15 رمضان 1446 هـ", None,
     "15 رمضان 1446 هـ", "2025-03-15", "date"),
    ("افتتح المقر الجديد في 1 محرم 1429هـ", None,
     "1 محرم 1429هـ", "2008-01-10", "date"),
    ("وقد تقرر تعميم القرار بتاريخ 28/3/1436هـ على الوزارات", None,
     "28/3/1436هـ", "2015-01-19", "date"),
    ("غادر البلاد بتاريخ 9 / 10 / 1436 هـ الموافق 25 / 7 / 2015 م في إجازة", None,
     "9 / 10 / 1436 هـ", "2015-07-25", "date"),
    ("غادر البلاد بتاريخ 9 / 10 / 1436 هـ الموافق 25 / 7 / 2015 م في إجازة", None,
     "25 / 7 / 2015 م", "2015-07-25", "date"),
    ("ارتفعت أعداد المعتمرين خلال رمضان 2025 بشكل ملحوظ", None,
     "رمضان 2025", "2025-03", "gYearMonth"),
    ("ويعد عام 1429 هـ بداية برنامج الابتعاث", None,
     "عام 1429 هـ", "2008", "gYear"),
    # relative expressions with no publication date: found, but no value is invented
    ("وصل الوفد الروسي فجر اليوم الثلاثاء إلى مطار بغداد", None, "فجر اليوم الثلاثاء", None, None),
    ("دعا المندلاوي، يوم الخميس، روسيا إلى دور فاعل", None, "يوم الخميس", None, None),
    ("وأدان الضربات الإسرائيلية في الدوحة في التاسع من سبتمبر", None,
     "التاسع من سبتمبر", None, None),
    ("زار السوداني موسكو في شهر تشرين الأول من العام الماضي", None,
     "شهر تشرين الأول من العام الماضي", None, None),
    ("وصل شويغو إلى بغداد أمس لإجراء محادثات", None, "أمس", None, None),
    ("بحث الكاظمي، اليوم الخميس، مع بوريسوف التعاون", None, "اليوم الخميس", None, None),
    ("بدأت المفاوضات مطلع الشهر الجاري", None, "مطلع الشهر الجاري", None, None),
    # a month named in both calendars is a date even with no year: this year's, up to the
    # publication month; a later month may be last year's or the coming one (the tense decides)
    ("التقى الرئيسان في أيار/ مايو لبحث الأزمة", TUE, "أيار/ مايو", "2025-05", "gYearMonth"),
    ("وكان الوزير قد زار موسكو في يوليو (تموز) الماضي", TUE, "يوليو (تموز) الماضي", "2025-07", "gYearMonth"),
    ("وعقدت القمة في نوفمبر/ تشرين الثاني في القاهرة", TUE, "نوفمبر/ تشرين الثاني", None, None),
    # stated but not certain: a Hijri year straddles two Gregorian years
    ("أُطلقت المبادرة عام 1446هـ بدعم حكومي", TUE, "عام 1446هـ", None, None),
]


# readable test ids: the Arabic text would be escaped to \uXXXX by pytest
_IDS = [f"{i:02d}-{case[3] or 'none'}" for i, case in enumerate(CASES)]


def _mention(sentence: str, published: dt.date | None, text: str) -> DateMention:
    mentions = find_dates(sentence, published)
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not found in {[m.text for m in mentions]}"
    return found[0]


def test_enough_cases() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize(("sentence", "published", "text", "value", "datatype"), CASES, ids=_IDS)
def test_expression_value(
    sentence: str, published: dt.date | None, text: str, value: str | None, datatype: str | None
) -> None:
    m = _mention(sentence, published, text)
    expected = DateValue(value, datatype) if value is not None else None  # type: ignore[arg-type]
    assert m.value == expected
    assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(("sentence", "published", "text", "value", "datatype"), CASES, ids=_IDS)
def test_normalize_date_on_the_expression(
    sentence: str, published: dt.date | None, text: str, value: str | None, datatype: str | None
) -> None:
    got = normalize_date(text, published)
    assert (got and (got.value, got.datatype)) == ((value, datatype) if value else None)


# ---------------------------------------------------------------------------------------------
# relative vs stated


@pytest.mark.parametrize(
    ("expr", "relative"),
    [
        ("اليوم الثلاثاء", True),
        ("أمس", True),
        ("التاسع من سبتمبر", True),
        ("العام الماضي", True),
        ("16 أيلول 2025", False),
        ("اليوم الثلاثاء 16 أيلول2025", False),  # the stated date decides, not «اليوم»
        ("تشرين الثاني نوفمبر 2020", False),
        ("15 رمضان 1446 هـ", False),
    ],
)
def test_relative_flag(expr: str, relative: bool) -> None:
    (m,) = find_dates(expr, TUE)
    assert m.relative is relative


def test_no_date_invented_without_publication_date() -> None:
    text = (
        "وصل شويغو إلى بغداد أمس، والتقى اليوم الثلاثاء السوداني، على أن يعود الأحد المقبل، "
        "بعد زيارة سابقة في شهر تشرين الأول من العام الماضي، ووقع الجانبان في 16 أيلول 2025 "
        "مذكرة تفاهم، وكان الوزير قد زار موسكو الشهر الماضي ويزورها مجدداً غداً."
    )
    mentions = find_dates(text, None)
    assert len(mentions) == 7
    for m in mentions:
        if m.relative:
            assert m.value is None, m.text
        else:
            assert m.value is not None, m.text
    stated = [m for m in mentions if m.value is not None]
    assert [(m.text, m.value.value) for m in stated] == [("16 أيلول 2025", "2025-09-16")]
    # the same text with a publication date resolves every one of them
    assert all(m.value is not None for m in find_dates(text, TUE))


def test_bare_weekday_is_latest_on_or_before_publication() -> None:
    # published on a Saturday: «الخميس» two days earlier, «السبت» the same day
    assert normalize_date("الخميس", SAT) == DateValue("2021-03-04", "date")
    assert normalize_date("السبت", SAT) == DateValue("2021-03-06", "date")
    assert normalize_date("الأحد", SAT) == DateValue("2021-02-28", "date")
    # «الماضي» is strictly before, «المقبل» strictly after, even on the same weekday
    assert normalize_date("السبت الماضي", SAT) == DateValue("2021-02-27", "date")
    assert normalize_date("السبت المقبل", SAT) == DateValue("2021-03-13", "date")


# ---------------------------------------------------------------------------------------------
# offsets


def test_offsets_are_exact_in_the_original_text() -> None:
    text = (
        "أربيل (كوردستان24)- أشار مستشار الأمن القومي العراقي، اليوم الثلاثاء 16 أيلول2025، "
        "إلى أن اللقاء المرتقب سيعقد يوم الخميس.\nووصل شويغو وَأمسِ التقى الوزير، فيما "
        "أدان الضربات في التاسع من سبتمبر."
    )
    mentions = find_dates(text, TUE)
    assert [m.text for m in mentions] == [
        "اليوم الثلاثاء 16 أيلول2025",
        "يوم الخميس",
        "أمسِ",
        "التاسع من سبتمبر",
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    first = mentions[0]
    assert first.start == text.index("اليوم")
    assert first.end == text.index("2025،") + 4
    # the clitic «وَ» (with its fatha) stays outside the span
    assert text[mentions[2].start - 2 : mentions[2].start] == "وَ"


def test_mentions_are_ordered_and_do_not_overlap() -> None:
    text = "التقى الوزير أمس الأول نظيره، ثم مساء أمس الاثنين، واليوم الثلاثاء 16 أيلول 2025."
    mentions = find_dates(text, TUE)
    assert [m.text for m in mentions] == [
        "أمس الأول",
        "مساء أمس الاثنين",
        "اليوم الثلاثاء 16 أيلول 2025",
    ]
    values = [m.value.value for m in mentions if m.value]
    assert values == ["2025-09-14", "2025-09-15", "2025-09-16"]
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


def test_offsets_with_presentation_forms_and_tatweel() -> None:
    # tatweel and a lam-alef ligature before the date must not shift the offsets
    text = "ﻻ شك أن الاجتـــماع عقد في 16 أيلول 2025 ببغداد"
    (m,) = find_dates(text, None)
    assert text[m.start : m.end] == "16 أيلول 2025" == m.text


# ---------------------------------------------------------------------------------------------
# weekday conflict


@pytest.mark.parametrize(
    ("expr", "published", "value", "conflict"),
    [
        ("الثلاثاء 16 أيلول 2025", None, "2025-09-16", False),
        ("الاثنين 16 أيلول 2025", None, "2025-09-16", True),
        ("اليوم الأربعاء 16 أيلول2025", TUE, "2025-09-16", True),
        ("يوم الجمعة الموافق 19 أيلول 2025", None, "2025-09-19", False),
        ("يوم السبت الموافق 19 أيلول 2025", None, "2025-09-19", True),
        ("الخميس (18 أيلول)", TUE, "2025-09-18", False),
        ("الثلاثاء، 16/9/2025", None, "2025-09-16", False),
        ("الأحد، 16/9/2025", None, "2025-09-16", True),
    ],
)
def test_weekday_conflict(expr: str, published: dt.date | None, value: str, conflict: bool) -> None:
    (m,) = find_dates(expr, published)
    assert m.text == expr
    assert m.value == DateValue(value, "date")  # the full date is kept either way
    assert m.weekday_conflict is conflict


def test_weekday_without_full_date_never_conflicts() -> None:
    (m,) = find_dates("اليوم الأربعاء", TUE)  # publication day is a Tuesday
    assert m.weekday_conflict is False
    assert m.value == DateValue("2025-09-10", "date")


# ---------------------------------------------------------------------------------------------
# things that are not dates


@pytest.mark.parametrize(
    "sentence",
    [
        "وفي اليوم التالي عقد الوفد اجتماعاً مع رئيس البرلمان",
        "وفي ذلك اليوم لم يصدر أي تعليق رسمي",
        "قال الأمين العام الحالي للأمم المتحدة إن الوضع خطير",
        "وأكد المدعي العام السابق للمحكمة أن الأدلة كافية",
        "مارس الجيش ضغوطاً كبيرة على الفصائل",
        "وصل الوفد على متن طائرة نيسان الخاصة",
        "وجرى حوار مطول بين الاثنين حول الملف النووي",
        "وقد غدا الوضع الإنساني في غزة كارثياً",
        "شارك الآلاف في صلاة الجمعة في المسجد الأقصى",
        "لامس الرئيس هموم المواطنين خلال جولته",
        "بلغ عدد الجنود 2025 جندياً في القاعدة",
        "وتوقف القتال قبل شهر من موعد الانتخابات",  # a month before another event, not a month ago
    ],
)
def test_not_a_date(sentence: str) -> None:
    assert find_dates(sentence, TUE) == []


def test_normalize_date_without_expression_is_none() -> None:
    assert normalize_date("التقى الوزيران في بغداد", TUE) is None
    assert normalize_date("", TUE) is None


def test_datetime_publication_is_accepted() -> None:
    published = dt.datetime(2025, 9, 16, 23, 30)
    assert normalize_date("أمس", published) == DateValue("2025-09-15", "date")


# ---------------------------------------------------------------------------------------------
# lexicon


def test_words_come_from_the_lexicon_file(tmp_path, monkeypatch) -> None:
    import kg.nlp.dates as dates

    raw = json.loads(dates.LEXICON_FILE.read_text(encoding="utf-8"))
    raw["weekdays"]["3"] = []  # no Thursday
    raw["gregorian_months"]["9"].append("سبتمبرو")  # an invented spelling
    edited = tmp_path / "dates.json"
    edited.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(dates, "LEXICON_FILE", edited)
    assert find_dates("دعا المندلاوي يوم الخميس روسيا", TUE) == []
    assert normalize_date("16 سبتمبرو 2025", None) == DateValue("2025-09-16", "date")



def test_bad_lexicon_is_one_clear_line(tmp_path) -> None:
    bad = tmp_path / "dates.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dates\.json: invalid JSON at line 1"):
        _load_lexicon(bad)
    bad.write_text(json.dumps({"gregorian_months": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"dates\.json: missing section"):
        _load_lexicon(bad)
