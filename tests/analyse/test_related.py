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


def _edited(count: int, seed: int, titles_only: bool = False):
    """A library of `count` notices sharing citations, topics, departments and title words, and the same library
    with a few notices edited (titles, citations, topics): what an editor's save changes."""
    import random

    chooser = random.Random(seed)
    words = ["钢铁行业", "化解产能", "粮食安全", "会展业", "城市管理", "生态环境", "养老服务", "税收征管", "森林防火",
             "河道治理", "电子商务", "物流园区", "义务教育", "医疗保障", "公共文化", "体育设施", "住房租赁", "燃气安全",
             "道路运输", "旅游景区", "科技创新", "知识产权", "外资利用", "数据共享", "应急物资", "人才引进"]
    cited = ["国发〔2016〕6号", "豫政〔2015〕2号", "国办发〔2014〕9号"]
    topics = ["环境保护", "城乡建设", "其他"]

    def text(number, title, cites, topic):
        body = "根据" + "和".join(cites) + "。" if cites else "正文。"
        return notice(number, title, body, day=1 + number % 28, topics=[topic])

    made = []
    for number in range(1, count + 1):
        title = "关于" + "".join(chooser.sample(words, 2)) + "的通知"
        made.append([number, title, chooser.sample(cited, chooser.randint(0, 2)), chooser.choice(topics)])
    before = [text(*item) for item in made]
    for item in chooser.sample(made, 3):
        item[1] = "关于" + "".join(chooser.sample(words, 2)) + "修订的通知"
        if not titles_only:
            item[2] = chooser.sample(cited, chooser.randint(0, 2))
            item[3] = chooser.choice(topics)
    scheme, _ = parse_topic_scheme("t", '["城乡建设、环境保护"]\n"环境保护" = []\n"城乡建设" = []\n["其他"]\n')
    return library_of(*before, scheme=scheme), library_of(*[text(*item) for item in made], scheme=scheme)


def test_ranking_again_after_an_edit_equals_ranking_from_scratch():
    for seed in range(8):
        first, edited = _edited(60, seed, titles_only=seed % 2 == 1)
        before = related.ranking(first)
        again = related.ranking(edited, before)
        assert again.related == related.rank(edited), seed
        assert again.related == related.ranking(edited).related


def test_ranking_again_ranks_only_what_an_edit_can_move():
    scheme, _ = parse_topic_scheme("t", '["城乡建设、环境保护"]\n"环境保护" = []\n"城乡建设" = []\n["其他"]\n')
    topics = ["环境保护", "城乡建设", "其他"]
    titles = [f"关于第{n}项工作的通知" for n in range(1, 31)]
    first = library_of(*[notice(n, titles[n - 1], day=n % 28 + 1, topics=[topics[n % 3]]) for n in range(1, 31)],
                       scheme=scheme)
    edited = library_of(*[notice(n, titles[n - 1], day=n % 28 + 1, topics=[topics[(n + (n == 3)) % 3]])
                          for n in range(1, 31)], scheme=scheme)  # 郑政〔2016〕3号: 环境保护 → 城乡建设
    before = related.ranking(first)
    assert related.affected(before.signals, before.signals) == set()
    moved = related.affected(related.signals(edited), before.signals)
    assert moved == {f"zhengzheng-2016-{n}" for n in range(1, 31) if n % 3 != 2}  # the sharers of both, not 其他
    assert related.ranking(edited, before).related == related.rank(edited)


def test_a_ranking_of_other_notices_is_not_reused():
    first, edited = _edited(60, 2)
    fewer, _ = _edited(59, 2)
    before = related.ranking(fewer)
    assert related.ranking(first, before).related == related.rank(first)
