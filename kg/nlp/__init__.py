"""NLP stage: spaCy pipeline, lexicon matchers, dates and events."""
