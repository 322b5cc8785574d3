import os

import pytest

from site_builder.load import attachments


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "attachments").mkdir(parents=True)
    (folder / "attachments/a.pdf").write_bytes(b"%PDF-1.4 x")
    return folder


def test_a_file_inside_content_is_found_with_its_stat_and_read(content):
    found = attachments.probe(content, "attachments/a.pdf")
    assert found.problem == "" and found.size == 10 and found.mtime_ns > 0
    assert attachments.read(content, "attachments/a.pdf", 100) == b"%PDF-1.4 x"


def test_a_missing_file_a_folder_and_a_fifo_are_refused(content):
    assert attachments.probe(content, "attachments/b.pdf").problem == "missing"
    (content / "attachments/dir.pdf").mkdir()
    assert attachments.probe(content, "attachments/dir.pdf").problem == "a folder, not a file"
    os.mkfifo(content / "attachments/pipe.pdf")
    assert attachments.probe(content, "attachments/pipe.pdf").problem == "not a regular file"


def test_a_link_that_leads_out_of_content_is_refused_and_one_inside_is_followed(content, tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    (content / "attachments/out.pdf").symlink_to(tmp_path / "secret.pdf")
    (content / "attachments/in.pdf").symlink_to(content / "attachments/a.pdf")
    assert attachments.probe(content, "attachments/out.pdf").problem == "outside"
    with pytest.raises(attachments.Unreadable, match="outside content/"):
        attachments.read(content, "attachments/out.pdf", 100)
    assert attachments.probe(content, "attachments/in.pdf").size == 10


def test_reading_stops_at_the_limit(content):
    with pytest.raises(attachments.Unreadable, match="larger than 5 bytes"):
        attachments.read(content, "attachments/a.pdf", 5)
