import os

import pytest

from site_builder.publish import stage as writer
from site_builder.core.diagnostics import BuildError
from tests.conftest import snapshot


def test_first_publish_writes_everything(tmp_path):
    out = tmp_path / "public"
    report = writer.publish(out, {"index.html": b"home", "notices/a.html": b"a"})
    assert (report.written, report.linked, report.removed, report.swapped) == (2, 0, 0, True)
    assert (out / "notices/a.html").read_bytes() == b"a"


def test_unchanged_site_is_not_touched(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"index.html": b"home"})
    inode = os.stat(out / "index.html").st_ino
    report = writer.publish(out, {"index.html": b"home"})
    assert not report.swapped and str(report) == "no file changed"
    assert os.stat(out / "index.html").st_ino == inode


def test_only_changed_files_are_written(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"a.html": b"a", "b.html": b"b", "gone.html": b"x"})
    inode = os.stat(out / "a.html").st_ino
    report = writer.publish(out, {"a.html": b"a", "b.html": b"B"})
    assert (report.written, report.linked, report.removed) == (1, 1, 1)
    assert os.stat(out / "a.html").st_ino == inode  # carried over by hard link
    assert set(snapshot(out)) == {"a.html", "b.html", writer.MANIFEST, writer.PAGES}
    assert (out / "b.html").read_bytes() == b"B"


def test_kept_paths_are_carried_over(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"a.html": b"a", "b.html": b"b"})
    writer.publish(out, {"b.html": b"B"}, keep=["a.html"])
    assert (out / "a.html").read_bytes() == b"a" and (out / "b.html").read_bytes() == b"B"


def test_failing_stage_hook_leaves_the_published_site_exactly_as_it_was(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"index.html": b"old"})
    before = snapshot(out)

    def hook(staging, changed):
        raise RuntimeError("indexer crashed")

    with pytest.raises(RuntimeError):
        writer.publish(out, {"index.html": b"new"}, stage_hook=hook)
    assert snapshot(out) == before
    assert not writer.state_paths(out)[0].exists()


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../b", "", "a\\..\\b", "./a"])
def test_paths_outside_the_output_are_refused(path):
    with pytest.raises(BuildError, match="E403 output path escapes the output folder"):
        writer.check_path(path)


def test_a_second_build_is_refused_while_one_runs(tmp_path):
    out = tmp_path / "public"
    with writer.BuildLock(out):
        with pytest.raises(BuildError) as caught:
            with writer.BuildLock(out):
                pass
    message = str(caught.value.diagnostics[0])
    assert f"E402 another build of this site is running (pid {os.getpid()})" in message
    with writer.BuildLock(out):  # released
        pass


def test_recover_restores_a_site_left_mid_swap(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"index.html": b"old"})
    staging, old, _ = writer.state_paths(out)
    os.rename(out, old)  # killed between the two renames of the fallback swap
    staging.mkdir()
    writer.recover(out)
    assert (out / "index.html").read_bytes() == b"old"
    assert not old.exists() and not staging.exists()


def test_a_staged_file_is_never_written_through_a_link_to_the_published_one(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"a.html": b"old"})
    stage = writer.Stage(out)
    stage.keep("a.html")  # a hard link to the published file
    stage.put("a.html", b"new")  # must replace the link, not write into the published inode
    assert (out / "a.html").read_bytes() == b"old"
    stage.abort()


def test_a_published_site_has_no_foreign_files_even_with_its_search_bundles(tmp_path):
    out = tmp_path / "public"
    writer.publish(out, {"index.html": b"x", "notices/a.html": b"a"})
    (out / "pagefind" / "2016").mkdir(parents=True)
    (out / "pagefind" / "2016" / "pagefind-entry.json").write_bytes(b"{}")  # made by Pagefind, not listed
    assert writer.foreign_files(out) == []
    (out / "notices" / "mine.html").write_bytes(b"mine")
    assert writer.foreign_files(out) == ["notices/mine.html"]


def test_a_folder_without_a_manifest_is_all_foreign_and_is_not_published_over(tmp_path):
    (tmp_path / "docs" / "pagefind").mkdir(parents=True)
    (tmp_path / "docs" / "pagefind" / "x.js").write_bytes(b"mine")
    assert writer.foreign_files(tmp_path / "docs") == ["pagefind/x.js"]
    with pytest.raises(BuildError) as caught:
        writer.publish(tmp_path / "docs", {"index.html": b"x"})
    assert caught.value.diagnostics[0].code == "E406"
    assert (tmp_path / "docs" / "pagefind" / "x.js").read_bytes() == b"mine"


def test_an_empty_folder_may_be_published_to(tmp_path):
    (tmp_path / "www").mkdir()
    writer.publish(tmp_path / "www", {"index.html": b"x"})
    assert (tmp_path / "www" / "index.html").read_bytes() == b"x"


def test_placement_refuses_the_root_its_parents_and_the_sources_but_not_a_folder_of_the_root(tmp_path):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    sources = [root / "content", root / "templates"]
    writer.check_placement(root / "public", root, sources)
    writer.check_placement(tmp_path / "elsewhere", root, sources)
    for bad in (root, tmp_path, root / "content", root / "content" / "x", root / "templates"):
        with pytest.raises(BuildError) as caught:
            writer.check_placement(bad, root, sources)
        assert caught.value.diagnostics[0].code == "E405"
