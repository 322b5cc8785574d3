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


def test_a_site_template_replaces_the_built_in_one_and_can_extend_it_with_an_exclamation_mark(tmp_path):
    site, builtin = tmp_path / "site", tmp_path / "builtin"
    for folder in (site, builtin):
        folder.mkdir()
    (builtin / "base.html").write_text("<h1>{% block head %}公报{% endblock %}</h1><main>{% block main %}{% endblock %}"
                                       "</main>{% include 'foot.html' %}")
    (builtin / "page.html").write_text("{% extends 'base.html' %}{% block main %}page{% endblock %}")
    (builtin / "foot.html").write_text("<footer>built-in</footer>")
    renderer = Renderer((site, builtin))
    assert renderer.render(Page("a.html", "page.html", {})).decode() == \
        "<h1>公报</h1><main>page</main><footer>built-in</footer>"
    (site / "foot.html").write_text("<footer>ours</footer>")  # a partial: every page that includes it changes
    (site / "base.html").write_text("{% extends '!base.html' %}{% block head %}<img alt=\"\">{{ super() }}{% endblock %}")
    renderer = Renderer((site, builtin))
    assert renderer.render(Page("a.html", "page.html", {})).decode() == \
        '<h1><img alt="">公报</h1><main>page</main><footer>ours</footer>'


def test_a_template_that_extends_itself_is_an_error_with_the_way_to_reach_the_built_in_one(tmp_path):
    site, builtin = tmp_path / "templates", tmp_path / "builtin"
    for folder in (site, builtin):
        folder.mkdir()
    (builtin / "base.html").write_text("{% block main %}{% endblock %}")
    (site / "base.html").write_text("{% extends 'base.html' %}")
    (site / "page.html").write_text("{% extends 'base.html' %}")
    with pytest.raises(BuildError) as caught:
        Renderer((site, builtin)).render(Page("a.html", "page.html", {}))
    assert [str(d) for d in caught.value.diagnostics] == [
        "templates/base.html:1: E410 template error: a template extends or includes itself "
        "(the built-in template of that name is \"!base.html\")"]


def test_a_missing_template_names_both_places_it_was_looked_for(tmp_path):
    site, builtin = tmp_path / "templates", tmp_path / "builtin"
    for folder in (site, builtin):
        folder.mkdir()
    (site / "page.html").write_text("{% include 'nope.html' %}")
    with pytest.raises(BuildError) as caught:
        Renderer((site, builtin)).render(Page("a.html", "page.html", {}))
    assert [str(d) for d in caught.value.diagnostics] == [
        "templates/page.html:1: E410 template error: no template named 'nope.html' in templates/ or the built-in "
        "theme"]


def test_a_partial_that_includes_itself_is_named_with_its_folder(tmp_path):
    site, builtin = tmp_path / "templates", tmp_path / "builtin"
    (site / "partials").mkdir(parents=True)
    builtin.mkdir()
    (site / "partials/foot.html").write_text("{% include 'partials/foot.html' %}")
    (site / "page.html").write_text("<p>\n{% include 'partials/foot.html' %}")
    with pytest.raises(BuildError) as caught:
        Renderer((site, builtin)).render(Page("a.html", "page.html", {}))
    assert [str(d) for d in caught.value.diagnostics] == [
        "templates/partials/foot.html:1: E410 template error: a template extends or includes itself "
        "(the built-in template of that name is \"!partials/foot.html\")"]
