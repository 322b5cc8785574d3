"""Find 文号 citations in running text. Pure: a string in, spans out.

A citation is an issuing prefix, a bracketed year and a number followed by 号: 国办发〔2015〕51号. The year and the
number are unambiguous; the prefix is not, because Chinese runs words together (贯彻落实国发〔…〕, 和豫政〔…〕). So the
prefix is found by looking back from the bracket, stopping at punctuation or a word that never belongs to a prefix,
and trimming the sentence's own words (根据, 贯彻落实, 印发, 和 …) off its front.
"""

from __future__ import annotations

import re

from site_builder.extract.clauses import cn_to_int
from site_builder.core.docnum import CLOSE_BRACKETS, OPEN_BRACKETS, DocNumber, decree_number
from site_builder.core.model import Citation
from site_builder.core.vocabulary import AMEND, CITE, REPEAL


_SPACE = " \t\u3000\u00a0"
_DIGIT = "0-9０-９"  # int() reads full-width digits, which OCR and some typists produce
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NUMBER_RE = re.compile(
    rf"[{re.escape(OPEN_BRACKETS)}][{_SPACE}]*(?P<year>[12１２][{_DIGIT}]{{3}})[{_SPACE}]*"
    rf"[{re.escape(CLOSE_BRACKETS)}][{_SPACE}]*(?P<number>[{_DIGIT}]{{1,5}})[{_SPACE}]*号"
)
# A decree's number after its series: 令第588号, 令（第19号）, 令〔2010〕第15号; the series is read back from 令.
_DECREE_RE = re.compile(
    rf"令[{_SPACE}]*(?:[{re.escape(OPEN_BRACKETS)}][{_SPACE}]*(?P<year>[12１２][{_DIGIT}]{{3}})[{_SPACE}]*"
    rf"[{re.escape(CLOSE_BRACKETS)}])?[{_SPACE}]*(?P<open>[（(])?[{_SPACE}]*第[{_SPACE}]*(?P<number>[{_DIGIT}]{{1,5}})"
    rf"[{_SPACE}]*号(?(open)[{_SPACE}]*[）)])"
)
# Whose decrees: the State Council's, or a place's government (省, 市, 自治区 …); 市政府令 alone names no place.
_DECREE_SERIES_RE = re.compile(r"(?:(?:中华人民共和国)?国务院|国|(?P<place>[\u4e00-\u9fff]{1,20}?"
                               r"(?:省|市|自治区|自治州|州|县|区|盟|旗))(?:人民)?政府)$")
# A prefix written in parentheses before the year, as in "(郑信用)[2015]3号".
_PAREN_PREFIX_RE = re.compile(rf"[（(]([\u4e00-\u9fff]{{2,8}})[)）][{_SPACE}]*$")
_SPACE_RE = re.compile(rf"[{_SPACE}\n]")
_DIGIT_CHARS = "0123456789０１２３４５６７８９"
_NOT_A_PREFIX = {"试行", "暂行", "草案", "修订", "修正", "节选", "摘要", "全文", "略"}

# Issuing prefixes start with the issuer's region (国, 中, a province, a city) …
_ROOTS = set("国豫郑京津沪渝冀晋辽吉黑苏浙皖闽赣鲁鄂湘粤琼川蜀贵黔云滇陕甘青蒙桂藏宁新洛汴")
# … but 中 also ends words (文件中, 其中): it starts a prefix only in front of the Party offices' marks.
_ZHONG_NEXT = set("发办共委组宣纪编青")
# Characters that never occur in a prefix: looking back from the bracket stops at them.
_STOPS = set("的于在了是等请向以之其该此本和与及或按照根据依见知意案定关市省州县区即并对将把由为如暨年月日第号")
# Words of the sentence that may run straight into a prefix (贯彻落实国发…).
_LEAD_WORDS = ("贯彻落实", "认真落实", "贯彻执行", "认真执行", "根据", "依据", "按照", "参照", "对照", "遵照", "依照",
               "贯彻", "落实", "执行", "印发", "转发", "下发", "以及", "详见", "参见", "发布",
               "全国", "我国", "中国", "各国")  # words that end in a region root but are not a prefix
# The last of them that leaves at least two characters for the prefix.
_LEAD_RE = re.compile(rf"(?:{'|'.join(_LEAD_WORDS)})(?=.{{2}})(?!.*(?:{'|'.join(_LEAD_WORDS)}).{{2}})")
_MAX_PREFIX = 10

