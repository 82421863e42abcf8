"""The corpus keeps its near-duplicate threshold; readers never re-key it (review R9, finding 2)."""
from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path
from typing import Callable

import pytest

from broadsheet.cli import EXIT_USAGE, main
from broadsheet.corpus import Corpus
from broadsheet.errors import InputError


def _words(seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"v{rng.randrange(5000)}" for _ in range(400)]


def _near(words: list[str]) -> list[str]:
    changed = list(words)
    changed[200] = "changed"
    return changed


def _rec(name: str, words: list[str]) -> dict[str, str]:
    return {"url": f"https://paper.example/{name}", "title": name, "text": " ".join(words)}


def _meta(path: Path, key: str) -> str | None:
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def test_a_reader_leaves_a_writers_index_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    a, x = _words(1), _words(2)
    writer = Corpus(path, threshold=0.6)  # a long ingest --threshold 0.6
    try:
        assert writer.add(_rec("a", a)).status == "stored"
        writer.commit()
        with Corpus(path) as reader:  # search or export meanwhile
            assert reader.threshold == 0.6 and len(reader) == 1
        assert writer.add(_rec("a2", _near(a))).kind == "near"
        assert writer.add(_rec("x", x)).status == "stored"
    finally:
        writer.close()
    assert _meta(path, "lsh_shape") == "18x7" and _meta(path, "threshold") == "0.6"
    with Corpus(path) as later:  # a later run without --threshold: the corpus's own
        assert later.add(_rec("x2", _near(x))).kind == "near"
        assert later.add(_rec("a3", _near(a))).kind == "near"


