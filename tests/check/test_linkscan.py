from site_builder.check.linkscan import Found, scan


def test_html_links_ids_and_lines():
    html = (b'<!DOCTYPE html>\n<html><head><link rel="stylesheet" href="a.css?v=1">\n'
            b'<script src="s.js"></script></head>\n<body id="top">\n'
            b'<a href="x.html#s1">x</a> <a name="old">o</a>\n'
            b'<img src="i.png" srcset="i-2x.png 2x, i-3x.png 3x" alt="">\n'
            b'<form action="search/index.html"></form>\n'
            b'<meta http-equiv="refresh" content="0; url=new.html">\n'
            b'<p>href="not-a-link.html"</p></body></html>\n')
    found = scan("page.html", html)
    assert found.links == [Found(2, "a.css?v=1"), Found(3, "s.js"), Found(5, "x.html#s1"), Found(6, "i.png"),
                           Found(6, "i-2x.png"), Found(6, "i-3x.png"), Found(7, "search/index.html"),
                           Found(8, "new.html")]
    assert found.ids == {"top": 4, "old": 5}


def test_character_references_in_attributes_are_decoded():
    assert scan("p.html", b'<a href="a.html?x=1&amp;y=2#&#x73;1">a</a>').links == [Found(1, "a.html?x=1&y=2#s1")]


def test_duplicate_ids_are_reported_but_an_anchor_naming_itself_is_not():
    found = scan("p.html", b'<h2 id="s1">a</h2>\n<a id="x" name="x"></a>\n<p id="s1">b</p>')
    assert found.duplicate_ids == [("s1", 3)]
    assert found.ids == {"s1": 1, "x": 2}


def test_json_ld_urls_and_absolute_meta_urls_are_links():
    html = ('<head>\n<meta name="Url" content="https://example.gov.cn/g/a.html">\n'
            '<meta name="Keywords" content="郑政〔2016〕24号">\n'
            '<script type="application/ld+json">{"name": "x", "url": "https://example.gov.cn/g/a.html",\n'
            '"publisher": {"logo_url": "https://example.gov.cn/g/logo.png"}}</script>\n'
            '<script>var url = "ignored.html";</script></head>').encode()
    assert scan("a.html", html).links == [Found(2, "https://example.gov.cn/g/a.html"),
                                          Found(4, "https://example.gov.cn/g/a.html"),
                                          Found(4, "https://example.gov.cn/g/logo.png")]


def test_feed_and_sitemap_urls():
    feed = (b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            b'<link rel="self" href="https://x.gov.cn/feed.xml"/>\n<entry><id>tag:x,2016:a</id>\n'
            b'<link href="https://x.gov.cn/a.html"/></entry></feed>\n')
    assert scan("feed.xml", feed).links == [Found(3, "https://x.gov.cn/feed.xml"), Found(5, "https://x.gov.cn/a.html")]
    sitemap = (b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
               b'<url><loc>https://x.gov.cn/a.html</loc></url>\n<url><loc>\n https://x.gov.cn/b.html </loc></url>\n'
               b'</urlset>')
    assert scan("sitemap.xml", sitemap).links == [Found(3, "https://x.gov.cn/a.html"), Found(5, "https://x.gov.cn/b.html")]


def test_broken_xml_gives_the_links_before_the_error():
    assert scan("feed.xml", b'<feed>\n<link href="a.html"/>\n<oops></feed>').links == [Found(2, "a.html")]


def test_json_url_fields_are_site_root_relative_with_their_lines():
    text = ('[\n {\n  "api_url": "api/notices/a.json",\n  "title": "url",\n  "url": "notices/a.html"\n },\n'
            ' {\n  "outline": [{"url": "notices/a.html"}],\n  "urlish": "x"\n }\n]\n')
    assert scan("api/notices.json", text.encode()).links == [
        Found(3, "api/notices/a.json", "root"), Found(5, "notices/a.html", "root"), Found(8, "notices/a.html", "root")]


def test_css_urls_and_robots_sitemap():
    css = b'body { background: url("img/a.png"); }\n@import "print.css";\n.x { background: url(data:image/png;base64,AA) }'
    assert scan("assets/site.css", css).links == [Found(1, "img/a.png"), Found(2, "print.css")]
    robots = b"User-agent: *\nAllow: /\nSitemap: https://x.gov.cn/sitemap.xml\n"
    assert scan("robots.txt", robots).links == [Found(3, "https://x.gov.cn/sitemap.xml")]


def test_other_files_hold_no_links():
    found = scan("pagefind/wasm.unknown.pagefind", b"\x00\x01href=")
    assert found.links == [] and found.ids is None


def test_tags_in_comments_scripts_and_titles_are_not_links_and_quoted_brackets_do_not_end_a_tag():
    html = ('<TITLE><a href="t.html"></TITLE>\n<!-- <a href="c.html"> -->\n'
            '<script>document.write(\'<a href="s.html">\')</script>\n'
            '<A HREF=u.html TITLE="a > b" id=\'x>y\'>u</A>\n<a href="1.html" href="2.html">\n<a\nhref="n.html">')
    found = scan("p.html", html.encode())
    assert found.links == [Found(4, "u.html"), Found(5, "1.html"), Found(6, "n.html")]
    assert found.ids == {"x>y": 4}
