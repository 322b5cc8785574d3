import os
import stat

import pytest

from site_builder.load.files import MAX_BYTES, Unreadable, atomic_write, read_limited


def test_a_regular_file_is_read_whole(tmp_path):
    (tmp_path / "a.md").write_bytes(b"abc")
    assert read_limited(tmp_path / "a.md") == b"abc"


def test_a_fifo_is_refused_at_once_instead_of_blocking_forever(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(Unreadable) as caught:
        read_limited(tmp_path / "pipe.md")
    assert caught.value.reason == "not a regular file: a FIFO"


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path):
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    with pytest.raises(Unreadable) as caught:
        read_limited(tmp_path / "zero.md")
    assert caught.value.reason == "not a regular file: a device"


def test_a_file_over_the_limit_is_refused(tmp_path):
    (tmp_path / "big.md").write_bytes(b"x" * 2000)
    with pytest.raises(Unreadable) as caught:
        read_limited(tmp_path / "big.md", limit=1000)
    assert caught.value.reason == "larger than 1000 bytes (2000 bytes)"
    assert MAX_BYTES >= 10_000_000 * 4  # far above the largest real notice


def test_a_folder_and_a_missing_file_say_why(tmp_path):
    with pytest.raises(Unreadable, match="Is a directory"):
        read_limited(tmp_path)
    with pytest.raises(Unreadable, match="No such file or directory"):
        read_limited(tmp_path / "gone.md")


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
