import os

import pytest

from site_builder.publish import lock
from site_builder.core.diagnostics import BuildError


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    out = tmp_path / "public"
    with lock.BuildLock(out):
        with pytest.raises(BuildError) as caught:
            with lock.BuildLock(out):
                pass
    message = str(caught.value.diagnostics[0])
    assert f"E402 another build of this site is running (pid {os.getpid()})" in message
    with lock.BuildLock(out):  # released
        pass