def test_another_threshold_is_refused_unless_rekeyed(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add(_rec("a", _words(1)))
    with pytest.raises(InputError, match="threshold 0.6, not 0.8.*--rekey"):
        Corpus(path, threshold=0.8)
    assert _meta(path, "lsh_shape") == "18x7"
    with Corpus(path, threshold=0.6) as same:  # the stored one, given again: fine
        assert same.threshold == 0.6
    with Corpus(path, threshold=0.8, rekey=True) as corpus:
        assert corpus.threshold == 0.8
    assert _meta(path, "lsh_shape") == "9x13" and _meta(path, "threshold") == "0.8"


@pytest.mark.parametrize("joined", [False, True], ids=["own transaction", "joins a SAVEPOINT"])
def test_a_writer_stops_when_another_process_rekeys(tmp_path: Path, joined: bool) -> None:
    """Checked where the writer's transaction begins, and where a write joins one already
    open on the connection (the crawl's state SAVEPOINTs)."""
    path = tmp_path / "c.sqlite"
    a = _words(1)
    writer = Corpus(path, threshold=0.6)
    try:
        writer.add(_rec("a", a))
        writer.commit()
        with Corpus(path, threshold=0.8, rekey=True):
            pass
        if joined:
            writer.db.execute("SAVEPOINT crawl_state")
        with pytest.raises(InputError, match="re-keyed"):
            writer.add(_rec("a2", _near(a)))
        if joined:
            writer.db.execute("ROLLBACK TO crawl_state")
            writer.db.execute("RELEASE crawl_state")
    finally:
        writer.close()
    with Corpus(path) as corpus:
        assert len(corpus) == 1 and corpus.add(_rec("a2", _near(a))).kind == "near"


def test_an_older_corpus_without_its_threshold(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    a = _words(1)
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add(_rec("a", a))
        corpus.db.execute("DELETE FROM meta WHERE key = 'threshold'")  # as versions before it wrote one
    with Corpus(path) as reader:
        estimate = reader.threshold
        assert estimate == 0.6  # from its 18x7 shape: the roundest threshold that gives it
    assert _meta(path, "threshold") is None  # a reader writes nothing
    with Corpus(path) as writer:
        assert writer.add(_rec("a2", _near(a))).kind == "near"
    assert _meta(path, "threshold") == repr(estimate) and _meta(path, "lsh_shape") == "18x7"


def test_cli_threshold_checks(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.sqlite"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text("<html><body><article><p>" + " ".join(_words(1)) + "</p></article></body></html>")
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--threshold", "0.999", "--workers", "1", "-q"]) == EXIT_USAGE
    assert "too close to 1" in capsys.readouterr().err and not corpus.exists()
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--threshold", "0.6", "--workers", "1", "-q"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--threshold", "0.7", "--workers", "1", "-q"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--rekey" in err and len(err.strip().splitlines()) == 1
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--workers", "1", "-q"]) == 0
    assert main(["search", "--corpus", str(corpus), "v10*"]) == 0
    assert _meta(corpus, "threshold") == "0.6"
    assert main(["ingest", str(pages), "--corpus", str(corpus), "--threshold", "0.7", "--rekey", "--workers", "1",
                 "-q"]) == 0
    assert _meta(corpus, "threshold") == "0.7" and _meta(corpus, "lsh_shape") == "14x9"


def _older(path: Path, threshold: float, words: list[str]) -> None:
    """A corpus as versions before meta.threshold made it at `threshold` (its shape kept, not its threshold)."""
    with Corpus(path, threshold=threshold) as corpus:
        corpus.add(_rec("a", words))
        corpus.db.execute("DELETE FROM meta WHERE key = 'threshold'")


@pytest.mark.parametrize("made_at", [0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 0.85, 0.9, 0.95])
def test_an_older_corpus_takes_the_roundest_threshold_of_its_shape(tmp_path: Path, made_at: float) -> None:
    """Review R10 finding 1: the middle hundredth was 0.61 for a corpus made at 0.6 (and its
    own --threshold 0.6 was then refused); a tenth, else a twentieth, is what people give."""
    path = tmp_path / "c.sqlite"
    _older(path, made_at, _words(1))
    with Corpus(path) as reader:
        assert reader.threshold == made_at


def test_an_older_corpus_accepts_another_threshold_of_its_shape(tmp_path: Path) -> None:
    """Its stored threshold was only guessed: one giving the same shape is no re-key, only kept."""
    path = tmp_path / "c.sqlite"
    a = _words(1)
    _older(path, 0.6, a)
    with Corpus(path, threshold=0.62) as corpus:  # 18x7 as 0.6 (no rekey): read-only until it writes
        assert corpus.threshold == 0.62
    assert _meta(path, "threshold") is None
    with Corpus(path, threshold=0.62) as corpus:
        assert corpus.add(_rec("a2", _near(a))).kind == "near"
    assert _meta(path, "threshold") == "0.62" and _meta(path, "lsh_shape") == "18x7"
    with pytest.raises(InputError, match="threshold 0.62, not 0.6"):  # kept now: another needs --rekey
        Corpus(path, threshold=0.6)
    older = tmp_path / "d.sqlite"
    _older(older, 0.6, a)
    with pytest.raises(InputError, match="threshold 0.6, not 0.8.*--rekey"):  # another shape: a re-key
        Corpus(older, threshold=0.8)


def _bands(path: Path) -> set[int]:
    """How many band keys each stored article has (one number where the index is whole)."""
    with sqlite3.connect(path) as db:
        return {n for (n,) in db.execute("SELECT count(*) FROM lsh GROUP BY seq")}


def _in_turn(opener: Callable[[], Corpus], meanwhile: Callable[[], None], then: Callable[[Corpus], object]) -> object:
    """Run `opener` and then `then` on another thread, holding that thread at its first write
    transaction (`Corpus._begin`) until `meanwhile` has run here: what a second process does
    between another's reading of `meta` and its taking the write lock (review R10 finding 2)."""
    at_gate, go = threading.Event(), threading.Event()
    begin = Corpus._begin
    outcome: list[object] = []

    def gated(self: Corpus) -> None:
        if threading.current_thread().name == "second" and not at_gate.is_set():
            at_gate.set()
            go.wait(10)
        begin(self)

    def second() -> None:
        try:
            corpus = opener()
            try:
                outcome.append(then(corpus))
            finally:
                corpus.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)
        finally:
            at_gate.set()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Corpus, "_begin", gated)
        thread = threading.Thread(target=second, name="second")
        thread.start()
        assert at_gate.wait(10)
        meanwhile()
        go.set()
        thread.join(10)
    assert not thread.is_alive()
    return outcome[0]


def test_two_rekeys_at_once_leave_one_shape(tmp_path: Path) -> None:
    """B decides from 18x7 to re-key to 0.62 (no rebuild), A re-keys to 0.8 (9x13) first: B
    must decide again under the lock (a rebuild), not write 18x7 over A's 9x13 bands."""
    path = tmp_path / "c.sqlite"
    a = _words(1)
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add(_rec("a", a))
        corpus.add(_rec("x", _words(2)))

    def rekey_to_08() -> None:
        with Corpus(path, threshold=0.8, rekey=True):
            pass

    outcome = _in_turn(lambda: Corpus(path, threshold=0.62, rekey=True), rekey_to_08, lambda c: c.threshold)
    assert outcome == 0.62
    assert _meta(path, "lsh_shape") == "18x7" and _meta(path, "threshold") == "0.62" and _bands(path) == {18}
    with Corpus(path) as later:
        assert later.add(_rec("a2", _near(a))).kind == "near"


def test_a_corpus_created_by_two_at_once(tmp_path: Path) -> None:
    """B opens a new corpus (no threshold), A creates it at 0.6 and stores an article before
    B's first write: B keys as A's corpus does, and writes no settings of its own."""
    path = tmp_path / "c.sqlite"
    a = _words(1)

    def create_at_06() -> None:
        with Corpus(path, threshold=0.6) as corpus:
            corpus.add(_rec("a", a))

    outcome = _in_turn(lambda: Corpus(path), create_at_06, lambda c: c.add(_rec("a2", _near(a))).kind)
    assert outcome == "near"
    assert _meta(path, "lsh_shape") == "18x7" and _meta(path, "threshold") == "0.6" and _bands(path) == {18}
    with Corpus(path) as later:
        assert later.add(_rec("a3", _near(a))).kind == "near"


def test_a_threshold_for_a_new_corpus_another_created_meanwhile(tmp_path: Path) -> None:
    """B asks 0.8 of a new corpus, A creates it at 0.6 first: B is refused, and A's index stays."""
    path = tmp_path / "c.sqlite"
    a = _words(1)

    def create_at_06() -> None:
        with Corpus(path, threshold=0.6) as corpus:
            corpus.add(_rec("a", a))

    outcome = _in_turn(lambda: Corpus(path, threshold=0.8), create_at_06, lambda c: c.threshold)
    assert isinstance(outcome, InputError) and "threshold 0.6, not 0.8" in str(outcome)
    assert _meta(path, "lsh_shape") == "18x7" and _meta(path, "threshold") == "0.6" and _bands(path) == {18}


def test_a_reader_of_a_new_corpus_writes_no_settings(tmp_path: Path) -> None:
    """A search or export opening a corpus being created must not give it the default shape."""
    path = tmp_path / "c.sqlite"
    with Corpus(path) as reader:
        assert reader.threshold == 0.8 and len(reader) == 0
    assert _meta(path, "lsh_shape") is None and _meta(path, "threshold") is None
    with Corpus(path, threshold=0.6) as writer:  # the creator, a moment later: not refused
        writer.add(_rec("a", _words(1)))
    assert _meta(path, "lsh_shape") == "18x7" and _meta(path, "threshold") == "0.6"


def test_the_documented_example_opens_a_corpus_kept_at_another_threshold(tmp_path: Path) -> None:
    """broadsheet.corpus's example (review R10 small point: it passed threshold=0.8, which any
    corpus kept at another threshold refuses), run as written on a corpus made at 0.6."""
    import re

    import broadsheet.corpus

    call = re.search(r"with (Corpus\(.*?\)) as corpus:", broadsheet.corpus.__doc__ or "")
    assert call is not None
    path = tmp_path / "broadsheet.sqlite"
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add(_rec("a", _words(1)))
    example = call.group(1).replace('"broadsheet.sqlite"', repr(str(path)))
    with eval(example, {"Corpus": Corpus}) as corpus:  # noqa: S307 - our own docstring
        assert corpus.threshold == 0.6 and len(corpus) == 1


def test_a_writer_rekeyed_before_its_first_write_takes_the_new_index(tmp_path: Path) -> None:
    """Nothing keyed yet, so nothing to stop for: it keys as the corpus now does."""
    path = tmp_path / "c.sqlite"
    a = _words(1)
    with Corpus(path, threshold=0.6) as corpus:
        corpus.add(_rec("a", a))
    writer = Corpus(path)  # an ingest without --threshold, opened
    try:
        with Corpus(path, threshold=0.8, rekey=True):  # another process re-keys
            pass
        assert writer.add(_rec("a2", _near(a))).kind == "near" and writer.threshold == 0.8
    finally:
        writer.close()
    asked = Corpus(path, threshold=0.8)  # one that asked for what the corpus had then
    try:
        with Corpus(path, threshold=0.6, rekey=True):
            pass
        with pytest.raises(InputError, match="threshold 0.6, not 0.8"):
            asked.add(_rec("x", _words(2)))
    finally:
        asked.close()
    assert _meta(path, "lsh_shape") == "18x7" and _bands(path) == {18}
