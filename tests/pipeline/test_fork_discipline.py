"""No fork while another thread runs: a real build, watched by a guard on every fork of its process.

A fork copies one thread; a lock another thread held at that moment stays held forever in the child
(Python 3.12 warns of it, and 3.14 no longer forks by default). The build forks its workers and its
Pagefind process only while it runs alone, and a build beside other threads (the dev server's) forks
nothing and makes the same site.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.corpus import make_corpus

TESTS = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter, so that no thread left by another test (a web server, a timer) is alive.
GUARDED = """
import json, os, sys, threading
sys.path[:0] = [{tests!r}, {repo!r}]
forks, unsafe = [], []

def before_fork():
    forks.append(threading.current_thread().name)
    if threading.active_count() > 1:
        unsafe.append(sorted(t.name for t in threading.enumerate()))

os.register_at_fork(before=before_fork)

import sitekit
from sitegen.build import build

def tree(root):
    return {{p.relative_to(root).as_posix(): p.read_bytes().hex() for p in sorted(root.rglob("*")) if p.is_file()}}

alone, beside = sys.argv[1], sys.argv[2]
build(sitekit.FixtureSite(__import__("pathlib").Path(alone)).project, sitekit.NOW)
forked_alone, unsafe_alone = len(forks), list(unsafe)
forks.clear()

# As the dev server does: the build runs in a thread while the main thread (its web server) is alive.
done = threading.Event()
thread = threading.Thread(target=lambda: (build(sitekit.FixtureSite(__import__("pathlib").Path(beside)).project,
                                                sitekit.NOW), done.set()), name="rebuild")
thread.start()
thread.join()
from pathlib import Path
same = tree(Path(alone) / "output") == tree(Path(beside) / "output")
print(json.dumps({{"forked_alone": forked_alone, "unsafe_alone": unsafe_alone, "forked_beside": len(forks),
                  "unsafe_beside": unsafe, "built_beside": done.is_set(), "same": same}}))
"""


def test_a_build_forks_only_while_no_other_thread_runs(tmp_path: Path) -> None:
    # Enough articles for the analysis, rules and pages to be split across forked workers (fork_imap).
    alone = make_corpus(tmp_path / "alone", 240)
    beside = make_corpus(tmp_path / "beside", 240)
    script = GUARDED.format(tests=str(TESTS), repo=str(TESTS.parent))
    run = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, str(alone), str(beside)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["forked_alone"] >= 3  # the word segmenter's child, the Pagefind process, and workers
    assert found["unsafe_alone"] == []
    assert found["built_beside"]
    assert found["forked_beside"] == 0
    assert found["unsafe_beside"] == []
    assert found["same"]
