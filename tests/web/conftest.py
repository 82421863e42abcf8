"""Fixtures for the web tests: one corpus built per session, a client on it."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests.web.pages import add_crafted, build

NO_WEB = "the web extra (starlette, jinja2, uvicorn) is not installed"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("web")
    corpus = build(folder)
    return corpus, add_crafted(corpus)


@pytest.fixture(scope="session")
def corpus(built: tuple[Path, list[str]]) -> Path:
    return built[0]


@pytest.fixture(scope="session")
def crafted_id(built: tuple[Path, list[str]]) -> str:
    return built[1][0]


@pytest.fixture(scope="session")
def client(corpus: Path):
    pytest.importorskip("starlette", reason=NO_WEB)
    from broadsheet.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's deprecation note about httpx
        from starlette.testclient import TestClient

        with TestClient(create_app(corpus, warm=False), base_url="http://127.0.0.1") as c:
            yield c


def ids_by_url(client) -> dict[str, str]:
    """Every record's id by URL (originals and duplicates)."""
    out = {}
    for r in client.get("/api/search", params={"per_page": 100}).json()["results"]:
        out[r["url"]] = r["id"]
        for d in client.get(f"/api/article/{r['id']}").json()["duplicates"]:
            out[d["url"]] = d["id"]
    return out
