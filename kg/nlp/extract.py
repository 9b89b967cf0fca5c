"""Article → records: run the spaCy pipeline, then dates, mentions and events on its Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.arabic import marked_span, reading_text, unmarked
from kg.nlp.dates import find_dates
from kg.nlp.events import extract_events
from kg.nlp.lexicons import Lexicons, load_lexicons
from kg.nlp.mentions import extract_mentions
from kg.nlp.pipeline import load_pipeline
from kg.records import Article, ArticleRecords, Span


def nlp_text(article: Article) -> str:
    """What spaCy reads for an article: its body without vowel marks and tatweel
    (`kg.arabic.unmarked`), with hashtag marks as spaces (`kg.arabic.reading_text`)."""
    return reading_text(unmarked(article.text)[0])


def records_from_doc(article: Article, doc, lex: Lexicons) -> ArticleRecords:
    """Records of one article from the Doc of `nlp_text(article)`, every offset an offset into
    the article as written."""
    mentions = extract_mentions(doc, lex)
    dates = find_dates(doc.text, article.published)
    events = extract_events(doc, mentions, dates, lex, article.published.isoformat() if article.published else None)
    records = ArticleRecords(article=article, entities=mentions.entities, events=events)
    if len(doc.text) != len(article.text):  # marks were taken out (`nlp_text`): offsets go back
        kept = unmarked(article.text)[1]
        if kept is not None:
            _to_marked(records, kept)
    return records


def _to_marked(records: ArticleRecords, kept: list[int]) -> None:
    """Offsets read in the unmarked text, moved back onto the article as written; a mention's
    text and an event's trigger are quoted as written too («محمَّد مرسي», «أكّد»). An entity's
    name keeps its unmarked form («محمد مرسي»), so the written form is one of its aliases."""
    text = records.article.text

    def back(span: Span) -> Span:
        return Span(*marked_span(span.start, span.end, kept, text))

    for ent in records.entities:
        for m in ent.mentions:
            m.span, m.sentence = back(m.span), back(m.sentence)
            m.text = " ".join(text[m.span.start:m.span.end].split())
        for r in ent.roles:
            r.span, r.sentence = back(r.span), back(r.sentence)
    for ev in records.events:
        ev.evidence = back(ev.evidence)
        sentence = text[ev.evidence.start:ev.evidence.end]
        if ev.trigger not in sentence:
            plain, where = unmarked(sentence)
            at = plain.find(ev.trigger)
            if at >= 0 and where is not None:
                ev.trigger = sentence[slice(*marked_span(at, at + len(ev.trigger), where, sentence))]


def extract_articles(
    articles: Iterable[Article], nlp: Language | None = None, lex: Lexicons | None = None, batch_size: int = 16
) -> Iterator[ArticleRecords]:
    """Records for each article, streaming: spaCy's `pipe` batches the texts."""
    nlp = nlp or load_pipeline()
    lex = lex or load_lexicons()
    pending = list(articles)
    docs = nlp.pipe((nlp_text(a) for a in pending), batch_size=batch_size)
    for article, doc in zip(pending, docs):
        yield records_from_doc(article, doc, lex)


def extract_article(article: Article, nlp: Language | None = None, lex: Lexicons | None = None) -> ArticleRecords:
    return next(extract_articles([article], nlp, lex))
