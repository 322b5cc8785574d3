import os

import pytest

from site_builder.load.files import MAX_BYTES, Unreadable, read_limited


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
