"""Parsing many files at once: in worker processes when there are many and more than one
core, each worker's share sent back as marshal bytes."""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vaultkit.core.config import Config
from vaultkit.store.keys import Keys, keys_of
from vaultkit.store.read import read_files
from vaultkit.store.serialize import dump

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

PARALLEL_FROM = 2000
CHUNK = 500
# A file's kind, its number of problems, its note as bytes, whether to read it again,
# and what the index keeps beside the note (keys.py).
Parsed = tuple[str, int, bytes | None, bool, Keys]


def parse_many(config: Config, paths: list[str]) -> Iterator[tuple[str, Parsed]]:
    """Parse files, in worker processes when there are many and more than one core."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from zip(paths, _parse_paths(config, paths), strict=True)
        return
    method = "fork" if sys.platform == "linux" else "spawn"
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    with quiet_pool(workers, method) as pool:
        jobs = ((config, chunk) for chunk in chunks)
        for chunk, blob in zip(chunks, pool.imap(_parse_chunk, jobs), strict=True):
            yield from zip(chunk, marshal.loads(blob), strict=True)


def quiet_pool(workers: int, method: str) -> Pool:
    """Worker processes that leave Ctrl-C to the main process: they start with it held
    back, until they ignore it, so no traceback comes from a worker."""
    import multiprocessing  # only a first index, a large change or a large import gets here

    with _sigint_blocked():
        return multiprocessing.get_context(method).Pool(workers, _quiet_worker)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Hold SIGINT back in this thread (and in processes forked meanwhile) for the block."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _quiet_worker() -> None:
    """Ctrl-C reaches the whole process group; only the main process answers it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _parse_paths(config: Config, paths: list[str]) -> list[Parsed]:
    return [
        (
            parsed.kind,
            len(parsed.problems),
            None if parsed.kind == "other" else dump(parsed),
            parsed.retry,
            keys_of(parsed),
        )
        for parsed in read_files(config, paths)
    ]


def _parse_chunk(job: tuple[Config, list[str]]) -> bytes:
    """A worker's share, sent back as marshal bytes: faster than pickle, strings stay shared."""
    config, paths = job
    return marshal.dumps(_parse_paths(config, paths))
