import os

from site_builder.core.config import SiteConfig
from site_builder.load.settings import load_config


def test_no_site_toml_is_a_warning_and_the_defaults(tmp_path):
    config, found = load_config(tmp_path)
    assert config == SiteConfig() and [str(d) for d in found] == [
        "site.toml:1: W200 no site.toml: using default settings ('site-builder new DIR' writes a commented one: copy "
        "it here and set the site name)"]


def test_a_site_toml_that_cannot_be_read_is_an_error_not_the_defaults(tmp_path):
    os.mkfifo(tmp_path / "site.toml")
    assert [str(d) for d in load_config(tmp_path)[1]] == [
        "site.toml:1: E201 cannot read site.toml: not a regular file: a FIFO"]
    os.unlink(tmp_path / "site.toml")
    (tmp_path / "site.toml").write_bytes(b"\xff")
    assert [str(d) for d in load_config(tmp_path)[1]] == ["site.toml:1: E201 site.toml is not valid UTF-8"]


def test_the_settings_are_read(tmp_path):
    (tmp_path / "site.toml").write_text('[site]\nname = "郑州市人民政府公报"\n', encoding="utf-8")
    config, found = load_config(tmp_path)
    assert config.name == "郑州市人民政府公报" and found == []
