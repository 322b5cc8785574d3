"""Where a document starts, whatever its layout: the recognisers of a notice head. Pure: lines in, candidates out.

Each recogniser is tried at a line and says whether a head starts there, and where its body begins:
- gazette   发文机关 line, title, 文号 and 成文日期 on the lines below (the Zhengzhou gazette; heads.py)
- decree    XX人民政府令 and 第N号 (one line or two), the title named in 《》 in the sentence that publishes it
- standard  [issuer line] title (1–3 lines, letter-spaced or not) and the 文号 below it, in brackets or not;
            also the one-line head of a wiki page: title 文号 issuer date
- number    a 文号 first (a red-header layout, or a page that starts at the 文号), then a title or the 主送机关
- titled    a title and the 主送机关 line right below it: a document printed without its 文号
They are tried in that order: the first that reads a head at a line wins.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .classify import CJK, SPACES, is_block_start, marker, strip_spaces
from .dates import DATE, parse_date, to_date
from .docid import (DECREE_HEAD_RE, DECREE_LINE_RE, DECREE_NUMBER_RE, NUMBER, NUMBER_LINE_RE, DocId, decree_issuer,
                    decree_number, parse_number)
from .heads import _ISSUER_LINE_RE, _read_head
from .model import Head, Line, Span

_S = f"[{SPACES}]*"
# What a document title ends with: its kind (文种). Regulations' names too, for decrees and 印发 headings.
TITLE_END_RE = re.compile(r"(?:通知|意见|决定|通报|批复|复函|函|答复|公告|通告|命令|报告|请示|纪要|议案|决议|指示|明电|"
                          r"规定|办法|细则|条例|方案|规则|规划|纲要|计划|标准|章程)(?:[（(][^）)]{1,8}[）)])?$")
# Organisation names end so: the 发文机关 line above a title, a signature, a title's prefix.
ORG_END = (r"(?:人民政府|政府|办公厅|办公室|委员会|委|局|厅|部|署|院|公署|行署|司|中心|办|会|处|集团|公司|军委|"
           r"人大常委会|政协)")
ORG_RE = re.compile(rf"^[{CJK}（）()]{{2,30}}?{ORG_END}$")
# A title starts so (the lines above it end something else): with 关于/印发/转发/批转, perhaps after its issuer;
# 国务院办公厅对…; or, without its issuer, 对《…的请示》的复函.
_TITLE_START_RE = re.compile(rf"^(?:[{CJK}、]{{2,60}}?{ORG_END})?(?:关于|印发|转发|批转)|^[{CJK}、]{{2,60}}?{ORG_END}对|"
                             r"^对\S{2,80}(?:答复|复函|批复)$")
_TITLE_NUMBER_RE = re.compile(rf"^(?P<title>.+?){_S}[（(]{_S}(?P<number>{NUMBER}){_S}[）)]{_S}$")
_ONE_LINE_RE = re.compile(rf"^{_S}(?P<title>[^{SPACES}|]+?){_S}(?P<number>{NUMBER})"
                          rf"(?:[{SPACES}]+(?P<org>[{CJK}]{{2,30}}))?(?:[{SPACES}]+(?P<date>{DATE}))?[{SPACES}|]*$")
_PUBLIC_RE = re.compile(r"(?:公告|通告)$")
_TITLE_ISSUER_RE = re.compile(rf"^[{CJK}、]{{2,60}}?{ORG_END}关于")
_NOTICE_END_RE = re.compile(r"(?:通知|意见|决定|通报|批复|复函|函|答复|公告|通告|命令|报告|请示|纪要|决议|指示|明电)$")
# A 主送机关 names bodies: a line ending in ： without one of these words is a label (浏览量：, 视力保护色：).
_ADDRESSEE_WORD_RE = re.compile(r"政府|厅|局|委|办|部|院|单位|机构|公司|室|处|会|署|司|中心|区|县|市|省|州|盟|旗|各|同志")
_PUBLISHES_RE = re.compile(r"《(?P<title>[^》]{2,80})》.*(?:现予|公布|发布|施行|通过)")
_MAX_TITLE_LINES = 3
# A line wholly in brackets is a note ((本文有删减), (此件公开发布)), never a title's line.
_BRACKETED_RE = re.compile(r"^[（(][^（）()]*[）)]$")
# Words of a title, never of a name: 国务院办公厅转发国家地震局 is a title's first line, not an issuer.
_TITLE_WORD_RE = re.compile(r"关于|转发|印发|批转")
# A title that ends in the title it forwards: 关于转发《国家森林防火指挥部关于…的紧急通知》.
_FORWARDS_RE = re.compile(r"(?:转发|印发|批转)《[^《》]+》$")
# A red header: 嵊州市通源乡人民政府文件; or the issuer's name above a rule line (——————).
_RED_HEADER_RE = re.compile(rf"^{_S}(?P<org>[{CJK}（）()、{SPACES}]{{2,40}}?){_S}文{_S}件{_S}$")
_RULE_RE = re.compile(r"^[\s\-—–─━＿_=═*·]{3,}$")


def ends_like_title(title: str, kinds: re.Pattern[str] = TITLE_END_RE) -> bool:
    """A title ends with its kind (…的通知), or with the title of what it forwards (…转发《…的紧急通知》)."""
    bare = strip_spaces(title)
    return bool(kinds.search(bare) or (_FORWARDS_RE.search(bare) and kinds.search(bare[:-1])))


def plain_title(title: str) -> str:
    """A title as a site prints it wrapped in 《》 (its own 《》 turned to 〈〉), unwrapped: 《…关于印发〈X〉的通知》."""
    bare = title.strip()
    if bare.startswith("《") and bare.endswith("》") and "《" not in bare[1:-1] and "》" not in bare[1:-1]:
        return bare[1:-1].replace("〈", "《").replace("〉", "》")
    return title


def _same_title(first: str, second: str) -> bool:
    """One title printed twice, perhaps as a page heading: 苏政办发〔2019〕23号《江苏省…的通知》 over 江苏省…的通知."""
    def bare(text: str) -> str:
        text = strip_spaces(text)
        number = re.match(NUMBER, text)
        return strip_spaces(plain_title(text[number.end():] if number else text))
    return bare(first) == bare(second)


@dataclass(frozen=True)
class Candidate:
    layout: str  # gazette | decree | standard | number | titled
    start: int  # index of the head's first line
    body: int  # index of the body's first line
    title: str  # the title as printed, spaces and all ("" when the layout has none)
    title_line: int  # gazette line of the title (0: none)
    docid: DocId | None
    number_line: int
    issuer_line: str  # an issuer printed on a line of its own above the title ("" when none)
    date: datetime.date | None  # a 成文日期 printed in the head (not in the closing)
    date_line: int
    addressees: Span | None
    removed: tuple[int, ...] = ()  # indices of head lines that are not the document's: repeated titles, page furniture
    head: Head | None = None  # the gazette layout's own head
    decree_issuer: str = ""


def next_text(lines: list[Line], index: int, limit: int | None = None) -> int | None:
    """Index of the next non-blank line at or after index (within `limit` lines), or None."""
    end = len(lines) if limit is None else min(len(lines), index + limit)
    while index < end and not lines[index].text.strip():
        index += 1
    return index if index < end else None


def is_org_line(text: str) -> bool:
    """One or more organisation names, space-separated: 河北省人民政府, 财政部 国家发展和改革委员会."""
    names = [name for name in re.split(f"[{SPACES}]+", text.strip()) if name]
    return 0 < len(names) <= 6 and all(ORG_RE.match(name) and not _TITLE_WORD_RE.search(name) for name in names)


def is_title_part(text: str) -> bool:
    text = text.strip()
    bare = strip_spaces(text)
    return (0 < len(bare) <= 60 and not re.search(r"[。；;：:…|，,]|\.{3}", text) and not is_block_start(text)
            and not NUMBER_LINE_RE.match(text) and parse_date(text) is None and bool(re.search(f"[{CJK}]", bare))
            and not DECREE_HEAD_RE.match(text) and not _BRACKETED_RE.match(text))


def find_candidate(lines: list[Line], index: int, path: str) -> Candidate | None:
    """The head that starts at lines[index], if any."""
    for recogniser in (_gazette, _decree, _standard, _number_first, _titled):
        found = recogniser(lines, index, path)
        if found is not None:
            return found
    return None


def gazette_head_within(lines: list[Line], start: int, end: int, path: str) -> bool:
    """Does a gazette head (the Zhengzhou layout) start inside lines[start:end]? Its issuer line then wins."""
    return any(_gazette(lines, index, path) for index in range(start + 1, min(end, len(lines))))


def _gazette(lines: list[Line], index: int, path: str) -> Candidate | None:
    found = _ISSUER_LINE_RE.match(lines[index].text)
    head = _read_head(lines, index, found, path) if found else None
    if not isinstance(head, Head):
        return None
    return Candidate("gazette", index, head.body_start, head.title, head.line, None, 0, head.issuer, head.date, 0,
                     None, head=head)


def _title_block(lines: list[Line], index: int) -> tuple[list[tuple[int, Span]], list[int], int | None]:
    """Title lines from index on, a title printed twice kept once; (parts, repeated lines, next text line)."""
    parts: list[tuple[int, Span]] = []
    repeated: list[int] = []
    position: int | None = index
    while position is not None and len(parts) < _MAX_TITLE_LINES and is_title_part(lines[position].text):
        if parts and is_org_line(lines[position].text):
            break  # an issuer line: the title above was the page's, printed again below
        span = Span.of(lines[position]).strip()
        same = next((k for k, (_, part) in enumerate(parts) if _same_title(part.text, span.text)), None)
        if same is not None:  # a title printed twice; what came before its first print is the page's, not the title's
            repeated.extend(number for number, _ in parts)
            parts = []
        elif parts and _TITLE_START_RE.match(strip_spaces(span.text)) and not _TITLE_WORD_RE.search(_joined(parts)):
            break  # a title starts here: the lines above end something else (a text cut short), unless they
            # open a title themselves (国务院办公厅转发国家地震局 / 关于…的通知)
        parts.append((position, span))
        position = next_text(lines, position + 1, limit=4)
    return parts, repeated, position


def _joined(parts: list[tuple[int, Span]]) -> str:
    return plain_title("".join(span.text for _, span in parts))


def _decree(lines: list[Line], index: int, path: str) -> Candidate | None:
    title_index, header, issuer_line = None, index, ""
    if is_org_line(lines[index].text):  # the issuer's name over its decree's header (辽宁省鞍山市人民政府)
        following = next_text(lines, index + 1, limit=4)
        if following is None or not (DECREE_LINE_RE.match(lines[following].text)
                                     or DECREE_HEAD_RE.match(lines[following].text)):
            return None
        issuer_line, header = lines[index].text.strip(), following
    elif is_title_part(lines[index].text) and not DECREE_LINE_RE.match(lines[index].text):
        following = next_text(lines, index + 1, limit=4)
        if following is None:
            return None
        title_index, header = index, following
    single = DECREE_LINE_RE.match(lines[header].text)
    if single:
        year, number, after = single["year"], single["number"], header + 1
    else:
        head = DECREE_HEAD_RE.match(lines[header].text)
        number_index = next_text(lines, header + 1, limit=3) if head else None
        found = DECREE_NUMBER_RE.match(lines[number_index].text) if number_index is not None else None
        if not found:
            return None
        single, year, number, after = head, found["year"], found["number"], number_index + 1
    issuer = single["issuer"]
    quoted, quoted_line = _published_title(lines, after)
    title = lines[title_index].text.strip() if title_index is not None else quoted
    if title_index is not None and strip_spaces(title) != strip_spaces(quoted):
        return None  # a title above the decree header that the decree does not publish belongs to something else
    return Candidate("decree", index, after, title, lines[title_index].no if title_index is not None else quoted_line,
                     decree_number(issuer, year, number), lines[header].no, issuer_line, None, 0, None,
                     decree_issuer=decree_issuer(issuer + "令"))


def _published_title(lines: list[Line], index: int) -> tuple[str, int]:
    """The regulation a decree publishes: 《上海市…办法》已经…通过，现予公布."""
    position = next_text(lines, index, limit=4)
    text, first = "", None
    for _ in range(3):  # the sentence may be cut inside or after 《…》 by line breaks
        if position is None or "。" in text:
            break
        first = first if first is not None else position
        text += lines[position].text.strip()
        position = next_text(lines, position + 1, limit=3)
    found = _PUBLISHES_RE.search(text)
    return (found["title"], lines[first].no) if found and first is not None else ("", 0)


def _standard(lines: list[Line], index: int, path: str) -> Candidate | None:
    one_line = _ONE_LINE_RE.match(lines[index].text)
    if one_line and TITLE_END_RE.search(strip_spaces(one_line["title"])) and parse_number(one_line["number"]):
        date = to_date(re.match(DATE, one_line["date"])) if one_line["date"] else None
        return _finish("standard", lines, index, index + 1, one_line["title"], lines[index].no,
                       parse_number(one_line["number"]), lines[index].no, "", date, lines[index].no, [])
    issuer_line, start = "", index
    if is_org_line(lines[index].text):
        following = next_text(lines, index + 1, limit=4)
        if following is None:
            return None
        issuer_line, index = lines[index].text.strip(), following
    parts, repeated, position = _title_block(lines, index)
    if not parts:
        return None
    title, number_text, number_line = _joined(parts), None, 0
    glued = _TITLE_NUMBER_RE.match(title)
    if glued and _TITLE_START_RE.match(strip_spaces(glued["title"])):  # 关于…的通知(岳办发〔2017〕2号); not a citation
        title, number_text, number_line = glued["title"], glued["number"], parts[-1][1].line_at(0)
        position = parts[-1][0] + 1
    elif position is not None and NUMBER_LINE_RE.match(lines[position].text):
        number_text, number_line = NUMBER_LINE_RE.match(lines[position].text)["number"], lines[position].no
        position += 1
    docid = parse_number(number_text) if number_text else None
    if docid is None or not ends_like_title(title):
        return None
    repeated += _repeated_number(lines, position, docid)
    if repeated and repeated[-1] == position:
        position += 1
    date, date_line, position = _head_date(lines, position)
    return _finish("standard", lines, start, position, title, parts[0][1].line_at(0), docid, number_line,
                   issuer_line, date, date_line, repeated)


def _head_date(lines: list[Line], index: int) -> tuple[datetime.date | None, int, int]:
    """A 成文日期 right under the 文号, perhaps after the issuer's name (a wiki page's head); else nothing."""
    position = next_text(lines, index, limit=3)
    if position is not None and is_org_line(lines[position].text):
        after = next_text(lines, position + 1, limit=2)
        if after is not None and parse_date(lines[after].text):
            position = after
    if position is not None and parse_date(lines[position].text):
        return parse_date(lines[position].text), lines[position].no, position + 1
    return None, 0, index


def _number_first(lines: list[Line], index: int, path: str) -> Candidate | None:
    start, header = index, _red_header(lines, index)
    if header:
        header_text, index = header
    found = NUMBER_LINE_RE.match(lines[index].text)
    docid = parse_number(found["number"]) if found else None
    following = next_text(lines, index + 1, limit=4)
    if docid is None or following is None:
        return None
    issuer_line = header_text if header else ""
    if not issuer_line and is_org_line(lines[following].text):  # 瑞政办〔2011〕129号 / 瑞安市人民政府办公室 / 转发…
        after = next_text(lines, following + 1, limit=4)
        parts = _title_block(lines, after)[0] if after is not None else []
        if parts and ends_like_title(_joined(parts)):
            issuer_line, following = lines[following].text.strip(), after
    parts, repeated, position = _title_block(lines, following)
    title = _joined(parts) if parts and ends_like_title(_joined(parts)) else ""
    after = (position if position is not None else parts[-1][0] + 1) if title else following
    if not title and not is_addressee_line(lines[following].text):
        return None
    title_line = parts[0][1].line_at(0) if title else 0
    return _finish("number", lines, start, after, title, title_line, docid, lines[index].no, issuer_line, None, 0,
                   repeated if title else [])


def _red_header(lines: list[Line], index: int) -> tuple[str, int] | None:
    """A red header above the 文号 (XX人民政府文件, or the issuer's name, over a rule line or not): (its issuer, the
    文号's index)."""
    text = lines[index].text
    found = _RED_HEADER_RE.match(text)
    if not found and not is_org_line(text):
        return None
    position = next_text(lines, index + 1, limit=4)
    while position is not None and _RULE_RE.match(lines[position].text.strip()):
        position = next_text(lines, position + 1, limit=3)
    if position is None or not NUMBER_LINE_RE.match(lines[position].text):
        return None
    return strip_spaces(found["org"]) if found else text.strip(), position


def _repeated_number(lines: list[Line], index: int | None, docid: DocId) -> list[int]:
    """The 文号 printed again right under itself, as some pages do: that line is the head's, not the body's."""
    found = NUMBER_LINE_RE.match(lines[index].text) if index is not None and index < len(lines) else None
    return [index] if found and (parse_number(found["number"]) or docid).text == docid.text else []


def _titled(lines: list[Line], index: int, path: str) -> Candidate | None:
    issuer_line, start = "", index
    if is_org_line(lines[index].text):
        following = next_text(lines, index + 1, limit=4)
        if following is None:
            return None
        issuer_line, index = lines[index].text.strip(), following
    parts, repeated, position = _title_block(lines, index)
    while len(parts) > 1 and not ends_like_title(_joined(parts), _NOTICE_END_RE):
        position = parts.pop()[0]  # the text's first line, short and unpunctuated, read as the title's last
    title = _joined(parts)
    if not parts or not ends_like_title(title, _NOTICE_END_RE) or position is None:
        return None
    addressees, body, skipped = read_addressees(lines, position)
    if addressees is None:
        # A 公告 or 通告 is addressed to no one: its issuer's title and the text right under it (海口市水务局关于…的公告).
        if not (_PUBLIC_RE.search(strip_spaces(title)) and (issuer_line or _TITLE_ISSUER_RE.match(strip_spaces(title)))
                and _running_text(lines, position)):
            return None
        body = position
    return Candidate("titled", start, body, title, parts[0][1].line_at(0), None, 0, issuer_line, None, 0, addressees,
                     tuple(repeated + skipped))


def _running_text(lines: list[Line], index: int) -> bool:
    """The text of a document starts here: sentences, perhaps after a note in brackets ((2020年))."""
    if _BRACKETED_RE.match(lines[index].text.strip()):
        following = next_text(lines, index + 1, limit=2)
        if following is None:
            return False
        index = following
    text = lines[index].text.strip()
    following = next_text(lines, index + 1, limit=2)
    if following is not None and not re.search(r"[。；;！？]$", text):  # a sentence cut by a line break runs on
        text += lines[following].text.strip()
    return bool(re.search(r"[，。；、,;]", text)) and len(strip_spaces(text)) > 20 and not is_block_start(text)


def is_addressee_line(text: str) -> bool:
    """A 主送机关 line: names ending in ：, no sentence inside (各省、自治区、直辖市人民政府，国务院各部委：)."""
    text = text.strip()
    return (text.endswith(("：", ":")) and 2 <= len(strip_spaces(text)) <= 150 and not re.search(r"[。；;！？]", text)
            and not marker(text) and not re.search(r"(?:如下|下列|以下|是|为)[：:]$", text)
            and not re.search(r"\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}", text) and bool(_ADDRESSEE_WORD_RE.search(text)))


def _finish(layout: str, lines: list[Line], start: int, position: int, title: str, title_line: int,
            docid: DocId | None, number_line: int, issuer_line: str, date: datetime.date | None, date_line: int,
            repeated: list[int]) -> Candidate:
    addressees, body, skipped = read_addressees(lines, position)
    return Candidate(layout, start, body, title, title_line, docid, number_line, issuer_line, date, date_line,
                     addressees, tuple(repeated + skipped))


def _is_page_label(text: str) -> bool:
    """A short line of a web page between a head and the 主送机关 (收录于…, 浏览量：): not a title, 文号 or name."""
    return (len(text) <= 40 and not re.search(r"[。；;，,]", text) and not is_block_start(text)
            and not is_org_line(text) and not NUMBER_LINE_RE.match(text) and parse_date(text) is None
            and not TITLE_END_RE.search(strip_spaces(text)))


def read_addressees(lines: list[Line], index: int) -> tuple[Span | None, int, list[int]]:
    """主送机关 within the next few lines: one line, or lines ending in a comma that run on to one ending in ：.

    Short lines before it that are not the document's text (a wiki page's "收录于") are skipped and listed.
    """
    position, skipped, parts = next_text(lines, index, limit=3), [], []
    while position is not None and len(skipped) + len(parts) < 4:
        text = lines[position].text.strip()
        if is_addressee_line(text) or (parts and is_addressee_line("".join(part.text for part in parts) + text)):
            # (a wrapped 主送机关's ： may be cut onto a line of its own)
            joined = parts[0] if parts else None
            for part in parts[1:] + [Span.of(lines[position]).strip()]:
                joined = part if joined is None else joined + part
            return joined, position + 1, skipped
        if (text.endswith(("，", ",", "、")) or len(text) >= 20) and not re.search(r"[。；;：:]", text) \
                and _ADDRESSEE_WORD_RE.search(text) and len(parts) < 3:  # a 主送机关 wrapped over lines
            parts.append(Span.of(lines[position]).strip())
        elif not parts and _is_page_label(text):
            skipped.append(position)
        else:
            break
        position = next_text(lines, position + 1, limit=3)
    return None, index, []
