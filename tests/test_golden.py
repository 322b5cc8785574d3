"""Golden HTML for representative pages of the embedded site. Update them with `make golden` and review the diff."""

import os
from datetime import date
from pathlib import Path

import pytest

from site_builder.build import build
from tests.conftest import copy_embedded_site

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "notices/zhengzhengbanwen-2016-64.html",  # articles in chapters, citations, a repeal, 尚未生效 on AS_OF
    "notices/zhengzheng-2016-24.html",  # 一、/（一） outline, 责任单位 lines
    "index.html",
    "current/index.html",  # the 现行有效 library
]
AS_OF = date(2016, 8, 25)  # pages print the date 效力 is decided as of: a fixed one, not the day the test runs


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("embedded")
    copy_embedded_site(root)
    build(root, search=False, as_of=AS_OF)
    return root / "public"


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(embedded_site, page):
    actual = (embedded_site / page).read_text("utf-8")
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, "utf-8")
    assert golden.exists(), f"no golden file for {page}: run `make golden`"
    assert actual == golden.read_text("utf-8"), f"{page} differs from {golden}: review, then `make golden`"
