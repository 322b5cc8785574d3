"""The render step into a stage: what changed is rendered, what did not is carried over, the rest is keyed."""

import hashlib

from site_builder.analyse.run import assemble
from site_builder.core.config import SiteConfig
from site_builder.core.keys import search_key
from site_builder.publish.cache import Cache
from site_builder.publish.pages import asset_versions, render_site, schedule, search_keys, theme_and_templates_digest
from site_builder.publish.stage import Stage
from site_builder.extract.notice import Context, extract
from site_builder.extract.department_names import Directory
from site_builder.core.model import Library
from tests.conftest import REPO, copy_embedded_site, notice_text

TEXT = notice_text(doc_number="郑政〔2016〕27号", title="关于加快会展业发展的意见", date="2016-08-18", body="正文。")


def library_in(root, text=TEXT) -> tuple[Library, Cache]:
    """A library of one notice whose fragment is in root's cache, as the extract phase leaves it."""
    store = Cache(root)
    library, _ = assemble([("content/notices/27.md", text.encode())])
    found, fragment, _ = extract("content/notices/27.md", text.encode(),
                                 Context(Directory({}), library.topic_scheme, ""))
    assert found.fragment == library.extracts["zhengzheng-2016-27"].fragment
    store.put_fragment(found.fragment, fragment)
    return library, store


def test_a_first_render_writes_every_page_and_the_second_carries_them_over(tmp_path):
    root = copy_embedded_site(tmp_path / "site")
    library, store = library_in(root)
    stage = Stage(tmp_path / "public")
    first = render_site(stage, library, SiteConfig(), root, store, jobs=1, library_key="k")
    stage.commit()
    assert "notices/zhengzheng-2016-27.html" in first.paths and "api/notices.json" in first.paths
    assert first.search_plan == {"2016": ["notices/zhengzheng-2016-27.html"]}
    stage = Stage(tmp_path / "public")
    second = render_site(stage, library, SiteConfig(), root, store, jobs=1, library_key="k", changed=frozenset())
    assert second.paths == () and stage.written == 0 and stage.linked == len(stage.manifest)
    stage.abort()


def test_a_notice_whose_facts_changed_is_rendered_again_and_nothing_else_of_it_is_guessed(tmp_path):
    root = copy_embedded_site(tmp_path / "site")
    library, store = library_in(root)
    stage = Stage(tmp_path / "public")
    render_site(stage, library, SiteConfig(), root, store, jobs=1, library_key="k")
    stage.commit()
    edited = TEXT.replace("正文。", "新的正文。")
    library, store = library_in(root, edited)
    stage = Stage(tmp_path / "public")
    again = render_site(stage, library, SiteConfig(), root, store, jobs=1, library_key="k",
                        changed=frozenset({"zhengzheng-2016-27"}))
    assert again.paths == ("api/notices/zhengzheng-2016-27.json", "notices/zhengzheng-2016-27.html")
    stage.commit()
    assert "新的正文" in (tmp_path / "public" / "notices" / "zhengzheng-2016-27.html").read_text("utf-8")


def test_search_keys_follow_what_pagefind_reads_not_where_links_point():
    library, _ = assemble([("content/notices/27.md", TEXT.encode())])
    extract_ = library.extracts["zhengzheng-2016-27"]
    assert search_keys(library, "salt") == {
        "notices/zhengzheng-2016-27.html": search_key("salt", extract_.fragment, extract_.public)}


def test_templates_and_theme_are_one_digest_and_assets_get_short_versions(tmp_path):
    root = copy_embedded_site(tmp_path / "site")
    before = theme_and_templates_digest(root)
    assert before == theme_and_templates_digest(REPO)
    (root / "theme" / "extra.css").write_text("p{}")
    assert theme_and_templates_digest(root) != before
    assert asset_versions({"assets/site.css": b"p{}"}) == {"site.css": hashlib.sha256(b"p{}").hexdigest()[:10]}


def test_the_workers_take_the_notices_in_order_and_the_other_producers_spread_over_the_first_half():
    from site_builder.core import pool

    notices = [("notice", f"n{i}") for i in range(1000)]
    makers = [("page", i) for i in range(30)]
    batches = schedule(notices, makers)
    assert [task for batch in batches for task in batch if task[0] == "notice"] == notices
    assert sorted(task for batch in batches for task in batch if task[0] == "page") == makers
    assert all(len(batch) == 1 for batch in batches if batch[0][0] == "page")  # a producer is a batch of its own
    runs = [index for index, batch in enumerate(batches) if batch[0][0] == "notice"]
    last_maker = max(index for index, batch in enumerate(batches) if batch[0][0] == "page")
    assert len(runs) == pool.batch_count(1000) and last_maker < runs[len(runs) // 2]
    assert batches[0] == [("page", 0)]  # the first producers start at once, beside the first notices
    assert schedule([], makers) == [[m] for m in makers]
    assert schedule(notices[:3], []) == [[notice] for notice in notices[:3]]  # runs of at least one notice
