"""The Dask engine: the batch run of :mod:`pipeline.batch` on a Dask cluster.

``iter_results_dask`` yields the same ``(id, json_line, ok)`` triples as the local
engine, in input order, so :func:`pipeline.batch.run_to_jsonl` writes, resumes and
summarises exactly as it does locally and the output is byte-identical.

How it works:

- inputs are partitioned by file into small batches (``batch_size`` files per task); at
  most ``max_in_flight`` batches are submitted ahead of the one being written, so memory
  stays flat however large the archive;
- each worker process builds the spaCy pipeline once, on its first task (a process-wide
  cache in :mod:`pipeline.batch`), and reuses it for every later task; a lock makes
  threads of one worker take turns (the work holds the GIL, so threads would not run
  it faster anyway: start workers with ``--nthreads 1``);
- tasks are pure functions of their paths, so they can run twice safely: a task whose
  worker dies is recomputed elsewhere by the scheduler, one that keeps failing is
  resubmitted (``resubmits`` times) before the run gives up;
- paths are sent as absolute paths (a worker's working folder is not the client's), and
  error lines carry the path as given, as the local engine writes it.

Dask is an optional extra: ``pip install 'vnnews-extract[dask]'``. Importing this module
does not import Dask; :func:`dask_available` tells whether it is installed.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import PipelineError

INSTALL_HINT = "pip install 'vnnews-extract[dask]'  (or: pip install 'dask[distributed]')"


class DaskEngineError(PipelineError):
    """Dask is missing, the scheduler cannot be reached, or a batch failed for good."""


class SchedulerUnreachable(DaskEngineError):
    """No Dask scheduler answered at the address given."""


def dask_available() -> bool:
    """Whether ``dask.distributed`` is importable (imports it: call only when about to use it)."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


# --- the task (runs on workers) ------------------------------------------------

_LOCK = threading.Lock()


def _process_batch(items: list[tuple[str, str]]) -> list[tuple[str, str, bool]]:
    """Process ``(given_path, absolute_path)`` pairs on a worker; never raises for bad input.

    The pipeline is built once per worker process (``batch._NLP``) and kept for the
    process's life. Idempotent: running it again gives the same results.
    """
    from . import batch

    out = []
    with _LOCK:
        if batch._NLP is None:
            batch._init_worker()
        for given, resolved in items:
            rid, line, ok = batch.process_path(resolved)
            if not ok and resolved != given:
                line = _with_path(line, given)
            out.append((rid, line, ok))
    return out


def _with_path(line: str, path: str) -> str:
    from .records import ErrorRecord

    rec = ErrorRecord.model_validate_json(line)
    return rec.model_copy(update={"path": path}).model_dump_json()  # records are frozen


# --- cluster and client --------------------------------------------------------


def _require_dask() -> None:
    if not dask_available():
        raise DaskEngineError(f"the Dask engine needs Dask, which is not installed: {INSTALL_HINT}")


@contextmanager
def local_cluster(n_workers: int = 2, *, threads_per_worker: int = 1, quiet: bool = True) -> Iterator[Any]:
    """A ``distributed.LocalCluster`` of ``n_workers`` processes, closed on exit."""
    _require_dask()
    from distributed import LocalCluster

    level = logging.ERROR if quiet else logging.WARNING
    logger = logging.getLogger("distributed")
    saved = logger.level
    logger.setLevel(level)  # no INFO chatter ("Nanny closed", ...) on stderr, here or in workers
    try:
        cluster = LocalCluster(
            n_workers=max(1, n_workers),
            threads_per_worker=threads_per_worker,
            processes=True,
            dashboard_address=None,
            silence_logs=level,
        )
        try:
            yield cluster
        finally:
            cluster.close()
    finally:
        logger.setLevel(saved)


@contextmanager
def _client(scheduler: str | None, n_workers: int, timeout: float) -> Iterator[Any]:
    """A Client on ``scheduler``, or on a local cluster started (and stopped) here."""
    _require_dask()
    from distributed import Client

    if scheduler is None:
        with local_cluster(n_workers) as cluster:
            client = Client(cluster, set_as_default=False)
            try:
                yield client
            finally:
                client.close()
        return
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()


# --- the iterator --------------------------------------------------------------


def iter_results_dask(
    paths: Sequence[str],
    *,
    scheduler: str | None = None,
    n_workers: int = 2,
    batch_size: int | None = None,
    max_in_flight: int | None = None,
    retries: int = 2,
    resubmits: int = 2,
    timeout: float = 30.0,
) -> Iterator[tuple[str, str, bool]]:
    """Yield ``(id, json_line, ok)`` for ``paths`` in input order, computed on Dask.

    Args:
        paths: input files, as :func:`pipeline.batch.discover` gives them.
        scheduler: address of a running scheduler (``tcp://host:8786``); ``None`` starts
            a local cluster of ``n_workers`` processes for this run and stops it after.
        n_workers: worker processes of the local cluster (ignored with ``scheduler``).
        batch_size: files per task (default: an eighth of the files per worker thread,
            between 1 and 16: small batches balance a small run, larger ones cut the
            client's and scheduler's share, about 1.6 ms of CPU per file at 4 and 1.1
            ms at 16, against about 20 ms per file on a worker).
        max_in_flight: batches submitted ahead of the one being consumed (default:
            four per worker thread, at least 8).
        retries: Dask retries of a task that raised.
        resubmits: extra submissions of a batch whose workers kept dying
            (``KilledWorker``) or whose result was lost.
        timeout: seconds to wait for the scheduler.

    Raises:
        DaskEngineError: Dask is missing, the scheduler is unreachable, or a batch failed
            after every retry.
    """
    if not paths:
        return
    _require_dask()
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    items = [(p, os.path.abspath(p)) for p in paths]
    run = uuid.uuid4().hex[:12]

    with _client(scheduler, n_workers, timeout) as client:
        threads = sum(client.nthreads().values()) or max(1, n_workers)
        size = batch_size if batch_size is not None else min(16, len(items) // (8 * threads))
        size = max(1, size)
        batches = [items[i : i + size] for i in range(0, len(items), size)]
        if max_in_flight is None:
            max_in_flight = max(8, 4 * threads)

        def submit(i: int, attempt: int) -> Any:
            return client.submit(
                _process_batch, batches[i], key=f"vnx-extract-{run}-{i}-{attempt}", retries=retries, pure=False
            )

        pending: deque[tuple[int, Any]] = deque()
        nxt = 0
        try:
            while nxt < len(batches) and len(pending) < max_in_flight:
                pending.append((nxt, submit(nxt, 0)))
                nxt += 1
            while pending:
                i, fut = pending.popleft()
                attempt = 0
                while True:
                    try:
                        results = fut.result()
                        break
                    except (KilledWorker, FutureCancelledError) as exc:
                        attempt += 1
                        if attempt > resubmits:
                            raise DaskEngineError(f"batch {i} ({batches[i][0][0]} ...) failed on Dask: {exc}") from exc
                        fut = submit(i, attempt)
                    except Exception as exc:  # the task itself failed after its retries
                        raise DaskEngineError(
                            f"batch {i} ({batches[i][0][0]} ...) failed on Dask: {type(exc).__name__}: {exc}"
                        ) from exc
                fut.release()
                if nxt < len(batches):
                    pending.append((nxt, submit(nxt, 0)))
                    nxt += 1
                yield from results
        finally:
            if pending:
                client.cancel([f for _, f in pending])
