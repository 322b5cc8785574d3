from site_builder.load.scan import FileStat, read_notice, read_optional, scan


def test_scan_lists_notice_files_in_order_with_their_stats_and_reads_nothing(tmp_path):
    notices = tmp_path / "content" / "notices"
    notices.mkdir(parents=True)
    (notices / "b.md").write_bytes(b"bb")
    (notices / "a.md").write_bytes(b"a")
    (notices / "notes.txt").write_bytes(b"x")
    (notices / "dir.md").mkdir()
    found = scan(tmp_path, tmp_path / "content")
    assert [(f.path, f.size) for f in found] == [("content/notices/a.md", 1), ("content/notices/b.md", 2),
                                                 ("content/notices/dir.md", -1)]  # listed, so that reading it says why
    assert isinstance(found[0], FileStat) and found[0].mtime_ns > 0
    assert scan(tmp_path, tmp_path / "nowhere") == []


def test_reading_says_why_a_file_cannot_be_read(tmp_path):
    (tmp_path / "a.md").write_bytes(b"x")
    assert read_notice(tmp_path, "a.md") == (b"x", [])
    data, problems = read_notice(tmp_path, "gone.md")
    assert data is None and [str(d) for d in problems] == ["gone.md:1: E100 cannot read file: No such file or directory"]
    assert read_optional(tmp_path / "gone.toml") == b""
