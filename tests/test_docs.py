"""The guide for editors (docs/guide.md) lists every diagnostic code the source can emit, and no other."""

import re

from tests.conftest import REPO

CODE = re.compile(r"""["']([EW]\d{3})["']""")  # a code is written as a string literal where it is raised


def codes_in_source() -> set[str]:
    return {code for path in (REPO / "site_builder").rglob("*.py")
            for code in CODE.findall(path.read_text("utf-8"))}


def codes_in_guide() -> set[str]:
    return set(re.findall(r"^\| `([EW]\d{3})` \|", (REPO / "docs/guide.md").read_text("utf-8"), re.MULTILINE))


def test_the_guide_explains_every_code_the_source_can_emit():
    source = codes_in_source()
    assert len(source) > 60
    missing = sorted(source - codes_in_guide())
    assert missing == [], f"add a row for each of these to the table in docs/guide.md (常见错误代码): {missing}"


def test_the_guide_lists_no_code_the_source_does_not_have():
    assert sorted(codes_in_guide() - codes_in_source()) == []