_CN_NUM = "一二三四五六七八九十百零〇两"
_N = rf"[{_CN_NUM}]+|[0-9]{{1,3}}"
# A clause named right after the 文号: 24号第三条, 24号）第二部分, 24号文件第二部分第（四）项, 24号第二章第五条.
_CLAUSE_RE = re.compile(
    rf"[{_SPACE}]*(?:[）)][{_SPACE}]*)?(?:文件|文)?(?:的|中)?"
    rf"第(?P<n1>{_N})(?P<k1>条|章|部分)"
    rf"(?:第?(?:(?P<n2>{_N})(?P<k2>条|款|项|点)|[（(](?P<p2>{_N})[）)](?P<k3>条|款|项|点)?))?"
)

# Relations are read within one clause of a sentence, at most this far from the citation.
_CLAUSE_END_RE = re.compile(r"[，,。；;：:！!？?\n]")
_LAST_CLAUSE_END_RE = re.compile(r".*[，,。；;：:！!？?\n]", re.S)
_REACH = 200
_REPEAL_WORDS = ("停止执行", "不再执行", "废止", "失效")
_VERB_RE = re.compile("停止执行|不再执行|废止|失效|修订|修改|修正")
# 《…》（X号）中关于…的规定停止执行: a part of the document, not all of it.
_PART_RE = re.compile(r"^[）)\s]*(?:文件)?中")


def find_citations(text: str, details: bool = True) -> list[Citation]:
    """Every 文号 in text, in order, each with the clause it names and (with details) its title and what the
    sentence does to it."""
    found: list[Citation] = []
    if "号" not in text:  # most paragraphs cite nothing; this test is far cheaper than the regular expression
        return found
    for doc, start, end in sorted(_numbers(text), key=lambda item: item[1]):
        clause, anchor, clause_end = _clause_after(text, end)
        if not details:  # enough to link it
            found.append(Citation(doc, start, end, "", clause, anchor))
            continue
        title, title_start = _title_before(text, start)
        kind = _kind(text, title_start, clause_end, bool(clause))
        found.append(Citation(doc, start, end, clean_title(title), clause, anchor, kind))
    return found


def _numbers(text: str):
    """(DocNumber, start, end) of every 文号 and every decree number in text."""
    for match in _NUMBER_RE.finditer(text):
        year, number = int(match["year"]), int(match["number"])
        if not 1949 <= year <= 2199 or number == 0:
            continue
        located = _prefix_before(text, match.start())
        if located is not None:
            yield DocNumber(located[0], year, number), located[1], match.end()
    if "令" in text:
        for match in _DECREE_RE.finditer(text):
            year, number = int(match["year"] or 0), int(match["number"])
            located = _decree_series_before(text, match.start())
            if located is not None and number and (not year or 1949 <= year <= 2199):
                yield decree_number(located[0] + "令", year, number), located[1], match.end()


def _decree_series_before(text: str, end: int) -> tuple[str, int] | None:
    """The issuer before a decree's 令: 国务院, 中华人民共和国国务院, 上海市人民政府, 新疆维吾尔自治区政府.

    The CJK run before 令 is read back to where the sentence's own words end: a date's 日 (1998年2月6日深圳市…),
    a word such as 根据 or 按照.
    """
    start = end
    while start > 0 and end - start < 30 and _CJK_RE.match(text[start - 1]):
        start -= 1
    run = text[start:end]
    if start > 0 and text[start - 1] in _DIGIT_CHARS and run[:1] in "年月日":
        run, start = run[1:], start + 1
    trimmed = _trim_lead_words(run)
    start += len(run) - len(trimmed)
    run = trimmed[max(trimmed.rfind(word) + len(word) for word in ("的", "经", "以", "由", "发布", "公布")):] \
        if any(word in trimmed for word in ("的", "经", "以", "由", "发布", "公布")) else trimmed
    found = _DECREE_SERIES_RE.search(run)
    if found is None or (found["place"] is not None and found.start() != 0):
        return None
    return run[found.start():], end - len(run) + found.start()


def clean_title(title: str) -> str:
    """A title as printed: no spaces left by text extraction around Chinese, single spaces between Latin words."""
    if not _SPACE_RE.search(title):
        return title
    title = re.sub(rf"[{_SPACE}\n]+", " ", title.strip())
    return re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", title)


