"""A client of the app with the admin key set, and helpers to upload and wait for jobs."""

import time
from typing import Any

from fastapi.testclient import TestClient

ADMIN_KEY = "library-test-admin"
ADMIN = {"X-API-Key": ADMIN_KEY}


def upload(
    client: TestClient, name: str, data: bytes, headers: dict[str, str] | None = None, **fields: str
) -> Any:
    """POST a file to /admin/documents and return the response."""
    return client.post(
        "/admin/documents",
        files={"file": (name, data, "application/octet-stream")},
        data=fields,
        headers=ADMIN if headers is None else headers,
    )


def wait_for_job(client: TestClient, job_id: str, seconds: float = 60) -> dict[str, Any]:
    """Poll the job until it ends and return it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/admin/jobs/{job_id}", headers=ADMIN).json()
        if job["state"] in ("done", "failed", "rolled_back"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not end within {seconds} s")


def added(client: TestClient, name: str, data: bytes, **fields: str) -> dict[str, Any]:
    """Upload a file, wait for its job and return the finished job."""
    response = upload(client, name, data, ADMIN, **fields)
    assert response.status_code == 202, response.text
    return wait_for_job(client, response.json()["id"])
