"""The tool as another city installs it: the sdist and the wheel built from the repository, the wheel installed
into a fresh virtualenv outside it, a site started with `site-builder new`, three notices copied in, built with
search from the built-in theme, and a template of the site's own changing the output.

Slow (it builds, and pip installs the dependencies from PyPI, or from pip's cache); it needs no other network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from site_builder import __version__
from tests.conftest import REPO, make_docx

pytestmark = pytest.mark.slow

NOTICES = ["zhengzheng-2016-24.md", "zhengzhengbanwen-2016-64.md", "zhengzhengwen-2016-139.md"]
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "node_modules", "public", ".public.*", ".site-builder",
                                     "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache", ".hypothesis",
                                     "out")


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, as `python -m build` makes them: the wheel is built from the sdist."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCES)  # the repository's files, not this checkout's leftovers
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(source)],
                          capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return work / "dist"


def test_the_sdist_carries_the_theme_folders_and_the_wheel_the_theme_as_package_data(dist):
    sdist = tarfile.open(dist / f"site_builder-{__version__}.tar.gz")
    top = f"site_builder-{__version__}/"
    in_sdist = {name.removeprefix(top) for name in sdist.getnames()}
    wheel = zipfile.ZipFile(dist / f"site_builder-{__version__}-py3-none-any.whl")
    in_wheel = set(wheel.namelist())
    for folder in ("templates", "theme"):
        expected = files_under(REPO / folder)
        assert expected and {f"{folder}/{name}" for name in expected} <= in_sdist
        assert {f"site_builder/builtin/{folder}/{name}" for name in expected} <= in_wheel
        built = {n.removeprefix(f"site_builder/builtin/{folder}/") for n in in_wheel
                 if n.startswith(f"site_builder/builtin/{folder}/")}
        assert built == set(expected)  # nothing else: no editor backups, no caches
    assert {"setup.py", "content/topics.toml"} <= in_sdist
    assert "site_builder/builtin/content/topics.toml" in in_wheel
    assert not any(name.startswith("site_builder/builtin/content/notices") for name in in_wheel)
    assert {f"site_builder/starter/files/{name}" for name in files_under(REPO / "site_builder/starter/files")} \
        <= in_wheel
    modules = {f"site_builder/{name}" for name in files_under(REPO / "site_builder") if name.endswith(".py")}
    assert modules <= in_wheel
    assert wheel.read("site_builder/builtin/templates/base.html") == (REPO / "templates/base.html").read_bytes()


def test_installed_outside_the_repository_it_starts_and_builds_a_site_with_search(dist, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheel = dist / f"site_builder-{__version__}-py3-none-any.whl"
    done = subprocess.run([venv / "bin/pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                          capture_output=True, text=True, env=_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    run = lambda *args, cwd=tmp_path: subprocess.run([venv / "bin/site-builder", *args], capture_output=True,
                                                     text=True, env=_env(venv), cwd=cwd)

    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith(f"site-builder {__version__} (Pagefind 1.")
    where = subprocess.run([venv / "bin/python", "-c", "import site_builder.load.theme as t; "
                            "print(t.builtin_root())"], capture_output=True, text=True, env=_env(venv), cwd=tmp_path)
    assert where.stdout.strip().startswith(str(venv)), where  # the installed theme, not this repository's

    outside = run("build")
    assert outside.returncode == 2 and "site-builder new" in outside.stderr and "Traceback" not in outside.stderr

    created = run("new", "mysite", "--name", "示例市人民政府公报", "--base-url", "https://www.example.gov.cn/gazette/")
    assert created.returncode == 0, created.stderr
    site = tmp_path / "mysite"
    for name in NOTICES:
        shutil.copy(REPO / "content/notices" / name, site / "content/notices" / name)
    make_docx(site / "content/attachments/xiangmu.docx", ["重点项目包括氢能重卡示范线。"], [["序号"], ["1"]])
    notice = site / "content/notices" / NOTICES[0]
    notice.write_text(notice.read_text("utf-8").replace(
        "\n---\n", "\nattachments:\n- title: 重点项目表\n  file: attachments/xiangmu.docx\n---\n", 1), "utf-8")
    built = run("build", cwd=site / "content")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built 4 notices, ")
    public = site / "public"
    assert (public / "notices/zhengzheng-2016-24.html").is_file() and (public / "search/index.html").is_file()
    assert sorted(p.name for p in (public / "pagefind").iterdir()) == ["2016", "2024", "shards.json"]
    assert (public / "pagefind/2016/pagefind.js").is_file()
    assert (public / "assets/pagefind-shards/pagefind.js").read_bytes() == \
        (REPO / "theme/pagefind-shards/pagefind.js").read_bytes()
    assert not (site / "templates").exists() and not (site / "theme").exists()
    page = (public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "示例市人民政府公报" in page and "跳到正文" in page
    # What the built-in theme brings: 长者模式, the attachment's file and text page, a feed beside a facet page.
    assert (public / "assets/elder.js").read_bytes() == (REPO / "theme/elder.js").read_bytes()
    assert 'class="elder-toggle"' in page and "（DOCX，" in page
    assert "氢能重卡示范线" in (public / "notices/zhengzheng-2016-24/fujian1.html").read_text("utf-8")
    kinds = sorted(p.stem for p in (public / "types").glob("*.html") if p.stem != "index")
    assert kinds and sorted(p.stem for p in (public / "types").glob("*.xml")) == kinds

    (site / "templates").mkdir()  # an editor copies the built-in base.html and changes a word
    builtin = Path(where.stdout.strip()) / "templates/base.html"
    (site / "templates/base.html").write_text(builtin.read_text("utf-8").replace("跳到正文", "跳到主要内容"), "utf-8")
    (site / "theme").mkdir()
    (site / "theme/site.css").write_text("body { font-size: 1.25rem; }\n", "utf-8")
    again = run("build", "--no-search", cwd=site)
    assert again.returncode == 0, again.stderr
    page = (public / "notices/zhengzheng-2016-24.html").read_text("utf-8")
    assert "跳到主要内容" in page and "跳到正文" not in page
    assert (public / "assets/site.css").read_text("utf-8") == "body { font-size: 1.25rem; }\n"
    check = run("check", cwd=site)
    assert check.returncode == 0, check.stderr


def _env(venv: Path | None = None) -> dict[str, str]:
    """This environment without what points Python at this checkout or this project's virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"
    return env
