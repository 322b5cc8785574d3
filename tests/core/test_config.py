from site_builder.core.config import SiteConfig, parse_config


def diags(text):
    return [str(d) for d in parse_config("site.toml", text)[1]]


def test_defaults_and_values():
    config, problems = parse_config("site.toml", '[site]\nname = "测试公报"\nbase_url = "https://a.gov.cn/g/"\n')
    assert problems == []
    assert config.name == "测试公报" and config.domain == "a.gov.cn"
    assert config.absolute("notices/x.html") == "https://a.gov.cn/g/notices/x.html"
    assert config.paginate == SiteConfig().paginate


def test_unknown_key_warns_with_line_and_suggestion():
    assert diags('[site]\nname = "x"\nbase_ulr = "https://a"\n') == [
        "site.toml:3: W201 unknown setting site.base_ulr is ignored (did you mean 'base_url'?)"]


def test_unknown_table():
    assert diags('[sight]\nname = "x"\n') == [
        "site.toml:1: W201 unknown setting [sight] is ignored (did you mean 'site'?)"]


def test_bad_values_are_errors_naming_the_key():
    assert diags('[build]\npaginate = 0\noutput = "../elsewhere"\n') == [
        "site.toml:2: E203 build.paginate must be a whole number above 0, not 0",
        "site.toml:3: E203 build.output must be a folder inside the site root, not '../elsewhere'",
    ]
    assert diags('[site]\nbase_url = "www.example.com"\n') == [
        "site.toml:2: E203 site.base_url must be an absolute http(s) URL without query, fragment, quotes or "
        "spaces, not 'www.example.com'"]


def test_index_number_format_is_checked():
    assert diags('[site]\nindex_number_format = "{org}/{year}"\n') == [
        "site.toml:2: E203 site.index_number_format is not a valid format (unknown field {org}); "
        "use {org_code}, {year}, {prefix} and {number}, with a width like {number:05d}"]


def test_invalid_toml():
    assert diags('[site\nname = "x"\n')[0].startswith("site.toml:1: E201 site.toml is not valid TOML:")


def test_a_site_rebuilt_daily_says_so_and_nothing_else_is_a_schedule():
    config, problems = parse_config("site.toml", '[build]\nschedule = "daily"\n')
    assert problems == [] and config.daily and not SiteConfig().daily
    assert diags('[build]\nschedule = "weekly"\n') == [
        "site.toml:2: E203 build.schedule must be \"daily\" (the site is rebuilt every day) or \"\", not 'weekly'"]
