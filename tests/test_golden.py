"""Golden HTML for representative pages of the embedded site. Update them with `make golden` and review the diff."""

import os
from pathlib import Path

import pytest

from site_builder.build import build
from tests.conftest import copy_embedded_site

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "notices/zhengzhengbanwen-2016-64.html",  # articles in chapters, citations, a repeal
    "notices/zhengzheng-2016-24.html",  # 一、/（一） outline, 责任单位 lines
    "index.html",
]


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded")
    copy_embedded_site(root)
    build(root, search=False)
    return root / "public"


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(embedded_site, page):
    actual = (embedded_site / page).read_text("utf-8")
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, "utf-8")
    assert golden.exists(), f"no golden file for {page}: run `make golden`"
    assert actual == golden.read_text("utf-8"), f"{page} differs from {golden}: review, then `make golden`"
