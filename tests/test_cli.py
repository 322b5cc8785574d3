"""The command line: every command finds its site the way git finds a repository, `new` starts one, --version."""

import subprocess
import sys

import pytest

from site_builder import __version__
from site_builder.cli import main
from tests.conftest import REPO, notice_text

OUTSIDE = "site-builder: not inside a site: no site.toml in {} or any folder above it (start one with " \
          "'site-builder new DIR', or give --root)\n"


def test_version_names_the_tool_and_pagefind(capsys):
    from importlib import metadata

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    pagefind = metadata.version("pagefind_bin_extended")
    assert capsys.readouterr().out == f"site-builder {__version__} (Pagefind {pagefind}, extended)\n"
    assert __version__ == metadata.version("site-builder")  # pyproject.toml takes it from the package


def test_a_command_run_in_a_folder_of_the_site_builds_that_site(site, monkeypatch, capsys):
    site.write("24.md", notice_text())
    monkeypatch.chdir(site.root / "content" / "notices")
    assert main(["build", "--no-search"]) == 0
    assert (site.public / "notices/zhengzheng-2016-24.html").is_file()
    assert capsys.readouterr().out.startswith("built 1 notices, ")
    assert main(["check"]) == 0


@pytest.mark.parametrize("command", [["build"], ["serve", "--port", "0"], ["check"], ["import", "gazette.txt"]])
def test_outside_a_site_every_command_says_so_in_one_line(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    assert main(command) == 2
    captured = capsys.readouterr()
    assert captured.err == OUTSIDE.format(tmp_path) and captured.out == ""
    assert list(tmp_path.iterdir()) == []  # nothing made, no public/ and no cache


def test_root_names_the_site_folder_itself(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    assert main(["build", "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"site-builder: not a site: no site.toml in {tmp_path} (start one with "
                                       "'site-builder new DIR', or give --root the folder holding site.toml)\n")
    assert main(["check", "--root", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == (f"site-builder: no such folder: {tmp_path / 'nope'} (give --root the site's "
                                       "folder, the one holding site.toml)\n")


def test_the_shell_command_outside_a_site_exits_non_zero_without_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "site_builder", "build"], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == OUTSIDE.format(tmp_path)


def test_new_starts_a_site_and_prints_the_next_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mysite", "--name", "洛阳市人民政府公报"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Created the site mysite:\n  site.toml\n  content/notices/guobanfamingdian-2024-12.md\n")
    assert "Next:\n  cd mysite\n  site-builder serve\n" in out
    assert main(["new", "mysite"]) == 1
    assert capsys.readouterr().err.startswith("site-builder new: mysite is not empty (.gitignore, content, site.toml)")
    monkeypatch.chdir(tmp_path / "mysite")
    assert main(["build", "--no-search"]) == 0
    assert (tmp_path / "mysite/public/notices/guobanfamingdian-2024-12.html").is_file()


def test_import_writes_into_the_content_folder_site_toml_names(site, monkeypatch, tmp_path):
    (site.root / "site.toml").write_text((site.root / "site.toml").read_text("utf-8").replace(
        'content = "content"', 'content = "texts"'), "utf-8")
    gazette = tmp_path / "gazette.txt"
    gazette.write_text((REPO / "tests/importer/corpus/tuned/guobanfamingdian-2024-12-holidays.txt").read_text("utf-8"),
                       "utf-8")
    monkeypatch.chdir(site.root / "content")
    assert main(["import", str(gazette)]) == 0
    assert [p.name for p in (site.root / "texts/notices").iterdir()] == ["guobanfamingdian-2024-12.md"]
