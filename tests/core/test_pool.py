import os

from site_builder.core import pool


def square(x):
    return x * x


def pid(_):
    return os.getpid()


def test_serial_below_the_threshold_and_in_order():
    seen = []
    assert pool.run(square, [1, 2, 3], jobs=2, progress=seen.append) == [1, 4, 9]
    assert seen == [1, 1, 1]


def test_forked_workers_keep_the_order_and_report_progress():
    seen = []
    batches = [[x] * 10 for x in range(40)]
    assert pool.run(len, batches, jobs=2, sized=True, progress=seen.append) == [10] * 40
    assert sum(seen) == 400
    assert set(pool.run(pid, batches, jobs=2, sized=True)) - {os.getpid()}  # really ran elsewhere


def test_slices_cover_the_range_without_overlap():
    parts = pool.slices(10, 4)
    assert [list(r) for r in parts] == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]
    assert pool.slices(0, 4) == [] and pool.slices(3, 8) == [range(0, 1), range(1, 2), range(2, 3)]


def collector_on(_):
    import gc

    return gc.isenabled()


def test_workers_collect_cycles_even_when_the_build_paused_its_collector():
    import gc

    gc.disable()  # as build.collector_paused does
    try:
        assert set(pool.run(collector_on, [[0]] * 300, jobs=2, sized=True)) == {True}
    finally:
        gc.enable()
