import pytest

from site_builder.core.diagnostics import BuildError
from site_builder.render.jinja import Renderer, json_for_script, relative_url
from site_builder.render.views import Page


def test_links_are_relative_to_the_page_so_the_site_works_under_any_path():
    assert relative_url("notices/a.html", "notices/b.html#s2") == "b.html#s2"
    assert relative_url("notices/a.html", "index.html") == "../index.html"
    assert relative_url("index.html", "topics/x/y.html") == "topics/x/y.html"
    assert relative_url("topics/x/y.html", "topics/z.html") == "../z.html"
    assert relative_url("a/b.html", "#top") == "#top"


def test_json_in_a_script_cannot_close_the_script():
    assert str(json_for_script({"t": "</script><!--&"})) == '{"t":"\\u003c/script\\u003e\\u003c!--\\u0026"}'


def test_templates_autoescape_and_an_undefined_name_is_an_error_naming_the_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ok.html").write_text("<p>{{ title }}</p><a href=\"{{ 'x/y.html'|rel }}\">a</a>")
    (tmp_path / "templates" / "bad.html").write_text("<p>\n{{ missing }}</p>")
    renderer = Renderer(tmp_path / "templates")
    page = Page("x/z.html", "ok.html", {"title": "<b>关于</b>"})
    assert renderer.render(page) == '<p>&lt;b&gt;关于&lt;/b&gt;</p><a href="y.html">a</a>'.encode()
    feed = Page("x/feed.xml", "ok.html", {"title": "关于\x01"})  # a control character never reaches a feed
    assert renderer.render(feed) == '<p>关于</p><a href="y.html">a</a>'.encode()
    with pytest.raises(BuildError) as caught:
        renderer.render(Page("x.html", "bad.html", {}))
    assert [str(d) for d in caught.value.diagnostics] == ["templates/bad.html:2: E410 template error: 'missing' is "
                                                          "undefined"]


def test_assets_carry_their_version_for_caching(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "p.html").write_text("{{ asset('site.css') }}")
    renderer = Renderer(tmp_path / "t", asset_versions={"site.css": "abc"})
    assert renderer.render(Page("notices/a.html", "p.html", {})) == b"../assets/site.css?v=abc"
