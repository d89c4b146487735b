"""Language analysis with spaCy: the question understood once, each sentence known at ingest."""
