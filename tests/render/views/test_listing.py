"""The lists that show a notice, made alone (the preview shows them early): the same pages the build makes."""

from site_builder.build import build
from site_builder.render.views import run_all
from site_builder.render.views.site import pages_listing, producers
from tests.conftest import copy_embedded_site

LISTS = ("home.html", "list.html", "topic.html")


def test_the_lists_showing_a_notice_are_the_builds_pages_that_list_it(tmp_path):
    root = copy_embedded_site(tmp_path / "site")
    snapshot = build(root, search=False, keep=True).snapshot
    library, config = snapshot.library, snapshot.config
    every = [page for page in run_all(producers(library, config)) if page.template in LISTS]
    for notice in library.sorted_notices()[::5]:
        alone = pages_listing(library, config, notice)
        expected = {page.path: page.context for page in every if notice.url in page.deps}
        assert {page.path: page.context for page in alone} == expected, notice.slug
        assert {"notices/index.html", f"years/{notice.date.year}.html"} <= set(expected), notice.slug
        assert any(path.startswith("topics/") for path in expected), notice.slug
