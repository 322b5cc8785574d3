import os

import pytest

from site_builder.core.diagnostics import BuildError
from site_builder.load import theme
from tests.conftest import REPO


def test_run_from_the_repository_the_built_in_theme_is_the_repositorys_own_folders():
    # Installed, it is site_builder/builtin/ (tests/test_package.py checks the wheel); here, the repository.
    assert theme.builtin_root() == REPO
    assert theme.builtin_file("content/topics.toml") == REPO / "content/topics.toml"
    assert theme.template_folders(REPO) == (REPO / "templates",)


def test_templates_are_looked_up_in_the_site_first_then_in_the_built_in_theme(tmp_path):
    assert theme.template_folders(tmp_path) == (tmp_path / "templates", REPO / "templates")


def test_a_site_file_replaces_the_built_in_one_of_the_same_name_and_adds_its_own(tmp_path):
    builtin = theme.assets(tmp_path)
    assert builtin["site.css"] == (REPO / "theme/site.css").read_bytes()
    assert "pagefind-shards/pagefind.js" in builtin
    (tmp_path / "theme/pagefind-shards").mkdir(parents=True)
    (tmp_path / "theme/site.css").write_text("body{color:#000}")
    (tmp_path / "theme/logo.svg").write_text("<svg/>")
    (tmp_path / "theme/pagefind-shards/pagefind.js").write_text("// ours")
    own = theme.assets(tmp_path)
    assert own["site.css"] == b"body{color:#000}" and own["logo.svg"] == b"<svg/>"
    assert own["pagefind-shards/pagefind.js"] == b"// ours"
    assert own["search.js"] == builtin["search.js"]
    assert set(own) == set(builtin) | {"logo.svg"}
    assert list(own) == sorted(own)


def test_the_render_digest_holds_the_sites_files_and_every_built_in_one(tmp_path):
    names = [name for name, _ in theme.every_file(tmp_path)]
    assert "builtin/templates/base.html" in names and "builtin/theme/site.css" in names
    assert not any(name.startswith(("templates/", "theme/")) for name in names)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/base.html").write_text("x")
    names = [name for name, _ in theme.every_file(tmp_path)]
    assert "templates/base.html" in names and "builtin/templates/base.html" in names  # `!base.html` reaches it


def test_a_site_theme_file_that_is_not_a_regular_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "theme").mkdir()
    os.mkfifo(tmp_path / "theme/extra.css")
    with pytest.raises(BuildError) as caught:
        theme.assets(tmp_path)
    assert [str(d) for d in caught.value.diagnostics] == [
        "theme/extra.css:1: E411 cannot read file: not a regular file: a FIFO (remove it or replace it with a "
        "regular file)"]
