import pickle
from types import SimpleNamespace

import pytest

from site_builder.publish import cache
from site_builder.core.keys import state_identity
from site_builder.publish.cache import Cache, CacheDamaged, State, identity
from site_builder.core.model import AttachmentText, Fragment


def fragment(text="正文") -> Fragment:
    return Fragment(html=f"<p>{text}</p>", citations=(), outline=(), search_names=(text,), search_chars="")


def test_a_fragment_comes_back_as_it_was_stored(tmp_path):
    store = Cache(tmp_path)
    store.put_fragment("ab" * 32, fragment())
    assert store.has_fragment("ab" * 32) and store.get_fragment("ab" * 32) == fragment()


@pytest.mark.parametrize("kind", ["fragment", "text"])
def test_an_entry_is_never_written_through_a_bucket_planted_as_a_link(tmp_path, kind):
    store, key = Cache(tmp_path), "cd" * 32
    outside = tmp_path / "outside"
    outside.mkdir()
    value = fragment() if kind == "fragment" else AttachmentText(blocks=(("p", "正文"),))
    path = store.fragment_path(key) if kind == "fragment" else store.text_path(key)
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    path.parent.symlink_to(outside)
    getattr(store, f"put_{kind}")(key, value)
    assert list(outside.iterdir()) == [] and not path.parent.is_symlink()
    assert getattr(store, f"get_{kind}")(key) == value


def test_an_entry_not_signed_with_this_machines_key_is_never_unpickled(tmp_path):
    store = Cache(tmp_path)
    store.put_fragment("ab" * 32, fragment())
    path = store.fragment_path("ab" * 32)
    data = bytearray(path.read_bytes())
    data[-2] ^= 1  # one bit of the pickle
    path.write_bytes(bytes(data))
    with pytest.raises(CacheDamaged, match="not written on this machine"):
        store.get_fragment("ab" * 32)
    path.write_bytes(pickle.dumps(fragment()))  # a bare pickle, as an older version or an attacker wrote it
    with pytest.raises(CacheDamaged, match="not a cache entry"):
        store.get_fragment("ab" * 32)
    path.unlink()
    with pytest.raises(CacheDamaged):
        store.get_fragment("ab" * 32)


def test_the_state_and_stamp_round_trip_and_a_damaged_one_is_empty(tmp_path):
    store = Cache(tmp_path)
    state = State(files={"content/notices/a.md": (3, 4, "d")}, inputs="i", output="o", library_key="k")
    store.save_state(state)
    assert store.load_state().files == state.files and store.load_state().inputs == "i"
    store.save_stamp("i", "o", [], ("attachments/a.pdf",))
    assert store.load_stamp() == ("i", "o", [], ("attachments/a.pdf",))
    (store.folder / "state.pickle").write_bytes(b"\x80\x04junk")
    (store.folder / "stamp.pickle").write_bytes(b"")
    assert store.load_state() == State() and store.load_stamp() == ("", "", [], ())


def test_the_key_is_made_once_in_the_users_folder_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    cache.machine_key.cache_clear()
    try:
        key = cache.machine_key()
        path = tmp_path / "state" / "site-builder" / cache.KEY_FILE
        assert path.read_bytes() == key and len(key) == 32 and path.stat().st_mode & 0o777 == 0o600
        cache.machine_key.cache_clear()
        assert cache.machine_key() == key  # read again, not made again
        assert [p.name for p in path.parent.iterdir()] == [cache.KEY_FILE]
    finally:
        cache.machine_key.cache_clear()


def test_without_a_writable_home_the_key_is_this_processs_own(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "file"))  # a file where a folder should be
    cache.machine_key.cache_clear()
    try:
        assert len(cache.machine_key()) == 32
    finally:
        cache.machine_key.cache_clear()


def test_the_identity_of_a_state_names_its_extracts_and_their_public_facts_in_any_order():
    made = {key: SimpleNamespace(fragment=key, public=f"p{key}") for key in "ab"}
    assert State(extracts={"b": made["b"], "a": made["a"]}).identity == state_identity(["a:pa", "b:pb"]) \
        == identity([made["a"], made["b"]]) != state_identity(["a:pa"])
    changed = SimpleNamespace(fragment="a", public="other")  # its attachment file changed, not its own
    assert State(extracts={"a": changed, "b": made["b"]}).identity != State(extracts=made).identity


def test_a_remembering_cache_reads_an_unchanged_bucket_once_and_a_rewritten_one_again(tmp_path, monkeypatch):
    extracts = {f"{prefix}{'0' * 62}": SimpleNamespace(name=prefix) for prefix in ("aa", "bb")}
    Cache(tmp_path).save_state(State(extracts=extracts))  # another process wrote it
    read = []
    real = cache._verified
    monkeypatch.setattr(cache, "_verified", lambda data: read.append(len(data)) or real(data))
    store = Cache(tmp_path, remember=True)
    assert set(store.load_state().extracts) == set(extracts) and len(read) == 3  # the head and two buckets
    read.clear()
    assert set(store.load_state().extracts) == set(extracts) and len(read) == 1  # the head only
    changed = {**extracts, f"aa{'1' * 62}": SimpleNamespace(name="new")}
    Cache(tmp_path).save_state(State(extracts=changed), previous=State(extracts=extracts, buckets=("aa", "bb")))
    read.clear()
    assert set(store.load_state().extracts) == set(changed) and len(read) == 2  # the head and bucket aa
    read.clear()
    assert set(Cache(tmp_path).load_state().extracts) == set(changed) and len(read) == 3  # not remembering
