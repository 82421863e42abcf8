"""Exporting the corpus: JSON Lines, Parquet, Markdown, and plain text for model training.

JSONL and Parquet carry the same columns (`EXPORT_FIELDS`: the record's, plus typed dates):
Parquet types them (lists of strings, a struct for `sources`, a list of block structs,
`published_at`/`modified_at` as `timestamp[us, UTC]` beside the page's own date strings),
so pandas, polars, DuckDB and Hugging Face `datasets` read it as they would the JSON; JSON
has no timestamp type, so JSONL writes those instants as ISO 8601 UTC strings ending in
`Z`. `columns=` keeps only some columns (both formats; the README's table lists them). The `corpus` text format is, per
article, a line `date YYYY-MM-DD URL` (`date unknown URL` without a date), a blank line,
the title, a blank line and the body, articles separated by a line holding a form feed.
That separator is unforgeable: a form feed inside a title, URL or text (the extractor keeps
one in a code block) is written as a line break (`corpus.repair.unforgeable`), since any
reader splitting at form feeds, `broadsheet repair` among them, would take one for the start
of another article, whose date line, URL and title the page's text could then choose.
Duplicates are left out unless asked for; everything streams, in insertion order.

Nothing is written over the corpus being exported: `export(..., protect=corpus_files(p))`
refuses an `--out` that is the corpus or its -wal/-shm/-journal file (by real path, and by
inode for hard links) before opening anything (a `--out` equal to the corpus used to
truncate it to 0 bytes). fsspec URLs are checked before anything is read: an unknown
protocol, or one whose package is missing, is an InputError naming it. A file is written
under a temporary name beside it and renamed over `out` only once complete (`replacing`):
an interrupted or failed export leaves the previous file, never a short one. Where a rename
would be wrong (a pipe or device, a file with hard links) or no temporary file can be made
beside a writable `out`, `out` is written in place, as `open(out, "w")` would.
"""
from __future__ import annotations

import errno
import json
import os
import secrets
import stat
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from broadsheet.corpus.records import DATE_COLUMNS, EXPORT_FIELDS, typed_dates, utc_text
from broadsheet.corpus.repair import RECORD_SEPARATOR, unforgeable
from broadsheet.errors import InputError
from broadsheet.jsonlines import json_line
from broadsheet.model import META_FIELDS, Article

FORMATS = ("jsonl", "parquet", "markdown", "corpus")
ROW_GROUP = 1000

_BLOCK = pa.struct(
    [
        ("kind", pa.string()),
        ("text", pa.string()),
        ("level", pa.int32()),
        ("ordered", pa.bool_()),
        ("src", pa.string()),
        ("rows", pa.list_(pa.list_(pa.string()))),
    ]
)
_LISTS = {"authors", "tags"}
#: Field -> where its value came from; one struct field per record field that can have one.
SOURCES_TYPE = pa.struct([(name, pa.string()) for name in (*META_FIELDS, "text")])
TIMESTAMP = pa.timestamp("us", tz="UTC")
_INSTANTS = {at for at, _offset in DATE_COLUMNS.values()}
_OFFSETS = {offset for _at, offset in DATE_COLUMNS.values()}


def column_type(name: str) -> pa.DataType:
    """The Parquet type of an export column."""
    if name in _LISTS:
        return pa.list_(pa.string())
    if name == "sources":
        return SOURCES_TYPE
    if name == "blocks":
        return pa.list_(_BLOCK)
    if name in _INSTANTS:
        return TIMESTAMP
    if name in _OFFSETS:
        return pa.int16()
    return pa.string()


def check_columns(columns: Iterable[str] | None) -> tuple[str, ...]:
    """The export columns to write, in the order given; InputError naming an unknown one."""
    if columns is None:
        return EXPORT_FIELDS
    picked = tuple(dict.fromkeys(c.strip() for c in columns if c.strip()))
    unknown = [c for c in picked if c not in EXPORT_FIELDS]
    if unknown:
        raise InputError(f"unknown column {unknown[0]!r}; the columns are: {', '.join(EXPORT_FIELDS)}")
    if not picked:
        raise InputError("no columns given; the columns are: " + ", ".join(EXPORT_FIELDS))
    return picked


def arrow_schema(extra: Iterable[tuple[str, pa.DataType]] = (), columns: Iterable[str] | None = None) -> pa.Schema:
    """The Parquet schema of exported records (`columns`: those only; `extra` columns for Dask shards)."""
    fields = [pa.field(name, column_type(name)) for name in check_columns(columns)]
    return pa.schema(fields + [pa.field(n, t) for n, t in extra])


def export_record(record: Mapping[str, Any], columns: tuple[str, ...] = EXPORT_FIELDS) -> dict[str, Any]:
    """A record with its typed date columns added (instants as datetimes), `columns` only."""
    dated = {**record, **typed_dates(record)}
    return {name: dated.get(name) for name in columns}


