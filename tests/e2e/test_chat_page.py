"""The chat page in real Chromium against the real server, model and index."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Locator, Page, Route, expect

from app.config import Settings
from app.main import create_app
from tests.fakes import HashingEmbedder

pytestmark = pytest.mark.e2e

CORPUS_QUESTION = "Why does trust matter in a partnership?"
OFF_TOPIC = "How do I bake sourdough bread?"
ALLIANCES = "uncommon-alliances-2012"
HIGHLIGHTED = re.compile(r"\bis-highlighted\b")


def ask(page: Page, question: str) -> Locator:
    """Type a question, press Enter and return its exchange once the reply is in."""
    page.fill("#question", question)
    page.press("#question", "Enter")
    exchange = page.locator(".exchange").last
    expect(exchange.locator(".reply")).to_have_attribute("aria-busy", "false")
    return exchange


def test_corpus_question_gets_an_answer_with_citation_cards(page: Page, artifacts: Path) -> None:
    exchange = ask(page, CORPUS_QUESTION)
    expect(exchange.locator(".reply-answer")).to_be_visible()
    markers = exchange.locator(".answer-text a.marker")
    cards = exchange.locator(".card")
    expect(cards.first).to_be_visible()
    # A passage quoted twice is one card, its marker repeated in the answer.
    assert cards.count() == len(set(markers.all_inner_texts())) >= 1
    expect(cards.first.locator("mark")).not_to_be_empty()
    page.screenshot(path=artifacts / "screenshot.png")


def test_cards_mark_exactly_the_quoted_sentences(page: Page) -> None:
    response = page.request.post("/ask", data={"question": CORPUS_QUESTION}).json()
    exchange = ask(page, CORPUS_QUESTION)
    for citation in response["citations"]:
        card = exchange.locator(".card").nth(citation["marker"] - 1)
        text = citation["text"]
        quoted = [text[q["start"] : q["end"]].strip() for q in citation["quotes"]]
        expect(card.locator("mark")).to_have_count(len(quoted))
        assert [m.strip() for m in card.locator("mark").all_inner_texts()] == quoted


def test_a_decline_shows_the_servers_reason(page: Page) -> None:
    response = page.request.post("/ask", data={"question": OFF_TOPIC}).json()
    exchange = ask(page, OFF_TOPIC)
    expect(exchange.locator(".decline-reason")).to_have_text(response["reason"])


def test_clicking_a_marker_highlights_its_card(page: Page) -> None:
    exchange = ask(page, CORPUS_QUESTION)
    marker = exchange.locator("a.marker").last
    card = page.locator(marker.get_attribute("href") or "")
    marker.click()
    expect(card).to_have_class(HIGHLIGHTED)
    expect(card).to_have_attribute("aria-current", "true")
    expect(card).to_be_in_viewport()
    expect(exchange.locator(".card.is-highlighted")).to_have_count(1)


def test_marker_can_be_followed_with_the_keyboard(page: Page) -> None:
    exchange = ask(page, CORPUS_QUESTION)
    first_marker = exchange.locator("a.marker").first
    page.locator("#new-conversation").focus()
    page.keyboard.press("Tab")
    expect(first_marker).to_be_focused()
    page.keyboard.press("Enter")
    expect(exchange.locator(".card").first).to_have_class(HIGHLIGHTED)
    expect(exchange.locator(".card").first).to_be_focused()


def test_off_topic_question_is_told_the_sources_dont_cover_it(page: Page) -> None:
    exchange = ask(page, OFF_TOPIC)
    reply = exchange.locator(".reply-abstained")
    expect(reply).to_contain_text("The sources don't cover this.")
    expect(exchange.locator("a.marker")).to_have_count(0)
    expect(exchange.locator(".sources-title")).to_have_text("Further reading")
    expect(exchange.locator(".card").first).to_be_visible()
    expect(exchange.locator(".card mark")).to_have_count(0)


def test_markup_in_a_question_is_shown_literally_and_never_run(page: Page) -> None:
    question = 'Does <img src=x onerror="window.__xss=1"> trust <b>matter</b> in partnerships?'
    exchange = ask(page, question)
    expect(exchange.locator(".question-text")).to_have_text(question)
    expect(page.locator("#conversation img, #conversation b")).to_have_count(0)
    assert page.evaluate("window.__xss") is None


def test_browser_refuses_an_inline_script_on_the_page(page: Page, problems: list[str]) -> None:
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.__inline = 1";
                document.body.append(script);
            }"""
        )
    assert page.evaluate("window.__inline") is None
    problems.clear()  # the refusal is what this test expects, not a fault of the page


