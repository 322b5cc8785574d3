from site_builder.analyse import related
from site_builder.core.model import Department, Responsibility
from site_builder.load.reference_files import parse_topic_scheme
from tests.conftest import notice_text
from tests.analyse.test_xref import library_of


def notice(number, title, body="正文。", day=1, issuer="郑州市人民政府", topics=()):
    extra = "".join(f"topics: [{', '.join(topics)}]\n" for _ in [0] if topics)
    return notice_text(doc_number=f"郑政〔2016〕{number}号", title=title, date=f"2016-08-{day:02d}", issuer=issuer,
                       body=body, extra=extra)


def ranked(library, slug="zhengzheng-2016-1", found=None):
    return [(r.slug, r.reasons) for r in related.rank(library, found)[slug]]


def test_a_direct_citation_comes_first_then_a_shared_citation_then_title_words():
    library = library_of(
        notice(1, "关于钢铁行业化解过剩产能的通知", "根据国发〔2016〕6号和郑政〔2016〕2号。"),
        notice(2, "关于会展业的意见", day=2),
        notice(3, "关于煤炭行业的通知", "根据国发〔2016〕6号。", day=3),
        notice(4, "关于钢铁行业化解过剩产能领导小组的通知", day=4),
        notice(5, "关于粮食安全的通知", day=5),
    )
    assert ranked(library) == [
        ("zhengzheng-2016-2", ("引用关系",)),
        ("zhengzheng-2016-3", ("共同引用国发〔2016〕6号", "同类文件")),
        ("zhengzheng-2016-4", ("标题相近", "同类文件")),
        ("zhengzheng-2016-5", ("同类文件",)),
    ]


def test_topics_from_the_front_matter_relate_notices():
    scheme, _ = parse_topic_scheme("t", '["城乡建设、环境保护"]\n"环境保护" = []\n["其他"]\n')
    library = library_of(notice(1, "关于甲的通知", topics=["环境保护"]), notice(2, "关于乙的意见", day=2),
                         notice(3, "关于丙的意见", day=3, topics=["环境保护"]), scheme=scheme)
    assert ranked(library)[0] == ("zhengzheng-2016-3", ("同属主题“环境保护”",))


def test_another_analysis_joins_as_one_more_signal():
    library = library_of(notice(1, "关于甲的通知"), notice(2, "关于乙的通知", day=2), notice(3, "关于丙的通知", day=3))
    found = related.signals(library)
    assert ranked(library, found=found)[0][0] == "zhengzheng-2016-2"  # nearest in date among equals
    found["资金来源"] = {"zhengzheng-2016-1": frozenset({"市级财政"}), "zhengzheng-2016-3": frozenset({"市级财政"})}
    assert ranked(library, found=found)[0] == ("zhengzheng-2016-3", ("市级财政", "同类文件"))


def test_shared_departments_relate_notices_but_groups_do_not():
    library = library_of(notice(1, "关于甲的通知"), notice(2, "关于乙的通知", day=2), notice(3, "关于丙的通知", day=3))
    library.departments = {"市林业局": Department("市林业局", "department"),
                           "各县（市、区）人民政府": Department("各县（市、区）人民政府", "group")}

    def duty(name):
        return Responsibility(name, "牵头", "s1", "一", "任务", 7)

    library.responsibilities = {"zhengzheng-2016-1": (duty("市林业局"), duty("各县（市、区）人民政府")),
                                "zhengzheng-2016-2": (duty("各县（市、区）人民政府"),),
                                "zhengzheng-2016-3": (duty("市林业局"),)}
    assert ranked(library)[0] == ("zhengzheng-2016-3", ("均涉及市林业局", "同类文件"))


def test_derived_topics_relate_notices_but_the_fallback_does_not():
    library = library_of(notice(1, "关于甲的通知"), notice(2, "关于乙的通知", day=2), notice(3, "关于丙的通知", day=3))
    library.topics = {"zhengzheng-2016-1": ("农业、林业、水利\\林业", "其他"), "zhengzheng-2016-2": ("其他",),
                      "zhengzheng-2016-3": ("农业、林业、水利\\林业",)}
    assert ranked(library)[0] == ("zhengzheng-2016-3", ("同属主题“林业”", "同类文件"))


def test_a_key_many_notices_share_relates_only_the_nearest_in_date():
    library = library_of(*[notice(n, f"关于第{n}项的通知", day=1 + n % 28) for n in range(1, 41)])
    found = {"kind": related.signals(library)["kind"]}
    result = related.rank(library, found)
    assert all(len(items) == related.LIMIT for items in result.values())
    order = [n.slug for n in library.sorted_notices()]
    middle = order[20]
    nearest = {order[i] for i in range(20 - related.WINDOW // 2, 20 + related.WINDOW // 2 + 1)} - {middle}
    assert {r.slug for r in result[middle]} <= nearest


def test_a_notice_with_nothing_in_common_has_no_related_notices():
    library = library_of(notice(1, "关于甲的通知"), notice(2, "关于乙的意见", issuer="郑州市人民政府办公厅"))
    assert ranked(library) == []


def test_title_words_leave_out_what_every_title_says():
    assert related.title_words("郑州市人民政府关于印发2016年郑州市煤炭消费减量替代工作方案的通知") == frozenset(
        {"煤炭", "炭消", "消费", "费减", "减量", "量替", "替代"})
