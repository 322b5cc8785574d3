import os
import signal
import subprocess
import sys
import time

SPAWN = """
import subprocess, sys, time
from site_builder.core.procs import die_with_parent
child = subprocess.Popen(["sleep", "60"], preexec_fn=die_with_parent if sys.argv[1] == "yes" else None)
print(child.pid, flush=True)
time.sleep(60)
"""


def orphan_after_kill(with_request: str) -> bool:
    parent = subprocess.Popen([sys.executable, "-c", SPAWN, with_request], stdout=subprocess.PIPE, text=True)
    grandchild = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    for _ in range(50):
        if not running(grandchild):
            return False
        time.sleep(0.02)
    os.kill(grandchild, signal.SIGKILL)
    return True


def running(pid: int) -> bool:
    try:  # a killed orphan may stay a zombie until its new parent reaps it: that is not running
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_child_dies_with_the_build():
    assert orphan_after_kill("yes") is False


def test_without_it_the_child_would_live_on():
    assert orphan_after_kill("no") is True