def test_more_context_shows_the_neighbouring_passages(page: Page) -> None:
    exchange = ask(page, CORPUS_QUESTION)
    card = exchange.locator(".card").first
    passage_id = card.get_attribute("data-passage-id")
    context = page.request.get(f"/passages/{passage_id}?around=1").json()
    neighbours = [p["text"] for p in context["previous"] + context["next"]]
    assert neighbours, "the cited passage should have a neighbour in its document"
    button = card.locator("button[data-action=context]")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    shown = card.locator(".context-passage .passage-text")
    expect(shown).to_have_count(len(neighbours))
    for text in neighbours:
        expect(card.locator(".context-passage", has_text=text[:60])).to_be_visible()


def test_copy_button_copies_the_quote_with_its_source(page: Page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    exchange = ask(page, CORPUS_QUESTION)
    card = exchange.locator(".card").first
    card.get_by_role("button", name="Copy quote").click()
    expect(card.locator(".card-status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    quote = " … ".join(m.strip() for m in card.locator("mark").all_inner_texts())
    title = card.locator(".card-title").inner_text()
    assert copied.startswith(f"“{quote.strip()}” — ")
    assert title.split("] ", 1)[1] in copied


def test_document_selector_lists_both_documents(page: Page) -> None:
    titles = [d["title"] for d in page.request.get("/documents").json()["documents"]]
    assert len(titles) == 2
    options = page.locator("#document option").all_inner_texts()
    assert options == ["All documents", *titles]


def test_question_restricted_to_one_document_cites_only_that_document(page: Page) -> None:
    page.select_option("#document", ALLIANCES)
    exchange = ask(page, "How do partners build trust?")
    title = page.locator(f"#document option[value='{ALLIANCES}']").inner_text()
    expect(exchange.locator(".scope")).to_have_text(f"In: {title}")
    for card_title in exchange.locator(".card-title").all_inner_texts():
        assert card_title.endswith(title)


def test_example_question_is_asked_when_clicked(page: Page) -> None:
    example = page.locator(".example").first
    question = example.locator(".example-text").inner_text()
    example.click()
    exchange = page.locator(".exchange").last
    expect(exchange.locator(".question-text")).to_have_text(question)
    expect(exchange.locator(".reply")).to_have_attribute("aria-busy", "false")
    expect(page.locator("#welcome")).to_be_hidden()


def test_shift_enter_adds_a_line_instead_of_sending(page: Page) -> None:
    page.locator("#question").press_sequentially("trust")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("and results")
    expect(page.locator("#question")).to_have_value("trust\nand results")
    expect(page.locator(".exchange")).to_have_count(0)


def test_earlier_exchanges_stay_on_the_page_newest_last(page: Page) -> None:
    ask(page, CORPUS_QUESTION)
    ask(page, OFF_TOPIC)
    expect(page.locator(".question-text")).to_have_text([CORPUS_QUESTION, OFF_TOPIC])


def test_new_conversation_clears_the_history(page: Page) -> None:
    ask(page, CORPUS_QUESTION)
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".exchange")).to_have_count(0)
    expect(page.locator("#welcome")).to_be_visible()
    expect(page.locator("#question")).to_be_focused()


def test_unreachable_server_is_reported_in_words(page: Page) -> None:
    page.route("**/ask", lambda route: route.abort("connectionrefused"))
    exchange = ask(page, CORPUS_QUESTION)
    expect(exchange.locator(".error-text")).to_contain_text("The server could not be reached")


def test_missing_index_shows_the_servers_detail(page: Page, tmp_path: Path) -> None:
    # The 503 body is the one the app really sends without an index, replayed to the page.
    settings = Settings(
        corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "none", model="hashing-fake"
    )
    with TestClient(create_app(settings, embedder=HashingEmbedder())) as client:
        unavailable = client.post("/ask", json={"question": CORPUS_QUESTION})
    assert unavailable.status_code == 503
    detail = unavailable.json()["detail"]

    def reply(route: Route) -> None:
        route.fulfill(status=503, content_type="application/json", body=unavailable.text)

    page.route("**/ask", reply)
    exchange = ask(page, CORPUS_QUESTION)
    expect(exchange.locator(".error-text")).to_contain_text("The search index is not available.")
    expect(exchange.locator(".error-text")).to_contain_text(detail)


def test_rejected_question_shows_the_validation_message(page: Page) -> None:
    # The text box's maxlength stops typing at 1000 characters; a value set by script does not
    # stop there, so the real server's 422 reaches the page.
    page.locator("#question").evaluate("(box, text) => { box.value = text; }", "trust " * 200)
    page.press("#question", "Enter")
    exchange = page.locator(".exchange").last
    expect(exchange.locator(".error-text")).to_contain_text("The question was not accepted.")
    expect(exchange.locator(".error-text")).to_contain_text("at most 1000 characters")
