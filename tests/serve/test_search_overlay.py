"""The preview's search overlay: the edited pages indexed alone, and the published ids they replace."""

import json
import re

from site_builder.build import build
from site_builder.search.index import pagefind_binary
from site_builder.serve.search_overlay import FOLDER, SHARD, index_overlay, overlay_script, page_ids, page_url
from tests.conftest import notice_text

OLD = "关于全面落实粮食安全省长责任制的实施意见"
NEW = "关于全面落实耕地保护目标责任制的实施意见"


def overlay_data(script: str) -> dict:
    found = re.fullmatch(r'<script data-site-builder="search-overlay">window.siteBuilderSearchOverlay = (.*);'
                         r'</script>\n', script)
    assert found, script
    return json.loads(found.group(1))


def test_page_url_is_what_pagefind_records():
    assert page_url("notices/zhengzheng-2016-24.html") == "/notices/zhengzheng-2016-24.html"
    assert page_url("departments/x/index.html") == "/departments/x/"
    assert page_url("index.html") == "/"


def test_the_script_cannot_close_its_tag():
    assert "</script" not in overlay_script(["zh_</script>"], {})[:-len("</script>\n")]
    assert overlay_data(overlay_script(["zh_1"], {"zh_2": "2016"})) == {
        "shard": SHARD, "hidden": ["zh_1"], "pages": {"zh_2": "2016"}}


def test_an_edited_page_is_indexed_alone_and_hides_its_published_text(site):
    site.write("24.md", notice_text())
    site.write("27.md", notice_text(doc_number="郑政〔2016〕27号", title="关于加快会展业发展的意见",
                                    date="2015-08-18"))
    build(site.root)
    public = site.root / "public"
    page = "notices/zhengzheng-2016-24.html"
    published = page_ids(public / "pagefind" / "2016")
    assert set(published) == {"/" + page}
    edited = (public / page).read_bytes().replace(OLD.encode(), NEW.encode())
    other = "notices/zhengzheng-2016-27.html"
    shard_of = {page: "2016", other: "2015"}

    overlay = index_overlay({page: edited, other: (public / other).read_bytes()}, shard_of, public,
                            pagefind_binary())

    assert f"{FOLDER}/pagefind-entry.json" in overlay.files
    fragments = [path for path in overlay.files if path.endswith(".pf_fragment")]
    assert len(fragments) == 2
    data = overlay_data(overlay.script)
    # The edited page's published id is hidden; the unchanged page keeps its id, so nothing of it is hidden.
    assert data["hidden"] == [published["/" + page]]
    assert sorted(data["pages"].values()) == ["2015", "2016"]
    new_id = next(page_id for page_id, shard in data["pages"].items() if shard == "2016")
    assert new_id != published["/" + page]
    assert data["pages"][page_ids(public / "pagefind" / "2015")["/" + other]] == "2015"
    assert all(NEW.encode() not in data for data in overlay.files.values())  # fragments are compressed
    assert not (public / FOLDER).exists()  # never written into the site


def test_a_missing_bundle_hides_nothing(tmp_path):
    assert page_ids(tmp_path / "nowhere") == {}