def json_record(record: Mapping[str, Any], columns: tuple[str, ...] = EXPORT_FIELDS) -> dict[str, Any]:
    """An exported record in JSON types (instants as ISO 8601 UTC text ending in `Z`)."""
    out = export_record(record, columns)
    for name in _INSTANTS & out.keys():
        out[name] = utc_text(out[name])
    return out


def _arrow_ready(record: Mapping[str, Any]) -> dict[str, Any]:
    out = {**record, **typed_dates(record)}
    sources = record.get("sources") or {}
    out["sources"] = {name: sources.get(name) for name in SOURCES_TYPE.names} if sources else None
    return out


def write_parquet(records: Iterable[Mapping[str, Any]], sink: Any, schema: pa.Schema | None = None) -> int:
    """Stream records into a Parquet file (a path or a binary file object)."""
    schema = schema or arrow_schema()
    count = 0
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(_arrow_ready(record))
            if len(batch) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def corpus_text(record: Mapping[str, Any]) -> str:
    """One article in the `corpus` plain-text format (without the separator; none inside)."""
    date = unforgeable((record.get("date_published") or "")[:10], line=True).replace(" ", "") or "unknown"
    url = unforgeable(record.get("url") or record.get("canonical_url") or "", line=True).replace(" ", "%20")
    title = unforgeable(record.get("title") or "", line=True).strip()
    text = unforgeable(record.get("text") or "").strip()
    return f"date {date} {url}".rstrip() + f"\n\n{title}\n\n{text}\n"


def markdown(record: Mapping[str, Any]) -> str:
    """One article as Markdown, with its metadata as front matter (JSON values are YAML)."""
    head = ["---"]
    for name in ("id", "url", "title", "authors", "date_published", "site_name", "language", "tags", "duplicate_of"):
        value = record.get(name)
        if value:
            head.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    head.append("---")
    body = Article.from_dict(record).to_markdown()
    return "\n".join(head) + "\n\n" + body


def check_url(url: str) -> None:
    """Raise InputError unless fsspec can write `url` (known protocol, its package installed)."""
    try:
        import fsspec
    except ImportError:
        raise InputError(f"writing to {url} needs fsspec: pip install 'broadsheet[dask]'") from None
    if not url.rsplit("::", 1)[-1].split("://", 1)[-1]:
        raise InputError(f"{url} names no file: give a path after the ://")
    for part in url.split("::"):  # chained URLs: simplecache::s3://bucket/key
        if "://" not in part:
            continue
        protocol = part.split("://", 1)[0]
        try:
            fsspec.get_filesystem_class(protocol)
        except ValueError:
            raise InputError(
                f"{url}: unknown storage protocol {protocol!r}; give a path, or a URL fsspec knows (file://, s3://, gs://, memory://...)"
            ) from None
        except ImportError as exc:
            raise InputError(f"{url}: the {protocol}:// protocol needs a package that is not installed ({exc})") from None


def _fsspec_open(url: str, mode: str, **kwargs: Any) -> Any:
    """fsspec.open, with an install hint where fsspec is missing (it comes with the dask extra)."""
    check_url(url)
    import fsspec

    return fsspec.open(url, mode, **kwargs)


def corpus_files(path: str | os.PathLike[str]) -> list[str]:
    """The files SQLite keeps for a corpus: the database, its WAL, shared memory and journal.

    A corpus given as a symlink has these beside its target (SQLite names them after the
    resolved path), so those names are listed too.
    """
    names: list[str] = []
    for base in dict.fromkeys([os.fspath(path), os.path.realpath(path)]):
        names += [base, base + "-wal", base + "-shm", base + "-journal"]
    return names


def local_path(out: str) -> str | None:
    """The local path `out` names (a plain path, or a URL whose last part fsspec maps to the
    local filesystem: `local:///x` and `simplecache::file:///x` write /x too), else None."""
    if "://" not in out:
        return out
    last = out.rsplit("::", 1)[-1]
    if last.startswith("file://"):
        return last[len("file://"):]
    try:
        import fsspec
        from fsspec.implementations.local import LocalFileSystem

        fs, path = fsspec.core.url_to_fs(last)
    except Exception:  # an unknown protocol or a missing driver: check_url says so
        return None
    return path if isinstance(fs, LocalFileSystem) else None


def check_out(out: str, protect: Iterable[str | os.PathLike[str]], flag: str = "--out") -> None:
    """Raise InputError when writing `out` would overwrite one of the `protect` files.

    Compared by real path (symlinks, `..`, a URL of the local filesystem: `file://`,
    `local://`, `simplecache::file://`) and, where both exist, by inode (a hard link). A folder that merely contains them is fine (markdown's one file per
    article never takes their names).
    """
    target = local_path(out)
    if target is None or target == "-" or not target:
        return
    real = os.path.realpath(target)
    for path in protect:
        same = os.path.realpath(path) == real
        if not same:
            try:
                same = os.path.samefile(target, path)
            except (OSError, ValueError):
                same = False
        if same:
            raise InputError(f"{flag} {out} is the corpus file {os.fspath(path)}: writing it would destroy the corpus; "
                             "give another path")


