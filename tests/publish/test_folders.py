import os

import pytest

from site_builder.publish import folders, stage
from site_builder.core.diagnostics import BuildError


def test_recover_restores_a_site_left_mid_swap(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"index.html": b"old"})
    staging, old, _ = folders.state_paths(out)
    os.rename(out, old)  # killed between the two renames of the fallback swap
    staging.mkdir()
    folders.recover(out)
    assert (out / "index.html").read_bytes() == b"old"
    assert not old.exists() and not staging.exists()


def test_a_published_site_has_no_foreign_files_even_with_its_search_bundles(tmp_path):
    out = tmp_path / "public"
    stage.publish(out, {"index.html": b"x", "notices/a.html": b"a"})
    (out / "pagefind" / "2016").mkdir(parents=True)
    (out / "pagefind" / "2016" / "pagefind-entry.json").write_bytes(b"{}")  # made by Pagefind, not listed
    assert folders.foreign_files(out) == []
    (out / "notices" / "mine.html").write_bytes(b"mine")
    assert folders.foreign_files(out) == ["notices/mine.html"]


def test_a_folder_without_a_manifest_is_all_foreign_and_is_not_published_over(tmp_path):
    (tmp_path / "docs" / "pagefind").mkdir(parents=True)
    (tmp_path / "docs" / "pagefind" / "x.js").write_bytes(b"mine")
    assert folders.foreign_files(tmp_path / "docs") == ["pagefind/x.js"]
    with pytest.raises(BuildError) as caught:
        stage.publish(tmp_path / "docs", {"index.html": b"x"})
    assert caught.value.diagnostics[0].code == "E406"
    assert (tmp_path / "docs" / "pagefind" / "x.js").read_bytes() == b"mine"


def test_an_empty_folder_may_be_published_to(tmp_path):
    (tmp_path / "www").mkdir()
    stage.publish(tmp_path / "www", {"index.html": b"x"})
    assert (tmp_path / "www" / "index.html").read_bytes() == b"x"


def test_placement_refuses_the_root_its_parents_and_the_sources_but_not_a_folder_of_the_root(tmp_path):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    sources = [root / "content", root / "templates"]
    folders.check_placement(root / "public", root, sources)
    folders.check_placement(tmp_path / "elsewhere", root, sources)
    for bad in (root, tmp_path, root / "content", root / "content" / "x", root / "templates"):
        with pytest.raises(BuildError) as caught:
            folders.check_placement(bad, root, sources)
        assert caught.value.diagnostics[0].code == "E405"