def _prefix_before(text: str, bracket: int) -> tuple[str, int] | None:
    window = max(0, bracket - 12)
    paren = _PAREN_PREFIX_RE.search(text, window, bracket)
    if paren and paren[1] not in _NOT_A_PREFIX:
        return paren[1], paren.start()
    end = bracket
    while end > 0 and text[end - 1] in _SPACE:
        end -= 1
    start = end
    while start > 0 and end - start < _MAX_PREFIX and _is_prefix_char(text[start - 1]):
        start -= 1
    # A run cut short by the length limit may be the tail of a longer word: only a region root marks a prefix then.
    bounded = start == 0 or not _is_prefix_char(text[start - 1])
    run = text[start:end]
    trimmed = _trim_lead_words(run)
    offset = _root_offset(trimmed)
    if offset is not None:
        prefix = trimmed[offset:]
    elif (bounded or trimmed != run) and 2 <= len(trimmed) <= 6:
        prefix = trimmed
    else:
        return None
    return prefix, end - len(prefix)


def _is_prefix_char(char: str) -> bool:
    return char not in _STOPS and _CJK_RE.match(char) is not None


def _trim_lead_words(run: str) -> str:
    """What follows the last word of the sentence in the run: 进一步贯彻落实人社部发 → 人社部发."""
    found = _LEAD_RE.search(run)
    return run[found.end():] if found else run


def _root_offset(run: str) -> int | None:
    """Where the prefix starts in a run that holds one: at its first region root ("印发国发" → 2)."""
    for i, char in enumerate(run[:-1]):
        if char in _ROOTS or (char == "中" and run[i + 1] in _ZHONG_NEXT):
            return i
    return None


def _title_before(text: str, start: int) -> tuple[str, int]:
    """The 《…》 ending just before the citation (skipping one opening parenthesis), and where it starts."""
    i = start
    while i > 0 and text[i - 1] in _SPACE + "（(":
        i -= 1
        if text[i] in "（(":
            break
    if i == 0 or text[i - 1] != "》":
        return "", start
    close = i - 1
    reach = max(0, close - _REACH)  # no title is longer; a stray 》 must not send the search through the whole text
    opening = text.rfind("《", reach, close)
    while opening >= 0 and text.count("》", opening, close) != text.count("《", opening + 1, close):
        opening = text.rfind("《", reach, opening)  # a title quoting another: 《关于转发《…》的通知》
    if opening < 0:
        return "", start
    return text[opening + 1:close], opening


def _clause_after(text: str, end: int) -> tuple[str, str, int]:
    """The clause named right after a 文号, its anchor in the cited document, and where the naming ends."""
    found = _CLAUSE_RE.match(text, end)
    if found is None:
        return "", "", end
    first, kind = _number(found["n1"]), found["k1"]
    second, sub = _number(found["n2"] or found["p2"] or ""), found["k2"] or found["k3"] or ""
    label = text[found.start("n1") - 1:found.end()]
    if kind == "条":  # 第三条第二款: paragraphs have no anchors of their own
        anchor = f"a{first}"
    elif kind == "章":  # articles are numbered through the whole document
        anchor = f"a{second}" if sub == "条" else f"c{first}"
    elif second and sub in ("", "项", "条"):  # 第二部分（四） is 二（四）: the outline's s2-4
        anchor = f"s{first}-{second}"
    else:
        anchor = f"s{first}"
    return label, anchor, found.end()


def _number(text: str) -> int:
    if not text:
        return 0
    return int(text) if text.isdigit() else cn_to_int(text)


def _kind(text: str, before: int, after: int, names_clause: bool) -> str:
    """What the sentence around a citation does to the cited document: 废止 it, 修订 it, or just cite it."""
    head_from = max(0, before - _REACH)
    last_end = _LAST_CLAUSE_END_RE.match(text, head_from, before)
    head = text[last_end.end() if last_end else head_from:before]
    stop = _CLAUSE_END_RE.search(text, after, after + _REACH)
    tail = text[after:stop.start() if stop else after + _REACH]
    kind = _verb_after(tail) or _verb_before(head)
    if kind == REPEAL and (names_clause or _PART_RE.match(tail)):
        return AMEND  # 《…》第三条废止, 《…》中关于…的规定停止执行: the rest stays in force
    return kind or CITE


def _verb_after(tail: str) -> str:
    """A verb after the citation that applies to it: …（X号）同时废止; not …（X号）废止《Y》, whose object is Y."""
    found = _VERB_RE.search(tail)
    if found is None:
        return ""
    rest = tail[found.end():]
    if "《" in rest or _NUMBER_RE.search(rest):
        return ""
    return REPEAL if found[0] in _REPEAL_WORDS else AMEND


def _verb_before(head: str) -> str:
    """A verb before the citation that takes it as its object: 决定废止《…》; not 新修订的《…》, an attribute."""
    for found in reversed(list(_VERB_RE.finditer(head))):
        if found[0] != "失效" and "的" not in head[found.end():]:
            return REPEAL if found[0] in _REPEAL_WORDS else AMEND
    return ""
