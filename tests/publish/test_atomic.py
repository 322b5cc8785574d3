import os
import stat

import pytest

from site_builder.publish.atomic import atomic_write


def test_atomic_write_gives_a_readable_file_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "deep" / "x.md", b"1")
    finally:
        os.umask(old)
    assert (tmp_path / "deep" / "x.md").read_bytes() == b"1"
    assert stat.S_IMODE((tmp_path / "deep" / "x.md").stat().st_mode) == 0o644
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["x.md"]  # no temp file left


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "x.md"
    target.write_bytes(b"old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.md"]
