"""API keys: the admin key guards /admin, optional keys guard the public API, probes stay open."""

import pytest
from pydantic import SecretStr

from app.api.security import key_matches
from app.config import Settings
from app.retrieval.index import Index
from tests.api.serving import client_with
from tests.fakes import HashingEmbedder


def test_admin_endpoints_are_disabled_without_an_admin_key(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index) as client:
        response = client.post("/admin/reload", headers={"X-API-Key": "anything"})
    assert response.status_code == 403
    assert "DOCQA_ADMIN_KEY" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}])
def test_reload_without_the_admin_key_is_401(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder, headers: dict[str, str]
) -> None:
    with client_with(settings, fake_embedder, built_index, admin_key="s3cret") as client:
        response = client.post("/admin/reload", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "key" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{"X-API-Key": "s3cret"}, {"Authorization": "Bearer s3cret"}])
def test_reload_accepts_the_admin_key_in_either_header(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder, headers: dict[str, str]
) -> None:
    with client_with(settings, fake_embedder, built_index, admin_key="s3cret") as client:
        assert client.post("/admin/reload", headers=headers).status_code == 200


def test_public_api_is_open_when_no_api_keys_are_set(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index) as client:
        assert client.post("/search", json={"query": "trust"}).status_code == 200
        assert client.get("/documents").status_code == 200


def test_public_api_refuses_a_request_without_a_valid_key_when_keys_are_set(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(settings, fake_embedder, built_index, api_keys=["k1", "k2"]) as client:
        missing = client.post("/search", json={"query": "trust"})
        wrong = client.get("/documents", headers={"X-API-Key": "k3"})
        metrics = client.get("/metrics")
    assert (missing.status_code, wrong.status_code, metrics.status_code) == (401, 401, 401)
    assert "X-API-Key" in missing.json()["detail"]


def test_any_configured_key_or_the_admin_key_opens_the_public_api(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(
        settings, fake_embedder, built_index, api_keys=["k1", "k2"], admin_key="adm"
    ) as client:
        for key in ("k1", "k2", "adm"):
            assert (
                client.post(
                    "/search", json={"query": "trust"}, headers={"X-API-Key": key}
                ).status_code
                == 200
            )
        assert client.get("/documents", headers={"Authorization": "Bearer k2"}).status_code == 200


def test_probes_stay_open_when_keys_are_set(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(
        settings, fake_embedder, built_index, api_keys=["k1"], admin_key="adm"
    ) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_public_keys_are_not_admin_keys(
    settings: Settings, built_index: Index, fake_embedder: HashingEmbedder
) -> None:
    with client_with(
        settings, fake_embedder, built_index, api_keys=["k1"], admin_key="adm"
    ) as client:
        assert client.post("/admin/reload", headers={"X-API-Key": "k1"}).status_code == 401


def test_key_comparison_handles_non_ascii_and_prefixes() -> None:
    keys = [SecretStr("clé-secrète"), SecretStr("abc")]
    assert key_matches("clé-secrète", keys)
    assert not key_matches("ab", keys)
    assert not key_matches("abcd", keys)
    assert not key_matches("ÿ", keys)
