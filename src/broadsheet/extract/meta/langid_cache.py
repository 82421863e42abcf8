"""py3langid's model, decoded once into a cache folder and memory-mapped from then on.

py3langid ships its model as an LZMA-compressed `.npz` (4.5 MB that decode to 68 MB of
arrays); decoding it costs 0.4-0.6 s of CPU in every fresh process that identifies a
language, and an ingest's worker server pays it before any worker can start. The decoded
arrays are plain `.npy` files here, read back with `np.load(mmap_mode="r")` in a few
milliseconds (and shared through the page cache by every process that maps them).

Nothing is downloaded: the cache is derived from the installed package's own file and
keyed by its path, size and modification time (and this module's format), so another
py3langid version or model gets its own entry, and entries for models no longer
installed are removed when a new one is written. The identifier built from it is the one
`LanguageIdentifier.from_model_file` builds, array for array, so classifications do not
change. Where the folder cannot be written (read-only home, full disk) or an entry cannot
be read, the model is decoded as before: the cache only ever saves time.

Folder: `$XDG_CACHE_HOME/broadsheet/` (default `~/.cache/broadsheet/`). An entry is
written in a temporary folder and renamed into place, so a reader never sees half of one.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from array import array
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("broadsheet.extract")

#: Bumped whenever the files of an entry change shape or meaning.
FORMAT = 1
_PREFIX = "py3langid-"
#: The arrays of an entry, as (name, dtype). `nextmove` holds the DFA's distinct rows
#: (256 states each), `nextmove_row` each state's row, `out_feat` each state's feature.
_ARRAYS = (("ptc", "float16"), ("pc", "float32"), ("nextmove", "uint32"), ("nextmove_row", "uint16"),
           ("out_feat", "int32"))


def cache_root() -> Path:
    """Where broadsheet keeps derived files: `$XDG_CACHE_HOME/broadsheet` (or ~/.cache/...)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "broadsheet"


def entry_name(model: Path) -> str:
    """The entry's folder name: the model file's path, size and mtime, and `FORMAT`."""
    info = model.stat()
    key = f"{FORMAT}\x00{model.resolve()}\x00{info.st_size}\x00{info.st_mtime_ns}"
    return _PREFIX + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def load_identifier(norm_probs: bool = True) -> Any:
    """py3langid's `LanguageIdentifier` for its shipped model, from the cache where it can."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = Path(MODEL_DIR) / MODEL_FILE
    try:
        from py3langid.modelio import load_model
    except ImportError:  # an older py3langid (another model layout): decoded as it decodes it
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=norm_probs)
    root = cache_root()
    try:
        entry = root / entry_name(model)
    except OSError as exc:
        log.debug("language model %s: cannot stat it (%s); decoding it", model, exc)
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=norm_probs)
    parts = _read(entry)
    if parts is None:
        parts = load_model(model)
        _write(root, entry, model, parts)
    ptc, pc, classes, nextmove, row, output = parts
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output,
                              norm_probs=norm_probs, tk_row=row)


def _read(entry: Path) -> tuple[Any, ...] | None:
    """The model's parts as `py3langid.modelio.load_model` returns them, from an entry
    (None where there is none or it is not whole)."""
    if not entry.is_dir():
        return None
    try:
        arrays = {name: np.load(entry / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name, _ in _ARRAYS}
        classes = np.load(entry / "classes.npy", allow_pickle=False).tolist()
        for name, dtype in _ARRAYS:
            if arrays[name].dtype != np.dtype(dtype):
                raise ValueError(f"{name} is {arrays[name].dtype}, not {dtype}")
        ptc, pc, nextmove, row, out = (arrays[name] for name, _ in _ARRAYS)
        if ptc.ndim != 2 or pc.shape != (ptc.shape[1],) or len(classes) != ptc.shape[1]:
            raise ValueError("the class tables disagree")
        if nextmove.ndim != 1 or nextmove.size % 256 or row.shape != out.shape or not row.size:
            raise ValueError("the DFA tables disagree")
        if int(row.max()) >= nextmove.size // 256:
            raise ValueError("a state points past the DFA's rows")
        # The DFA is walked one byte at a time with Python indexing: a memoryview of the
        # mapped file indexes like the array('I') py3langid builds, without a 39 MB copy.
        table = np.ascontiguousarray(nextmove).data.cast("B").cast("I")
        rows = array("H")
        rows.frombytes(np.ascontiguousarray(row).tobytes())
        return ptc, pc, classes, table, rows, out.tolist()
    except (OSError, ValueError, TypeError) as exc:
        log.debug("language model cache %s cannot be read (%s); decoding the model", entry, exc)
        return None


def _write(root: Path, entry: Path, model: Path, parts: tuple[Any, ...]) -> None:
    """Save the decoded parts as an entry (atomically), and drop entries of models gone."""
    ptc, pc, classes, nextmove, row, output = parts
    tmp: str | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".tmp-" + _PREFIX, dir=root)
        values = {"ptc": ptc, "pc": pc, "nextmove": nextmove, "nextmove_row": row, "out_feat": output}
        for name, dtype in _ARRAYS:
            np.save(os.path.join(tmp, f"{name}.npy"), np.asarray(values[name], dtype=dtype), allow_pickle=False)
        np.save(os.path.join(tmp, "classes.npy"), np.array(classes), allow_pickle=False)
        Path(tmp, "source.txt").write_text(str(model), encoding="utf-8", errors="surrogateescape")
        try:
            os.rename(tmp, entry)
        except OSError:
            if not entry.is_dir():  # not another process having written it first
                raise
            return
        tmp = None
        _drop_stale(root, entry)
    except (OSError, ValueError) as exc:
        log.debug("language model cache not written to %s (%s)", root, exc)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _drop_stale(root: Path, keep: Path) -> None:
    """Remove the entries whose model file is gone or changed (another install's live model
    keeps its entry), and temporary folders a killed writer left an hour ago or more."""
    for other in root.iterdir():
        if other == keep or not other.is_dir():
            continue
        try:
            if other.name.startswith(".tmp-" + _PREFIX):
                stale = time.time() - other.stat().st_mtime > 3600
            elif other.name.startswith(_PREFIX):
                source = Path((other / "source.txt").read_text(encoding="utf-8", errors="surrogateescape"))
                stale = not source.is_file() or entry_name(source) != other.name
            else:
                continue
        except OSError:
            stale = other.name.startswith(_PREFIX)  # no readable source: not an entry this writes
        if stale:
            shutil.rmtree(other, ignore_errors=True)
