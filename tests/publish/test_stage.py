import os

import pytest

from site_builder.publish import folders, stage
from site_builder.core.diagnostics import BuildError
from tests.conftest import snapshot


def test_first_publish_writes_everything(tmp_path):
    out = tmp_path / "public"
    report = stage.publish(out, {"index.html": b"home", "notices/a.html": b"a"})
    assert (report.written, report.linked, report.removed, report.swapped) == (2, 0, 0, True)
    assert (out / "notices/a.html").read_bytes() == b"a"


def test_unchanged_site_is_not_touched(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"index.html": b"home"})
    inode = os.stat(out / "index.html").st_ino
    report = stage.publish(out, {"index.html": b"home"})
    assert not report.swapped and str(report) == "no file changed"
    assert os.stat(out / "index.html").st_ino == inode


def test_only_changed_files_are_written(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"a.html": b"a", "b.html": b"b", "gone.html": b"x"})
    inode = os.stat(out / "a.html").st_ino
    report = stage.publish(out, {"a.html": b"a", "b.html": b"B"})
    assert (report.written, report.linked, report.removed) == (1, 1, 1)
    assert os.stat(out / "a.html").st_ino == inode  # carried over by hard link
    assert set(snapshot(out)) == {"a.html", "b.html", stage.MANIFEST, stage.PAGES}
    assert (out / "b.html").read_bytes() == b"B"


def test_kept_paths_are_carried_over(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"a.html": b"a", "b.html": b"b"})
    stage.publish(out, {"b.html": b"B"}, keep=["a.html"])
    assert (out / "a.html").read_bytes() == b"a" and (out / "b.html").read_bytes() == b"B"


def test_failing_stage_hook_leaves_the_published_site_exactly_as_it_was(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"index.html": b"old"})
    before = snapshot(out)

    def hook(staging, changed):
        raise RuntimeError("indexer crashed")

    with pytest.raises(RuntimeError):
        stage.publish(out, {"index.html": b"new"}, stage_hook=hook)
    assert snapshot(out) == before
    assert not folders.state_paths(out)[0].exists()


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"])
def test_paths_outside_the_output_are_refused(path):
    with pytest.raises(BuildError, match="E403 output path escapes the output folder"):
        stage.check_path(path)


def test_a_staged_file_is_never_written_through_a_link_to_the_published_one(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"a.html": b"old"})
    staged = stage.Stage(out)
    staged.keep("a.html")  # a hard link to the published file
    staged.put("a.html", b"new")  # must replace the link, not write into the published inode
    assert (out / "a.html").read_bytes() == b"old"
    staged.abort()
