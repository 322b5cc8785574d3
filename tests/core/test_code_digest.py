from site_builder.core.code_digest import CODE_DIGEST, PACKAGE, package_digest


def test_the_digest_covers_every_module_and_changes_with_any_of_them(tmp_path):
    assert CODE_DIGEST == package_digest(PACKAGE)
    assert PACKAGE.name == "site_builder" and (PACKAGE / "render" / "jinja.py").is_file()  # every phase, not core/
    for name in ("a.py", "sub/b.py"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    before = package_digest(tmp_path)
    (tmp_path / "sub/b.py").write_text("x = 2\n")
    assert package_digest(tmp_path) != before
    (tmp_path / "sub/b.py").write_text("x = 1\n")
    assert package_digest(tmp_path) == before
    (tmp_path / "sub/b.py").rename(tmp_path / "sub/c.py")  # a moved module is a change too
    assert package_digest(tmp_path) != before


def test_the_digest_is_of_the_whole_package_not_of_core_alone():
    # After the move into phase folders, the digest covered core/ only: an upgraded build.py or extract/ reused
    # what the older code had cached.
    assert PACKAGE.name == "site_builder" and (PACKAGE / "build.py").is_file()
    assert (PACKAGE / "extract" / "notice.py").is_file()
