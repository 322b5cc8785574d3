import gzip
import json

import pytest

from site_builder.search.bundle import MAGIC, canonical_bundle, canonical_meta, decode, encode


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65536, 2**32, -1, -25, "", "年份", b"\x00\x01",
                                   [], [1, ["zh_1", 2]], True, False, None])
def test_encoding_gives_back_what_was_decoded(value):
    data = encode(value)
    assert decode(data) == (value, len(data))


def meta(filters: list) -> bytes:
    return MAGIC + encode(["1.5.2", [["zh_8e9b1bc", 2871]], [["0", "印发", "zh_39efa81"]], filters,
                           [["date", [1, 0]]], ["title", "文号"]])


def test_filters_are_put_in_name_order():
    shuffled = meta([["年份", "zh_f9127df"], ["发文机关", "zh_66a8dcf"], ["文种", "zh_1baa518"]])
    ordered = meta([["发文机关", "zh_66a8dcf"], ["年份", "zh_f9127df"], ["文种", "zh_1baa518"]])
    assert canonical_meta(shuffled) == ordered == canonical_meta(ordered)


def test_a_file_in_an_unknown_shape_is_left_alone():
    assert canonical_meta(b"something else") is None
    assert canonical_meta(MAGIC + encode(["1.5.2"])) is None
    assert canonical_meta(MAGIC + b"\xff") is None


def test_the_bundle_entry_names_the_rewritten_file(tmp_path):
    (tmp_path / "pagefind.zh_aaaaaaaaaa.pf_meta").write_bytes(gzip.compress(meta([["年份", "h1"], ["发文机关", "h2"]])))
    (tmp_path / "pagefind-entry.json").write_text(
        '{"version":"1.5.2","languages":{"zh":{"hash":"zh_aaaaaaaaaa","wasm":null,"page_count":1}}}', "utf-8")
    assert canonical_bundle(tmp_path)
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text("utf-8"))
    new_hash = entry["languages"]["zh"]["hash"]
    assert new_hash != "zh_aaaaaaaaaa" and new_hash.startswith("zh_")
    rewritten = gzip.decompress((tmp_path / f"pagefind.{new_hash}.pf_meta").read_bytes())
    assert rewritten == meta([["发文机关", "h2"], ["年份", "h1"]])
    assert not (tmp_path / "pagefind.zh_aaaaaaaaaa.pf_meta").exists()


def test_filter_values_are_put_in_order_and_the_metadata_follows_the_renamed_chunk(tmp_path):
    (tmp_path / "filter").mkdir()
    chunk = MAGIC + encode(["发文机关", [["郑州市人民政府办公厅", [0]], ["郑州市人民政府", [1]]]])
    (tmp_path / "filter" / "zh_1111111.pf_filter").write_bytes(gzip.compress(chunk))
    (tmp_path / "pagefind.zh_aaaaaaaaaa.pf_meta").write_bytes(gzip.compress(meta([["发文机关", "zh_1111111"]])))
    (tmp_path / "pagefind-entry.json").write_text('{"languages":{"zh":{"hash":"zh_aaaaaaaaaa"}}}', "utf-8")
    assert canonical_bundle(tmp_path)
    [written] = (tmp_path / "filter").glob("*.pf_filter")
    assert gzip.decompress(written.read_bytes()) == MAGIC + encode(
        ["发文机关", [["郑州市人民政府", [1]], ["郑州市人民政府办公厅", [0]]]])
    new_hash = json.loads((tmp_path / "pagefind-entry.json").read_text("utf-8"))["languages"]["zh"]["hash"]
    rewritten = gzip.decompress((tmp_path / f"pagefind.{new_hash}.pf_meta").read_bytes())
    assert rewritten == meta([["发文机关", written.stem]])
