"""ASCII slugs and pinyin sort keys for Chinese names (departments, topics, 文种, 发文机关)."""

from __future__ import annotations

import re
from functools import lru_cache

# Sorted and filed by what follows the level of government: 市财政局 under C, not all under S (市).
_LEVEL = re.compile(r"^(?:中共)?(?:郑州市|市)(?:人民政府|政府)?")


@lru_cache(maxsize=8192)
def pinyin(text: str) -> tuple[str, ...]:
    """Syllables of the Chinese characters (ASCII letters and digits kept, everything else dropped)."""
    from pypinyin import Style, lazy_pinyin  # imported lazily: loading its dictionaries costs ~0.3 s

    syllables = []
    for part in lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars)):
        part = re.sub(r"[^a-z0-9]", "", part.lower())
        if part:
            syllables.append(part)
    return tuple(syllables)


def slug(text: str, separator: str = "") -> str:
    """市发展改革委 → shifazhangaigewei; 农业、林业、水利 with separator '-' → nongye-linye-shuili."""
    if separator:
        words = [slug(word) for word in re.split(r"[、，,（）()\s/\\]+", text) if word]
        return separator.join(words) or "x"
    return "".join(pinyin(text)) or "x"


# A folder's own pages: its overview (index.html) and the further pages of a paginated list (x-2.html, x-p2.html).
RESERVED = frozenset({"index"})
_PAGE_LIKE = re.compile(r"-p?[0-9]+$")


def unique_slugs(names: list[str], separator: str = "") -> dict[str, str]:
    """A slug per name, unique among the names and never one of a folder's own page names: names whose pinyin
    collide (郑州市人民政府 and a typo 郑州市人民正府) get -v2, -v3 … in the order of the names' own sort, and a
    slug that reads like a page of a list (-2, -p2) or is reserved (index) gets one too."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(names):
        base = slug(name, separator)
        candidate, n = base, 1
        while candidate in used or candidate in RESERVED or _PAGE_LIKE.search(candidate):
            n += 1
            candidate = f"{base}-v{n}"
        used.add(candidate)
        slugs[name] = candidate
    return slugs


def sort_key(name: str) -> tuple:
    """Pinyin order, ignoring a leading 市/郑州市: what a reader looks a department up by."""
    rest = _LEVEL.sub("", name) or name
    return pinyin(rest), name


def initial(name: str) -> str:
    """The letter a name is filed under in an A–Z directory ('#' when it has no pinyin)."""
    syllables = sort_key(name)[0]
    first = syllables[0][0].upper() if syllables else "#"
    return first if first.isalpha() else "#"
