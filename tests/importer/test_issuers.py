from site_builder.importer.issuers import completes, fullest


def test_a_name_printed_short_is_completed_from_the_full_one():
    assert completes("市政府办公室", "徐州市人民政府办公室")
    assert completes("县人民政府", "浠水县人民政府")
    assert completes("江苏省政府办公厅", "江苏省人民政府办公厅")
    assert completes("市人民政府办公厅", "贵阳市人民政府办公厅")


def test_a_name_that_says_its_place_is_complete_and_another_organ_is_never_taken():
    assert not completes("宿迁市人民政府", "江苏省宿迁市人民政府")  # a page's label adding the province
    assert not completes("国务院", "中华人民共和国国务院")
    assert not completes("办公厅", "国务院办公厅")  # a level word, not a place: too little to say which
    assert not completes("市人民政府", "贵阳市人民政府办公厅")  # the city, not its office
    assert not completes("贵阳市人民政府办公厅", "贵阳市人民政府办公厅")


def test_the_fullest_of_the_names_printed_for_one_organ():
    pool = ["贵阳市人民政府办公厅", "市政府办公厅", "贵州省贵阳市人民政府"]
    assert fullest("市人民政府办公厅", pool) == "贵阳市人民政府办公厅"
    assert fullest("市政府", pool) == "贵州省贵阳市人民政府"
    assert fullest("省人民政府", pool) == "省人民政府"
