"""The chat page and its assets: served with the right types, a strict CSP, nothing external."""

import re

import pytest
from fastapi.testclient import TestClient

from app.api import web

ASSETS = {f"/static/{name}": media_type for name, media_type in web.ASSETS.items()}


def test_root_serves_the_chat_page_as_html(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<textarea id="question"' in response.text


def test_chat_page_has_a_csp_that_forbids_inline_and_third_party_scripts(
    client: TestClient,
) -> None:
    policy = client.get("/").headers["content-security-policy"]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy


@pytest.mark.parametrize(("path", "media_type"), ASSETS.items())
def test_asset_is_served_with_its_content_type_and_the_csp(
    client: TestClient, path: str, media_type: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert (
        response.headers["content-security-policy"]
        == client.get("/").headers["content-security-policy"]
    )


def test_every_asset_the_page_loads_is_served_and_nothing_else(client: TestClient) -> None:
    needed = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', client.get("/").text))
    for script in web.WEB_DIR.glob("*.js"):
        imports = re.findall(r'from "\./([^"]+)"', script.read_text(encoding="utf-8"))
        needed |= {f"/static/{name}" for name in imports}
    assert needed == set(ASSETS)


def test_unknown_asset_is_404(client: TestClient) -> None:
    assert client.get("/static/index.html").status_code == 404
    assert client.get("/static/..%2Fapi%2Fweb.py").status_code == 404


@pytest.mark.parametrize("path", ["/", *ASSETS])
def test_page_and_assets_name_no_external_url(client: TestClient, path: str) -> None:
    assert not re.search(r"https?://", client.get(path).text)


def test_page_has_no_inline_script_or_style(client: TestClient) -> None:
    page = client.get("/").text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "<style" not in page
    assert not re.search(r"\son[a-z]+=", page)
    assert not re.search(r"\sstyle=", page)


@pytest.mark.parametrize("script", sorted(p.name for p in web.WEB_DIR.glob("*.js")))
def test_script_never_inserts_text_as_html(script: str) -> None:
    source = (web.WEB_DIR / script).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source


def test_page_answers_head_requests(client: TestClient) -> None:
    assert client.head("/").status_code == 200
    assert client.head("/static/app.js").status_code == 200
