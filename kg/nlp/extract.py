"""Article → records: run the spaCy pipeline, then dates, mentions and events on its Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.arabic import reading_text
from kg.nlp.dates import find_dates
from kg.nlp.events import extract_events
from kg.nlp.lexicons import Lexicons, load_lexicons
from kg.nlp.mentions import extract_mentions
from kg.nlp.pipeline import load_pipeline
from kg.records import Article, ArticleRecords


def nlp_text(article: Article) -> str:
    """What spaCy reads for an article: its body as `kg.arabic.reading_text` gives it (hashtag
    marks as spaces; same length, so offsets stay offsets into the article)."""
    return reading_text(article.text)


def records_from_doc(article: Article, doc, lex: Lexicons) -> ArticleRecords:
    """Records of one article from the Doc of `nlp_text(article)`."""
    mentions = extract_mentions(doc, lex)
    dates = find_dates(doc.text, article.published)
    events = extract_events(doc, mentions, dates, lex, article.published.isoformat() if article.published else None)
    return ArticleRecords(article=article, entities=mentions.entities, events=events)


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
