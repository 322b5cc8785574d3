from site_builder.load.reference_files import load_departments, load_topic_scheme, parse_departments, parse_topic_scheme
from tests.conftest import REPO


def messages(diagnostics):
    return [str(d) for d in diagnostics]


def test_departments_by_section_with_aliases_kinds_and_slugs():
    departments, diagnostics = parse_departments("content/departments.toml", (
        '[departments]\n"市发展改革委" = ["市发改委", "市发展改革委"]\n[groups]\n"各县（市、区）人民政府" = []\n'
        '[unlisted]\n"市有关部门" = "泛指"\n'))
    assert diagnostics == []
    assert departments["市发展改革委"].aliases == ("市发改委",)
    assert departments["市发展改革委"].url == "departments/shifazhangaigewei.html"
    assert departments["各县（市、区）人民政府"].kind == "group"
    assert departments["市有关部门"].note == "泛指" and departments["市有关部门"].slug == ""


def test_an_alias_may_name_one_department_only():
    _, diagnostics = parse_departments("content/departments.toml",
                                       '[departments]\n"市发展改革委" = ["市发改委"]\n"市发改局" = [\n  "市发改委"]\n')
    assert messages(diagnostics) == [
        "content/departments.toml:3: E604 '市发改委' is already a name or alias of '市发展改革委' (line 2) "
        "(a name may stand for one department only; remove one of them)"]


def test_bad_entries_name_their_line():
    _, diagnostics = parse_departments("content/departments.toml", (
        '[departments]\n"市粮食局" = "郑州市粮食局"\n[unlisted]\n"有关部门" = []\n[bodys]\n"x" = []\n'
        '[expands]\n"各辖区政府" = ["各县（市、区）人民政府"]\n'))
    assert messages(diagnostics) == [
        "content/departments.toml:2: E603 the aliases of '市粮食局' must be a list of names "
        '("市粮食局" = ["简称", "全称"], or [] for none)',
        "content/departments.toml:4: E603 '有关部门' in [unlisted] needs the reason it is no department "
        '("有关部门" = "泛指，不是具体部门")',
        "content/departments.toml:5: W602 unknown section [bodys] is ignored (did you mean [bodies]?)",
        "content/departments.toml:8: E605 '各辖区政府' stands for '各县（市、区）人民政府', which is no department of this "
        "file (list the canonical names (the keys) it stands for)"]


def test_invalid_toml_is_an_error_with_its_line():
    _, diagnostics = parse_departments("content/departments.toml", "[departments]\n市粮食局 = []\n")
    assert len(diagnostics) == 1 and diagnostics[0].code == "E601" and diagnostics[0].line == 2


def test_topic_scheme_settings_and_problems():
    scheme, diagnostics = parse_topic_scheme("content/topics.toml", (
        'max_topics = 0\nfoo = 1\n["农业、林业、水利"]\n"林业" = "林场"\n"水利" = ["水利"]\n'))
    assert messages(diagnostics) == [
        "content/topics.toml:1: E612 max_topics must be a whole number above 0, not 0",
        "content/topics.toml:2: E612 unknown setting 'foo' (settings: max_topics, min_score, title_weight; "
        'a category is a table: ["foo"])',
        "content/topics.toml:4: E613 the keywords of '农业、林业、水利\\林业' must be a list of words "
        '("林业" = ["关键词", …], or [] for none)',
        'content/topics.toml:1: E614 no ["其他"] category (notices that match no rule are filed under it; '
        "add it at the end)"]
    assert [t.key for t in scheme.topics] == ["农业、林业、水利", "农业、林业、水利\\水利"]


def test_missing_files(tmp_path):
    departments, diagnostics = load_departments(tmp_path, tmp_path / "content")
    assert departments == {} and diagnostics == []
    scheme, diagnostics = load_topic_scheme(tmp_path, tmp_path / "content")
    assert [t.key for t in scheme.topics] == ["其他"]
    assert messages(diagnostics) == ["content/topics.toml:1: W615 no topics file: every notice is filed under 其他 "
                                     f"(copy the built-in rules: {REPO / 'content/topics.toml'})"]


def test_the_embedded_files_are_clean():
    from tests.conftest import REPO

    departments, diagnostics = load_departments(REPO, REPO / "content")
    assert diagnostics == [] and len(departments) > 100
    scheme, diagnostics = load_topic_scheme(REPO, REPO / "content")
    assert diagnostics == []
    assert len([t for t in scheme.topics if not t.parent]) == 22
