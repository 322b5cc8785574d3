import json

from site_builder.importer.write import MANIFEST, atomic_write, read_manifest, sha256, write_notices, write_text

FILES = {"notices/a.md": "甲\n", "notices/b.md": "乙\n"}


def test_first_write_then_nothing_to_write(tmp_path):
    first = write_notices(tmp_path, FILES)
    assert (first.written, first.unchanged, first.conflicts) == (["notices/a.md", "notices/b.md"], [], [])
    manifest = (tmp_path / MANIFEST).read_text()
    assert json.loads(manifest) == {"notices/a.md": sha256("甲\n".encode()), "notices/b.md": sha256("乙\n".encode())}
    again = write_notices(tmp_path, FILES)
    assert (again.written, again.unchanged, again.conflicts) == ([], ["notices/a.md", "notices/b.md"], [])
    assert (tmp_path / MANIFEST).read_text() == manifest


def test_an_importer_file_is_updated_when_the_gazette_changes(tmp_path):
    write_notices(tmp_path, FILES)
    result = write_notices(tmp_path, {"notices/a.md": "甲二\n"})
    assert result.written == ["notices/a.md"]
    assert read_manifest(tmp_path)["notices/a.md"] == sha256("甲二\n".encode())
    assert "notices/b.md" in read_manifest(tmp_path)


def test_an_edited_file_is_a_conflict_and_left_alone(tmp_path):
    write_notices(tmp_path, FILES)
    (tmp_path / "notices/a.md").write_text("甲（编辑改过）\n")
    result = write_notices(tmp_path, {"notices/a.md": "甲二\n"})
    assert [str(d) for d in result.conflicts] == [
        f"{tmp_path}/notices/a.md:1: W401 edited since the last import; left unchanged "
        "(re-import with --force to replace it)"]
    assert (tmp_path / "notices/a.md").read_text() == "甲（编辑改过）\n"
    assert read_manifest(tmp_path)["notices/a.md"] == sha256("甲\n".encode())  # still detected next time
    forced = write_notices(tmp_path, {"notices/a.md": "甲二\n"}, force=True)
    assert (forced.written, forced.conflicts) == (["notices/a.md"], [])
    assert (tmp_path / "notices/a.md").read_text() == "甲二\n"


def test_a_file_the_importer_never_wrote_is_a_conflict(tmp_path):
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices/a.md").write_text("人写的\n")
    result = write_notices(tmp_path, {"notices/a.md": "甲\n"})
    assert [str(d) for d in result.conflicts] == [
        f"{tmp_path}/notices/a.md:1: W402 exists but was not written by the importer; left unchanged "
        "(re-import with --force to replace it)"]


def test_an_edit_that_equals_the_import_is_no_conflict(tmp_path):
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices/a.md").write_text("甲\n")
    assert write_notices(tmp_path, {"notices/a.md": "甲\n"}).unchanged == ["notices/a.md"]
    assert "notices/a.md" in read_manifest(tmp_path)


def test_a_damaged_manifest_counts_as_none(tmp_path):
    (tmp_path / MANIFEST).write_text("{not json")
    assert read_manifest(tmp_path) == {}


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path):
    atomic_write(tmp_path / "deep" / "x.md", b"1")
    assert write_text(tmp_path / "deep" / "x.md", "1") is False
    assert write_text(tmp_path / "deep" / "x.md", "2") is True
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["x.md"]
