import re

import pytest

from site_builder.build import build
from site_builder.core.config import SCHEMA, parse_config
from site_builder.starter import EXAMPLE, StarterError, create_site, site_files
from tests.conftest import REPO, notice_text, snapshot

FILES = ["site.toml", EXAMPLE, "content/departments.toml", "content/topics.toml", ".gitignore"]


def test_a_new_site_builds_without_a_warning_from_the_built_in_theme(tmp_path):
    created = create_site(tmp_path / "mysite", "洛阳市人民政府公报", "https://www.ly.gov.cn/gazette")
    assert created.written == FILES and created.kept == []
    root = tmp_path / "mysite"
    assert not (root / "templates").exists() and not (root / "theme").exists()
    result = build(root, search=False)
    assert result.diagnostics == [] and result.notices == 1
    page = (root / "public/notices/guobanfamingdian-2024-12.html").read_text("utf-8")
    assert "关于2025年部分节假日安排的通知" in page and "洛阳市人民政府公报" in page
    assert '<link rel="canonical" href="https://www.ly.gov.cn/gazette/notices/guobanfamingdian-2024-12.html">' in page
    assert (root / "public/assets/site.css").read_bytes() == (REPO / "theme/site.css").read_bytes()


def test_site_toml_is_commented_and_holds_the_name_and_the_address(tmp_path):
    text = site_files("郑州市人民政府公报", "https://www.zhengzhou.gov.cn/gazette/")["site.toml"].decode("utf-8")
    config, problems = parse_config("site.toml", text)
    assert problems == []
    assert config.name == "郑州市人民政府公报" and config.base_url == "https://www.zhengzhou.gov.cn/gazette/"
    lines = text.splitlines()
    # Every setting, each explained on its line or above; one the site may turn on is there, commented out.
    settings = [n for n, line in enumerate(lines) if re.match(r"(# )?[a-z_]+ = ", line)]
    assert len(settings) == sum(map(len, SCHEMA.values()))
    assert all(" # " in lines[n] or lines[n - 1].startswith("#") for n in settings)
    defaults = parse_config("site.toml", site_files()["site.toml"].decode("utf-8"))[0]
    assert defaults.name == "政府公报" and defaults.base_url == "https://example.gov.cn/"


def test_the_topics_are_the_built_in_rules_and_the_departments_file_is_an_explained_empty_one(tmp_path):
    files = site_files()
    assert files["content/topics.toml"] == (REPO / "content/topics.toml").read_bytes()
    departments = files["content/departments.toml"].decode("utf-8")
    assert "W621" in departments and all(f"[{s}]" in departments for s in ("departments", "counties", "unlisted"))
    assert files[".gitignore"].decode("utf-8").splitlines()[1:] == ["/public/", "/.public.*", "/.site-builder/"]


@pytest.mark.parametrize("name, base_url, message", [
    ("", None, "--name must be the gazette's name on one line, e.g. 郑州市人民政府公报, not ''"),
    ("公报\n二", None, "--name must be the gazette's name on one line, e.g. 郑州市人民政府公报, not '公报\\n二'"),
    (None, "www.ly.gov.cn", "--base-url must be an absolute http(s) URL without query, fragment, quotes or spaces, "
                            "not 'www.ly.gov.cn/'"),
    (None, "https://ly.gov.cn/a b", "--base-url must be an absolute http(s) URL without query, fragment, quotes or "
                                    "spaces, not 'https://ly.gov.cn/a b/'"),
])
def test_a_bad_name_or_address_is_refused_and_nothing_is_written(tmp_path, name, base_url, message):
    with pytest.raises(StarterError) as caught:
        create_site(tmp_path / "mysite", name, base_url)
    assert str(caught.value) == message
    assert not (tmp_path / "mysite").exists()


def test_a_folder_that_holds_anything_is_refused_without_force(tmp_path):
    root = tmp_path / "mysite"
    (root / "content").mkdir(parents=True)
    (root / "notes.txt").write_text("mine")
    with pytest.raises(StarterError) as caught:
        create_site(root)
    assert str(caught.value) == (f"{root} is not empty (content, notes.txt): choose a new folder, or add --force to "
                                 "write the files it lacks (nothing there is replaced)")
    assert snapshot(root) == {"notes.txt": b"mine"}
    (tmp_path / "file").write_text("x")
    with pytest.raises(StarterError, match="is a file, not a folder"):
        create_site(tmp_path / "file")


def test_a_folder_holding_only_a_git_repository_counts_as_empty(tmp_path):
    (tmp_path / "mysite/.git").mkdir(parents=True)
    assert create_site(tmp_path / "mysite").written == FILES


def test_force_writes_only_what_is_missing_and_no_example_beside_real_notices(tmp_path):
    root = tmp_path / "mysite"
    (root / "content/notices").mkdir(parents=True)
    (root / "site.toml").write_text('[site]\nname = "我们的公报"\n', "utf-8")
    ours = notice_text()
    (root / "content/notices/24.md").write_text(ours, "utf-8")
    before = snapshot(root)
    created = create_site(root, "别的名字", force=True)
    assert created.kept == ["site.toml"]
    assert created.written == ["content/departments.toml", "content/topics.toml", ".gitignore"]
    after = snapshot(root)
    assert {path: after[path] for path in before} == before  # nothing replaced, nothing removed
    assert not (root / EXAMPLE).exists()
    assert build(root, search=False).notices == 1
