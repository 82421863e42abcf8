"""`broadsheet serve`: a local web page over the corpus (search, articles, overview, runs, JSON API)."""
from __future__ import annotations

import argparse
import ipaddress
import socket
import sys

from broadsheet.corpus import DEFAULT_PATH
from broadsheet.errors import InputError

DEFAULT_PORT = 8765


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="a local web page to search and look through the corpus",
        description="Serve a web page over the corpus, opened read-only: full-text search with filters, "
        "each article with its fields' sources, body, duplicates and original page, an overview with "
        "charts, and the past runs; every view is also JSON under /api. Runs beside an ingest or crawl "
        "writing the same corpus. Listens on 127.0.0.1 unless --host says otherwise.",
    )
    p.add_argument("--corpus", default=DEFAULT_PATH, help=f"the SQLite corpus (default: {DEFAULT_PATH})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0: any free one)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only); another address "
                   "exposes the corpus, without any login, to everyone who can reach it")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from broadsheet.web import create_app
        from broadsheet.web.safety import LOOPBACK
    except ImportError as exc:
        raise InputError(
            f"broadsheet serve needs the web extra ({exc.name} is missing): pip install 'broadsheet[web]'"
        ) from None
    if not 0 <= args.port <= 65535:
        raise InputError(f"--port must be between 0 and 65535, not {args.port}")
    loopback = _is_loopback(args.host)
    # On loopback only loopback names are answered (no DNS rebinding); an exposed server is
    # reached under names this process cannot know, so it answers any Host header.
    app = create_app(args.corpus, allowed_hosts=LOOPBACK if loopback else None)
    if not app.state.reader.has("articles_facets"):
        print(f"broadsheet: note: {args.corpus} was made before the indexes serve uses; on a large corpus "
              "filtering and counting are slow until the next ingest or crawl into it adds them", file=sys.stderr)
    sock = _bind(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if not loopback:
        print(f"broadsheet: warning: serving on {args.host}: anyone who can reach this machine can read the "
              "corpus (there is no login); use the default 127.0.0.1 to keep it to yourself", file=sys.stderr)
    print(f"broadsheet: serving {args.corpus} (read-only) at http://{shown}:{port}/  (Ctrl-C to stop)", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn shuts down on Ctrl-C, then passes the signal on
        pass
    finally:
        sock.close()
    print("broadsheet: stopped", file=sys.stderr)
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket (bound before the link is printed, so the link works at once)."""
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on sockets that say they are TCP
    # (with proto 0, every response after the first on a connection waits ~40 ms for an ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        hint = "; choose another with --port (0: any free port)" if exc.errno in (98, 48) else ""
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}{hint}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
