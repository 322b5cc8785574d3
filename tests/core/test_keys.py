from site_builder.core import keys
from site_builder.core.code_digest import CODE_DIGEST


def test_every_key_changes_with_the_code_and_with_each_of_its_inputs(monkeypatch):
    made = {
        "extract": lambda: keys.extract_key("ref", "content/notices/a.md", "f"),
        "library": lambda: keys.library_key("ref", [("a", "p")]),
        "inputs": lambda: keys.inputs_key(True, "settings", "ref", [("a.md", 1, 2)], "theme", "1.3"),
        "files": lambda: keys.files_digest([("templates/a.html", b"x")]),
        "salt": lambda: keys.render_salt("theme", "settings"),
    }
    before = {name: make() for name, make in made.items()}
    monkeypatch.setattr(keys, "CODE_DIGEST", "0" * 64)
    assert all(before[name] != make() for name, make in made.items())
    assert CODE_DIGEST != "0" * 64
    assert keys.extract_key("ref", "a.md", "f") != keys.extract_key("ref", "b.md", "f")
    assert keys.library_key("ref", [("a", "p")]) != keys.library_key("ref", [("a", "q")])
    assert keys.inputs_key(True, "s", "r", [("a.md", 1, 2)], "t", None) != \
        keys.inputs_key(True, "s", "r", [("a.md", 1, 3)], "t", None)


def test_keys_of_pages_come_from_the_salt_and_what_the_page_is_made_of():
    assert keys.page_key("salt", "notices/a.html", "i") != keys.page_key("salt", "notices/b.html", "i")
    assert keys.view_key("s", "list.html", "a.html", "{}") != keys.view_key("s", "list.html", "a.html", "[]")
    assert keys.aggregate_key("salt", "") == "" and len(keys.aggregate_key("salt", "lib")) == 64
    assert keys.search_key("s", "fragment", "public") != keys.search_key("s", "fragment", "other")


def test_a_file_name_that_is_not_utf8_still_has_a_key():
    assert len(keys.extract_key("ref", "content/notices/\udcff.md", "f")) == 64


def test_the_state_identity_ignores_order():
    assert keys.state_identity(["b", "a"]) == keys.state_identity(["a", "b"]) != keys.state_identity(["a"])
    assert keys.facts_digest(["a", "b"]) != keys.facts_digest(["b", "a"])