#: Bytes of the output's name kept in its temporary file's name, so that any valid name
#: (up to NAME_MAX, 255 bytes) still leaves room for the `.` prefix and random suffix.
_TEMP_STEM = 100

#: Why a temporary file may not be creatable beside an output that can still be written
#: in place: a folder the user cannot write to, a read-only mount, a name too long.
_IN_PLACE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENAMETOOLONG})


def _temporary(folder: str, name: str) -> str:
    """Create `.NAME.XXXXXXXX.partial` in `folder` and return its path.

    Created by os.open with mode 0o666, so the kernel applies the process umask as it does
    to a new `out` (reading the umask would mean setting it, process-wide, for a moment).
    NAME is cut to `_TEMP_STEM` bytes.
    """
    stem = name
    while len(os.fsencode(stem)) > _TEMP_STEM:
        stem = stem[:-1]
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.partial")
        try:
            os.close(os.open(temp, flags, 0o666))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(errno.EEXIST, "no free temporary name beside it", os.path.join(folder, f".{stem}.*"))


@contextmanager
def replacing(out: str) -> Iterator[str]:
    """The path to write in place of the file `out`: a temporary file beside it, renamed over
    `out` only when the block ends without an exception and deleted when it does not, so an
    interrupted or failed write leaves the old `out` (or none), never a short file that reads
    as complete (a Parquet writer closed by an exception still writes a valid footer).

    A symlink's target is the one replaced; the temporary file takes an existing target's
    mode (and its owner, where the process may give it), a new one gets 0o666 less the umask.
    `out` itself is written in place, as `open(out, "w")` would, where a rename would be wrong:
    - it exists and is not a regular file (/dev/null, a FIFO, `/dev/stdout` or a `/dev/fd/N`
      of a pipe): a rename would replace the device or pipe itself. Decided on `os.stat(out)`,
      which follows /proc's magic links (their realpath, `pipe:[N]`, names nothing);
    - it has hard links (st_nlink > 1): a rename would leave the other names the old content;
    - no temporary file can be made beside it (a folder the user cannot write to, a read-only
      or too long name: `_IN_PLACE_ERRNOS`) while `out` itself is writable.
    There an interrupted write leaves a short file, as before write-then-rename.
    """
    try:
        found: os.stat_result | None = os.stat(out)
    except OSError:  # missing (or a dangling link): created below
        found = None
    if found is not None and (not stat.S_ISREG(found.st_mode) or found.st_nlink > 1):
        yield out
        return
    target = os.path.realpath(out) if os.path.islink(out) else out
    folder, name = os.path.split(os.path.abspath(target))
    try:
        temp = _temporary(folder, name)
    except OSError as exc:
        if found is not None and exc.errno in _IN_PLACE_ERRNOS and os.access(out, os.W_OK):
            yield out
            return
        raise OSError(exc.errno, exc.strerror, out) from None
    try:
        try:
            if found is not None:
                if os.name == "posix" and (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
                    with suppress(OSError):  # only root (or a group the user is in) may
                        os.chown(temp, found.st_uid, found.st_gid)
                os.chmod(temp, found.st_mode & 0o7777)  # after chown, which clears set-id bits
            yield temp
            os.replace(temp, target)
        except OSError as exc:  # reported as the output's, not the temporary file's
            if exc.filename != temp:
                raise
            raise OSError(exc.errno, exc.strerror, out) from None
    except BaseException:
        with suppress(OSError):
            os.remove(temp)
        raise


@contextmanager
def _replacing_url(url: str) -> Iterator[str]:
    """`replacing` for an fsspec URL: written to `URL.partial`, moved over `URL` at the end
    (deleted after an exception). A chained URL (`simplecache::s3://...`) is written in place.
    A local one (`file://`) is `replacing` its path: a device, pipe, symlink or hard link is
    then handled as for a plain path (a move replaced /dev/stdout itself, review R11)."""
    if "::" in url:
        yield url
        return
    import fsspec
    from fsspec.implementations.local import LocalFileSystem

    fs, path = fsspec.core.url_to_fs(url)
    if isinstance(fs, LocalFileSystem):
        with replacing(path) as local:
            yield local
        return
    partial = f"{url}.partial"
    try:
        yield partial
        fs.mv(f"{path}.partial", path)
    except BaseException:
        with suppress(Exception):
            fs.rm(f"{path}.partial")
        raise


@contextmanager
def text_out(out: str) -> Iterator[IO[str]]:
    """A text file to write `out` through: stdout for `-`, an fsspec URL through
    `_replacing_url`, a path through `replacing` (whole or not there, never short)."""
    if out == "-":
        yield sys.stdout
        return
    if "://" in out:
        check_url(out)
        with _replacing_url(out) as url, _fsspec_open(url, "wt", encoding="utf-8") as fh:
            yield fh
        return
    with replacing(out) as path, open(path, "w", encoding="utf-8") as fh:
        yield fh


def export(
    records: Iterable[Mapping[str, Any]],
    fmt: str,
    out: str,
    *,
    protect: Iterable[str | os.PathLike[str]] = (),
    columns: Iterable[str] | None = None,
) -> int:
    """Write records in `fmt` to `out` (a path, `-` for stdout, or an fsspec URL); return the count.

    `protect`: files `out` must not be (give `corpus_files(corpus_path)`); InputError if it is.
    `columns`: for jsonl and parquet, only these columns of `EXPORT_FIELDS`, in this order.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if columns is not None and fmt not in ("jsonl", "parquet"):
        raise InputError(f"choosing columns works for jsonl and parquet, not {fmt} (it needs the whole record)")
    picked = check_columns(columns)
    check_out(out, protect)
    if "://" in out:
        check_url(out)
    if fmt == "parquet":
        if out == "-":
            raise InputError("Parquet is binary: give a file with --out, not -")
        schema = arrow_schema(columns=picked)
        if "://" in out:
            with _replacing_url(out) as url, _fsspec_open(url, "wb") as fh:
                return write_parquet(records, fh, schema)
        with replacing(out) as path:
            if os.path.isfile(path):
                return write_parquet(records, path, schema)
            # A pipe (/dev/stdout, `>(...)`): Arrow's own file seeks (lseek fails); a Python
            # file object only writes.
            with open(path, "wb") as fh:
                return write_parquet(records, fh, schema)
    if fmt == "markdown" and "://" in out and not out.endswith(".md"):
        raise InputError(f"{out}: markdown writes one .md file per article into a local folder; give a folder "
                         "path, or a URL ending in .md for one file")
    if fmt == "markdown" and out != "-" and not out.endswith(".md"):
        if os.path.exists(out) and not os.path.isdir(out):
            raise InputError(f"{out} is a file: markdown writes one .md file per article into a folder; give a "
                             "folder, or a path ending in .md for one file")
        return _markdown_folder(records, Path(out))
    count = 0
    with text_out(out) as fh:
        for record in records:
            if fmt == "jsonl":
                fh.write(json_line(json_record(record, picked)))
            elif fmt == "markdown":
                fh.write(("\n---\n\n" if count else "") + markdown(record))
            else:
                fh.write((RECORD_SEPARATOR if count else "") + corpus_text(record))
            count += 1
    return count


def _markdown_folder(records: Iterable[Mapping[str, Any]], folder: Path) -> int:
    """One `<id>.md` file per article in `folder` (created if needed), each whole or not there.

    A new file is written in place and deleted when an exception comes while it is written (a
    temporary file and a rename per article made writing a new folder 3.5x as slow). A file
    already there (a re-export) is replaced through `replacing`, so an interrupted re-export
    leaves that article's previous file, not none; one with other hard links is written in
    place, as `replacing` does (a rename would leave the other names the old text), and is
    then left short by an interruption.
    """
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in records:
        path = folder / f"{record['id']}.md"
        text = markdown(record)
        if os.path.lexists(path):
            with replacing(str(path)) as target:
                Path(target).write_text(text, encoding="utf-8")
        else:
            try:
                path.write_text(text, encoding="utf-8")
            except BaseException:
                with suppress(OSError):
                    path.unlink()
                raise
        count += 1
    return count


def read_parquet_records(source: Any) -> Iterator[dict[str, Any]]:
    """Records back from a Parquet file written here (streamed by row group), in the JSON
    types of the JSONL export (instants as UTC text)."""
    for batch in pq.ParquetFile(source).iter_batches(batch_size=ROW_GROUP):
        for row in batch.to_pylist():
            if "sources" in row:
                if isinstance(row["sources"], dict):
                    row["sources"] = {k: v for k, v in row["sources"].items() if v is not None}
                else:
                    row["sources"] = {}
            if "blocks" in row:
                row["blocks"] = [{k: v for k, v in b.items() if v not in (None, 0, False)} for b in row["blocks"] or []]
            for name in _INSTANTS & row.keys():
                row[name] = utc_text(row[name])
            yield row


__all__ = [
    "FORMATS", "arrow_schema", "check_columns", "check_out", "check_url", "column_type", "corpus_files", "corpus_text",
    "export", "export_record", "json_line", "json_record", "markdown", "read_parquet_records", "replacing", "write_parquet",
]
