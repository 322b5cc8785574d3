from site_builder.render.views import pagination

PATHS = ["list.html"] + [f"list-{n}.html" for n in range(2, 41)]  # 40 pages


def numbers(found: dict) -> list:
    return ["…" if item["gap"] else item["number"] for item in found["pages"]]


def test_a_short_list_links_every_page():
    found = pagination(PATHS[:5], 3)
    assert numbers(found) == [1, 2, 3, 4, 5]
    assert (found["current"], found["count"], found["prev"], found["next"]) == (3, 5, "list-2.html", "list-4.html")


def test_a_long_list_links_the_ends_and_a_window_around_the_current_page():
    assert numbers(pagination(PATHS, 1)) == [1, 2, 3, "…", 40]
    assert numbers(pagination(PATHS, 20)) == [1, "…", 18, 19, 20, 21, 22, "…", 40]
    assert numbers(pagination(PATHS, 40)) == [1, "…", 38, 39, 40]
    assert pagination(PATHS, 40)["next"] == "" and pagination(PATHS, 1)["prev"] == ""


def test_a_gap_of_one_page_shows_the_page_instead():
    assert numbers(pagination(PATHS, 5)) == [1, 2, 3, 4, 5, 6, 7, "…", 40]
    assert numbers(pagination(PATHS, 4)) == [1, 2, 3, 4, 5, 6, "…", 40]


def test_every_page_is_reachable_and_the_links_stay_few():
    for n in range(1, 41):
        found = pagination(PATHS, n)
        assert len(found["pages"]) <= 9
        urls = [item["url"] for item in found["pages"] if not item["gap"]]
        assert urls == sorted(set(urls), key=PATHS.index) and PATHS[n - 1] in urls
        assert all(item["url"] == PATHS[item["number"] - 1] for item in found["pages"] if not item["gap"])
