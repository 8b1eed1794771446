"""The Dask engine: same bytes as the local engine, resume, and a worker killed mid-run.

Each test that computes uses a cluster of two worker processes with one thread each (no
dashboard): one started by ``--engine dask`` itself, one by Dask's own ``dask scheduler``
/ ``dask worker`` commands in another folder (as on a real cluster), and a LocalCluster
whose worker is killed. The whole module takes about half a minute on two cores.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from typer.testing import CliRunner

from pipeline.batch import discover
from pipeline.dask_engine import SchedulerUnreachable, dask_available, iter_results_dask, local_cluster

needs_dask = pytest.mark.skipif(not dask_available(), reason="the Dask engine needs the [dask] extra")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "articles"


def run_cli(*args, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    os.symlink(d / "missing-target.txt", d / "broken.txt")
    return d


@pytest.fixture(scope="module")
def inputs(bad_dir):
    """Paths relative to the project folder (as a user there types them): the corpus and the bad folder.

    Workers resolve them against the client's folder, not their own, and error lines
    still carry the path as given.
    """
    return [os.path.relpath(CORPUS, ROOT), os.path.relpath(bad_dir, ROOT)]


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    """The local engine's output, one worker."""
    out = tmp_path_factory.mktemp("ref") / "local.jsonl"
    res = run_cli("extract", *inputs, "-o", out, "--workers", "1", "-q")
    assert res.returncode == 1, res.stderr  # three bad inputs
    return out.read_bytes()


@pytest.fixture
def cluster():
    with local_cluster(2, threads_per_worker=1) as c:
        yield c


@pytest.fixture
def dask_commands_cluster(tmp_path):
    """A scheduler and two one-thread worker processes started with Dask's own commands, elsewhere."""
    home = tmp_path / "cluster"
    home.mkdir()
    sched_file = home / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}

    def start(*args):
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args], cwd=home, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    procs = [start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(sched_file))]
    try:
        deadline = time.time() + 60
        while not sched_file.exists() and time.time() < deadline:
            time.sleep(0.1)
        procs.append(
            start("worker", "--scheduler-file", str(sched_file), "--nworkers", "2", "--nthreads", "1", "--no-dashboard")
        )
        from distributed import Client

        address = json.loads(sched_file.read_text())["address"]
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()  # the worker's nanny stops its worker processes
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@needs_dask
def test_cli_dask_engine_byte_identical_to_local(inputs, reference, tmp_path):
    """`--engine dask` starts its own local cluster (two worker processes)."""
    out = tmp_path / "dask.jsonl"
    res = run_cli("extract", *inputs, "-o", out, "--engine", "dask", "--workers", "2")
    assert res.returncode == 1, res.stderr
    assert out.read_bytes() == reference
    recs = {r["id"]: r for r in map(json.loads, reference.decode().splitlines())}
    assert {recs[k]["error"]["code"] for k in ("empty", "binary", "broken")} == {"empty", "binary", "broken_symlink"}
    assert "3 failed" in res.stderr


@needs_dask
def test_cli_dask_scheduler_resume_repairs_torn_line(inputs, reference, dask_commands_cluster, tmp_path):
    """`--scheduler ADDRESS --resume` on a cluster whose workers run in another folder."""
    out = tmp_path / "out.jsonl"
    kept = b"".join(reference.splitlines(keepends=True)[:10])
    out.write_bytes(kept + b'{"id": "mx-01')  # a torn eleventh line
    res = run_cli("extract", *inputs, "-o", out, "--engine", "dask", "--scheduler", dask_commands_cluster, "--resume")
    assert res.returncode == 1, res.stderr
    assert out.read_bytes() == reference
    assert "10 skipped" in res.stderr and "3 failed" in res.stderr


@needs_dask
def test_dask_worker_killed_mid_run(cluster, reference):
    from distributed import Client

    paths = discover([str(CORPUS)])
    expected = [Path(p).stem for p in paths]
    with Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)
        address, victim = min(client.run(os.getpid).items(), key=lambda kv: kv[1])
        got, busy = [], None
        for rid, line, ok in iter_results_dask(paths, scheduler=cluster.scheduler_address, batch_size=1):
            got.append((rid, line))
            if len(got) == 5:
                busy = client.processing().get(address, ()) + client.has_what().get(address, ())
                os.kill(victim, signal.SIGKILL)
        assert busy, "the killed worker held no task: nothing was recomputed"
        # the nanny restarted the worker under a new process
        client.wait_for_workers(2, timeout=60)
        assert victim not in client.run(os.getpid).values()
    assert [rid for rid, _ in got] == expected  # every id exactly once, in input order
    ref = {json.loads(x)["id"]: x for x in reference.decode().splitlines()}
    assert all(line == ref[rid] for rid, line in got)


@needs_dask
def test_dask_unreachable_scheduler_is_an_error():
    with pytest.raises(SchedulerUnreachable):
        list(iter_results_dask([str(CORPUS / "mx-001.txt")], scheduler="tcp://127.0.0.1:9", timeout=2))


def test_cli_engine_usage_errors(monkeypatch, tmp_path):
    from pipeline import dask_engine
    from pipeline.cli import app

    runner = CliRunner()
    out = tmp_path / "o.jsonl"
    res = runner.invoke(app, ["extract", str(CORPUS), "-o", str(out), "--engine", "spark"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["extract", str(CORPUS), "-o", str(out), "--scheduler", "tcp://h:8786"])
    assert res.exit_code == 2
    monkeypatch.setattr(dask_engine, "dask_available", lambda: False)
    res = runner.invoke(app, ["extract", str(CORPUS), "-o", str(out), "--engine", "dask"])
    assert res.exit_code == 2
    assert "[dask]" in res.output
    assert not out.exists()
