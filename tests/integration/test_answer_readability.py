"""Answers to the dev questions read as whole sentences: at least 90% carry no quoted piece in
the writer's voice, no fragment, no cut-off sentence and no dangling opening."""

import json

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from app.evaluation.devset import quoted_pieces
from app.evaluation.readability import faults_of, spacy_main_verb
from tests.conftest import DEV_SET

pytestmark = pytest.mark.slow


def test_at_least_nine_in_ten_dev_answers_are_clean(real_client: TestClient, nlp: Language) -> None:
    has_main_verb = spacy_main_verb(nlp)
    answered, clean = 0, 0
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        question = json.loads(line)["question"]
        body = real_client.post("/ask", json={"question": question}).json()
        if body["abstained"]:
            continue
        answered += 1
        pieces = quoted_pieces(body)
        clean += not any(faults_of(piece, has_main_verb) for _, _, piece in pieces)
    assert answered >= 40
    assert clean / answered >= 0.9


def test_every_segment_is_verbatim_where_it_says(real_client: TestClient) -> None:
    for line in DEV_SET.read_text(encoding="utf-8").splitlines()[:30]:
        body = real_client.post("/ask", json={"question": json.loads(line)["question"]}).json()
        texts = {c["passage_id"]: c["text"] for c in body["citations"]}
        for segment in body["segments"]:
            assert (
                texts[segment["passage_id"]][segment["start"] : segment["end"]] == segment["text"]
            )
