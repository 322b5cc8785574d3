import sys

from bench import measure

# A parent that fills 200 MB, then forks a child that only reads it: the pages are shared, not copied.
SHARED = """
import os, time
block = bytearray(200 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
pid = os.fork()
if pid == 0:
    time.sleep(1.0)
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_shared_pages_of_a_forked_child_count_once_in_pss_and_twice_in_rss():
    run = measure.run([sys.executable, "-c", SHARED], interval=0.05)
    assert run.returncode == 0
    assert 190 <= run.peak_pss_mb <= 260
    assert run.peak_rss_mb >= 380  # parent and child each show the 200 MB
    assert run.max_rss_mb >= 190


def test_a_command_over_the_limit_is_stopped():
    run = measure.run([sys.executable, "-c", SHARED], interval=0.05, limit_mb=100)
    assert run.killed_at_mb is not None and run.returncode != 0
