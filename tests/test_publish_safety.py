"""Publishing never destroys what is not ours, never loses an edit, and never runs code it finds in the cache.

Each case is what a careless or hostile user did (issue 21): a wrong output folder, a build interrupted while
Pagefind ran, a planted cache, a full disk, a read-only site, a planted lock link.
"""

import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from site_builder.publish import cache
from site_builder.search import index as search
from site_builder.publish import folders, stage
from site_builder.build import build
from site_builder.cli import main
from tests.conftest import REPO, notice_text, snapshot

GOOD = notice_text(doc_number="郑政〔2016〕27号", title="关于加快国家区域性会展中心城市建设的意见",
                   date="2016-08-18", body="## 一、总体要求\n\n正文。")
# A body whose opening (the description and summary other pages show) is longer than what they show: an edit
# at its end changes only the notice's own page, the case the build carries everything else over for.
LONG = notice_text(doc_number="郑政〔2016〕27号", title="关于加快国家区域性会展中心城市建设的意见",
                   date="2016-08-18", body="为加快会展业发展，" * 60 + "\n\n## 一、总体要求\n\n正文。")


def run(site, capsys, *args) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["build", "--root", str(site.root), "--no-search", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def everything(folder) -> dict[str, bytes]:
    """Every file under folder, hidden ones and .git included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


@pytest.fixture
def project(site):
    site.write("27.md", GOOD)
    (site.root / ".git").mkdir()
    (site.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert main(["build", "--root", str(site.root), "--no-search"]) == 0
    return site


@pytest.mark.parametrize("out, what", [
    ("content", "is"), ("content/notices", "lies inside"), ("templates", "is"), ("theme", "is"), (".", "is"),
    ("..", "holds"), ("content/notices/public", "lies inside"), (".site-builder", "is")])
def test_an_output_folder_that_is_holds_or_lies_in_the_sources_is_refused(project, capsys, out, what):
    before = everything(project.root)
    code, err = run(project, capsys, "--out", str(project.root / out))
    assert code == 1
    assert f"E405 cannot publish here: the output folder {what} " in err[0]
    assert everything(project.root) == before  # .git, content/, the published site: all as they were


def test_output_content_in_site_toml_is_refused(project, capsys):
    toml = project.root / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('output = "public"', 'output = "content"'),
                    encoding="utf-8")
    before = everything(project.root)
    code, err = run(project, capsys)
    assert code == 1 and err[0] == (
        f"{project.root / 'content'}:1: E405 cannot publish here: the output folder is {project.root / 'content'}, "
        "which the site is built from (set [build] output in site.toml or --out to a folder of its own, "
        "e.g. public)")
    assert everything(project.root) == before


def test_a_folder_of_someone_elses_files_is_refused(project, capsys, tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "report.docx").write_bytes(b"mine")
    (docs / "sub" / "notes.txt").write_bytes(b"mine too")
    code, err = run(project, capsys, "--out", str(docs))
    assert code == 1 and err[0] == (
        f"{docs}:1: E406 cannot publish here: the folder holds 2 file(s) site-builder did not make "
        "(report.docx, sub/notes.txt); publishing replaces the whole folder (publish to an empty or new "
        "folder, or move those files away)")
    assert everything(docs) == {"report.docx": b"mine", "sub/notes.txt": b"mine too"}


def test_public_as_a_link_to_someone_elses_folder_is_refused(project, capsys, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "mine.txt").write_bytes(b"mine")
    shutil.rmtree(project.public)
    project.public.symlink_to(docs)
    code, err = run(project, capsys)
    assert code == 1 and "E406" in err[0]
    assert everything(docs) == {"mine.txt": b"mine"}


def test_public_as_a_link_to_an_empty_folder_is_published_through(project, capsys, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    shutil.rmtree(project.public)
    project.public.symlink_to(www)
    assert run(project, capsys)[0] == 0
    assert (www / "index.html").is_file() and project.public.is_symlink()
    assert run(project, capsys)[0] == 0  # and again over its own site


def test_a_file_added_to_the_published_site_is_not_deleted(project, capsys):
    (project.public / "notices" / "by-hand.html").write_bytes(b"<p>mine</p>")
    code, err = run(project, capsys, "--out", str(project.public))
    project.write("27.md", GOOD + "\n新增一句。\n")
    code, err = run(project, capsys)
    assert code == 1 and "(notices/by-hand.html)" in err[0]
    assert (project.public / "notices" / "by-hand.html").read_bytes() == b"<p>mine</p>"


def test_an_output_that_is_a_file_is_refused(project, capsys):
    code, err = run(project, capsys, "--out", str(project.root / "site.toml"))
    assert code == 1 and "E405" in err[0]
    (project.root / "notes.txt").write_text("mine")
    code, err = run(project, capsys, "--out", str(project.root / "notes.txt"))
    assert code == 1 and err[0].endswith("E405 cannot publish here: this is a file, not a folder "
                                         "(choose a folder of its own, e.g. public)")
    assert (project.root / "notes.txt").read_text() == "mine"


def test_a_users_folder_in_the_place_of_the_staging_folder_is_not_deleted(project, capsys):
    staging = project.root / ".public.staging"
    staging.mkdir()
    (staging / "mine.txt").write_bytes(b"mine")
    project.write("27.md", GOOD + "\n改。\n")
    code, err = run(project, capsys)
    assert code == 1 and err[0] == (f"{staging}:1: E407 this folder is in the way of the build, and "
                                    "site-builder did not make it (move it away)")
    assert (staging / "mine.txt").read_bytes() == b"mine"


def test_an_edit_interrupted_while_pagefind_runs_is_published_by_the_next_build(site, monkeypatch):
    site.write("27.md", LONG)
    build(site.root)
    site.write("27.md", LONG + "\n新增的一句话。\n")
    real = search.index_site

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while Pagefind runs

    monkeypatch.setattr(search, "index_site", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(site.root)
    monkeypatch.setattr(search, "index_site", real)
    page = site.public / "notices" / "zhengzheng-2016-27.html"
    assert "新增的一句话" not in page.read_text(encoding="utf-8")  # the old site, whole
    build(site.root)
    assert "新增的一句话" in page.read_text(encoding="utf-8")
    build(site.root)
    assert "新增的一句话" in page.read_text(encoding="utf-8")


def test_a_public_folder_restored_from_a_backup_is_brought_up_to_date(site, tmp_path):
    other = notice_text(doc_number="郑政〔2016〕24号", body="为保障粮食安全，" * 60 + "\n\n## 一、总体要求\n\n正文。")
    site.write("24.md", other)
    site.write("27.md", LONG)
    build(site.root, search=False)
    backup = tmp_path / "backup"
    shutil.copytree(site.public, backup)
    site.write("27.md", LONG + "\n新增的一句话。\n")
    build(site.root, search=False)
    shutil.rmtree(site.public)
    shutil.copytree(backup, site.public)  # the cache's state is newer than the site
    site.write("24.md", other + "\n又一句。\n")  # and another notice is edited
    build(site.root, search=False)
    assert "新增的一句话" in (site.public / "notices" / "zhengzheng-2016-27.html").read_text(encoding="utf-8")
    assert "又一句" in (site.public / "notices" / "zhengzheng-2016-24.html").read_text(encoding="utf-8")


class Payload:
    def __reduce__(self):
        return (os.system, (f"touch {os.environ['PLANTED_MARK']}",))


@pytest.mark.parametrize("name", ["stamp.pickle", "state.pickle", "extracts/00.pickle"])
def test_a_planted_cache_file_never_runs(site, capsys, tmp_path, monkeypatch, name):
    mark = tmp_path / "ran"
    monkeypatch.setenv("PLANTED_MARK", str(mark))
    site.write("27.md", GOOD)
    planted = site.root / cache.FOLDER / "cache" / name
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(pickle.dumps(Payload()))
    assert run(site, capsys)[0] == 0
    site.write("27.md", GOOD + "\n改。\n")
    planted.write_bytes(cache.MAGIC + b"\0" * 32 + pickle.dumps(Payload()))  # a MAC it cannot know
    assert run(site, capsys)[0] == 0
    assert not mark.exists()


def test_a_planted_fragment_never_runs_and_the_site_is_built_in_full(site, capsys, tmp_path, monkeypatch):
    mark = tmp_path / "ran"
    monkeypatch.setenv("PLANTED_MARK", str(mark))
    site.write("27.md", GOOD)
    assert run(site, capsys)[0] == 0
    for fragment in (site.root / cache.FOLDER / "cache" / "fragments").rglob("*.pickle"):
        fragment.write_bytes(pickle.dumps(Payload()))
    template = site.root / "templates" / "notice.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # every page again
    code, err = run(site, capsys)
    assert code == 0 and not mark.exists()
    assert err == [".site-builder:1: W403 the build cache could not be used and was rebuilt "
                   "(nothing to do; the site was built in full)"]
    assert "正文" in (site.public / "notices" / "zhengzheng-2016-27.html").read_text(encoding="utf-8")


def test_a_cache_of_garbage_is_a_cold_cache(site, capsys):
    site.write("27.md", GOOD)
    assert run(site, capsys)[0] == 0
    for entry in (site.root / cache.FOLDER / "cache").rglob("*.pickle"):
        entry.write_bytes(b"\x80\x04garbage")
    site.write("27.md", GOOD + "\n改。\n")
    assert run(site, capsys)[0] == 0
    assert "改。" in (site.public / "notices" / "zhengzheng-2016-27.html").read_text(encoding="utf-8")


def test_the_cache_key_lives_outside_the_site_and_is_private(site):
    site.write("27.md", GOOD)
    build(site.root, search=False)
    key = cache.key_folder() / cache.KEY_FILE
    assert key.is_file() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert site.root not in key.parents


def test_a_full_disk_is_a_diagnostic_and_the_site_stays(project, capsys, monkeypatch):
    before = snapshot(project.public)
    project.write("27.md", GOOD + "\n改。\n")

    def full(target, data):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(stage, "_write", full)
    code, err = run(project, capsys)
    assert code == 1 and err[0].startswith(".public.staging/") and err[0].endswith(
        ": E408 cannot write the site: No space left on device (free disk space or fix the folder's "
        "permissions, then build again)")
    assert snapshot(project.public) == before
    assert not folders.state_paths(project.public)[0].exists()


def test_a_file_size_limit_ends_the_build_with_a_diagnostic(project):
    """A real write failure (RLIMIT_FSIZE: EFBIG), in a child process so that the limit stays there."""
    before = snapshot(project.public)
    project.write("27.md", GOOD + "\n" + "长" * 300_000 + "\n")
    script = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
              "resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000)); "
              "from site_builder.cli import main; sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", script, "build", "--root", str(project.root), "--no-search"],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "E408 cannot write the site: File too large" in done.stderr
    assert snapshot(project.public) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root to run the build as an unprivileged user")
def test_a_read_only_published_site_is_replaced_and_leaves_nothing_behind():
    home = tempfile.mkdtemp(prefix="site-builder-ro-")  # not under pytest's folder, which only root may enter
    root = Path(home) / "site"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "content" / "notices").mkdir(parents=True)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    (root / "content" / "notices" / "27.md").write_text(GOOD, encoding="utf-8")
    os.chmod(home, 0o755)
    subprocess.run(["chown", "-R", "nobody", str(root)], check=True)
    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                 "site_builder", "build", "--root", str(root), "--no-search"]
    env = {**os.environ, "XDG_STATE_HOME": str(root / ".state"), "PYTHONPATH": str(REPO)}
    first = subprocess.run(as_nobody, capture_output=True, text=True, env=env, cwd="/", timeout=120)
    assert first.returncode == 0, first.stderr
    for folder, _, names in os.walk(root / "public"):
        os.chmod(folder, 0o555)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o444)
    (root / "content" / "notices" / "27.md").write_text(GOOD + "\n改。\n", encoding="utf-8")
    for attempt in range(2):
        done = subprocess.run(as_nobody, capture_output=True, text=True, env=env, cwd="/", timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "改。" in (root / "public" / "notices" / "zhengzheng-2016-27.html").read_text(encoding="utf-8")
    assert not (root / ".public.staging").exists() and not (root / ".public.old").exists()
    shutil.rmtree(home)


def test_a_lock_file_planted_as_a_link_is_not_written_through(project, capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    lock = folders.state_paths(project.public)[2]
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    code, err = run(project, capsys)
    assert code == 1 and err[0] == (f"{lock}:1: E402 cannot open the build lock: it is a symbolic link "
                                    "(remove it; the build makes its own)")
    assert victim.read_text() == "mine"


def test_the_new_site_is_flushed_to_disk_before_it_is_swapped_in(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(stage, "sync_filesystem", lambda folder: calls.append(("sync", folder.name)))
    real_swap = folders.swap
    monkeypatch.setattr(folders, "swap", lambda a, b: (calls.append(("swap", a.name)), real_swap(a, b)))
    stage.publish(tmp_path / "public", {"index.html": b"x"})
    assert calls == [("sync", ".public.staging"), ("swap", ".public.staging")]


@pytest.mark.parametrize("link", [".site-builder", ".site-builder/cache", ".site-builder/cache/fragments"])
def test_a_cache_folder_planted_as_a_link_is_never_written_or_pruned_through(site, capsys, tmp_path, link):
    site.write("27.md", GOOD)
    assert run(site, capsys)[0] == 0
    victim = tmp_path / "documents"
    (victim / "ab").mkdir(parents=True)
    (victim / "ab" / ("ab" * 32 + ".pickle")).write_bytes(b"mine")  # even a file named like ours
    (victim / "notes.txt").write_bytes(b"mine")
    shutil.rmtree(site.root / link)
    (site.root / link).symlink_to(victim)
    site.write("27.md", GOOD + "\n改。\n")
    code, err = run(site, capsys)
    assert code == 1 and err[0] == (f"{link}:1: E412 the build cache folder is a symbolic link (remove {link} (a "
                                    "link: nothing it points to is touched); the build makes its own)")
    assert everything(victim) == {"ab/" + "ab" * 32 + ".pickle": b"mine", "notes.txt": b"mine"}


def test_a_bucket_planted_as_a_link_is_replaced_not_written_through(site, capsys, tmp_path):
    site.write("27.md", GOOD)
    assert run(site, capsys)[0] == 0
    fragments = site.root / cache.FOLDER / "cache" / "fragments"
    victim = tmp_path / "documents"
    victim.mkdir()
    for bucket in fragments.iterdir():
        shutil.rmtree(bucket)
        bucket.symlink_to(victim)
    site.write("27.md", GOOD + "\n改。\n")
    assert run(site, capsys)[0] == 0
    assert list(victim.iterdir()) == []


def test_check_says_a_fifo_in_the_built_site_and_does_not_wait_for_it(site):
    site.write("27.md", GOOD)
    assert main(["build", "--root", str(site.root), "--no-search"]) == 0
    os.mkfifo(site.public / "stray.html")
    done = subprocess.run([sys.executable, "-m", "site_builder", "check", "--root", str(site.root)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "public/stray.html:1: E707 cannot read file: not a regular file: a FIFO" in done.stderr
