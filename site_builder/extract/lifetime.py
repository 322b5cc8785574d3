"""施行日期 and 有效期 of one notice, read from its own text when the front matter is silent. Pure.

Only what the text says of the document itself counts: the subject of the sentence must be the document (本办法,
本规定, 此通知, its own 《title》), or the sentence must go on from one that is (本办法自…起施行，有效期2年), or be a
bare statement of its own (自发布之日起施行). Another thing's dates never count: 郑政〔2016〕25号 says 市长质量奖有效期为4年,
which is the award's; 《中华人民共和国预算法》自2015年1月1日起施行 is the law's; 证书有效期为3年 is the certificate's.

Forms read: 自2016年9月1日起施行 (实施, 执行, 生效, 试行; Chinese numerals too), 自发布（印发、公布）之日起施行 (the
发布日期), 自公布之日起30日后施行, 有效期N年 / N个月, 有效期至…, 有效期自…至…, 试行N年, 试行期为N年, 自…起施行至…止.
A 有效期 of N years ends the day before the N-th anniversary of the 施行日期 (of the 发布日期 when none is known).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from site_builder.core.doctypes import doc_type, enclosed_type
from site_builder.core.model import Dated, Notice, RenderedBody
from site_builder.extract.clauses import cn_to_int

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")  # same length: spans stay valid
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}


def _date_re(p: str) -> str:
    """A date in Arabic or Chinese numerals, its groups named with the prefix p."""
    return (rf"(?:(?P<{p}Y>(?:19|20|21)\d\d)\s*年\s*(?P<{p}M>1[0-2]|0?[1-9])\s*月\s*(?P<{p}D>3[01]|[12]\d|0?[1-9])\s*日"
            rf"|(?P<{p}cY>[〇零○ＯO一二三四五六七八九]{{4}})\s*年\s*(?P<{p}cM>十[一二]?|[一二三四五六七八九])\s*月\s*"
            rf"(?P<{p}cD>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])\s*日)")


_NUMBER = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"
_END = r"(?=\s*(?:[,，;；。:：！!]|$))"  # the statement ends its clause: not 起执行新标准, not 起施行的《…》
# 自2016年9月1日起施行 / 自发布之日起30日后施行 / 自…起施行，至…止
_EFFECTIVE_RE = re.compile(
    rf"(?:自|从)\s*(?:{_date_re('e')}|(?P<issued>印发|发布|公布|颁布|下发|发文|签发)之日)\s*起?\s*"
    rf"(?:(?P<after>{_NUMBER})\s*(?P<unit>日|天|个月)(?:后|之后|以后))?\s*起?\s*(?:正式)?(?P<verb>施行|实施|执行|生效|试行)"
    rf"(?:\s*[,，]?\s*(?:至|到)\s*{_date_re('u')}\s*(?:止|截止))?{_END}")
# 有效期5年 / 有效期为五年 / 有效期至2020年12月31日 / 有效期自2016年1月1日至2020年12月31日 / 试行期为2年 / 试行两年
_VALIDITY_RE = re.compile(
    rf"(?:有效期限?|试行期限?|试行)\s*(?:为|是|暂定为?)?\s*"
    rf"(?:(?P<n>{_NUMBER})\s*(?P<unit>年|个月)|(?:(?:自|从)\s*{_date_re('f')}\s*起?\s*)?(?:至|到|截至|截止到?)\s*"
    rf"{_date_re('u')}\s*止?)(?:有效)?{_END}")

# The document as a subject: 本办法, 本实施意见, 此通知 (not 本市规定, 本单位, 本年度…).
_TYPES = ("办法", "规定", "细则", "意见", "通知", "方案", "决定", "条例", "规则", "制度", "规划", "计划", "纲要",
          "公告", "通告", "标准", "指引", "指南", "规范", "措施", "政策", "目录", "清单", "规程", "章程", "准则",
          "导则", "命令", "批复", "令")
_SUBJECT_RE = re.compile(rf"^(?:本|此)(?![市省县区镇乡村地单部行系级人年月日次期届款项章节])(?!条(?!例))"
                         rf"[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(_TYPES)})")
_TITLE_RE = re.compile(r"^《([^》]{2,120})》")
# A clause that publishes the document, so that what follows in the sentence is said of it: 现将修订后的《专利代理条例》
# 公布 (国令第706号), 现发布《…条例》 (国令第227号), 现印发给你们 (清远市, 2019), 现予公布 (河北省人民政府令).
_PUBLISHED = r"(?:印发|发布|公布|颁布|下发)"
_PUBLISH_RE = re.compile(rf"^(?:现|特|兹)?(?:(?:将|把)?(?:修订后的|新修订的)?《(?P<a>[^》]{{2,120}})》(?:予以|予)?{_PUBLISHED}"
                         rf"|(?:予以|予)?{_PUBLISHED}(?:修订后的)?《(?P<b>[^》]{{2,120}})》"
                         rf"|(?:予以|予)?{_PUBLISHED}(?:给)?(?:你们|各单位|你们各单位)?)"
                         rf"(?:给(?:你们|各单位|你们各单位)?)?(?:施行|实施|执行)?$")
# After the subject, words that make it part of another subject: 本办法规定的证书, 本办法所称, 本办法第十条, 本办法中.
_NOT_OWN_RE = re.compile(r"的|所称|所指|中|第[一二三四五六七八九十百零〇\d]+[条款项章]")
_CLAUSE_NUMBER_RE = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇]+条|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                               r"|\d{1,3}[.．、])\s*")
_SENTENCE_RE = re.compile(r"[^。！？!?\n]+")
_COMMA = "，,；;：:"


@dataclass(frozen=True)
class Found:
    """A statement of the document's own date, with how surely it is the policy's: 3 its title or what it 印发s
    (本办法 in a notice that 印发s a 办法), 2 its own 文种 (本通知), 1 another word for it or no subject at all."""

    dated: Dated
    rank: int
    start: date | None = None  # for a 有效期 of N years: from when it counts, if the same sentence says


def lifetime_dates(body: RenderedBody, notice: Notice) -> tuple[Dated | None, Dated | None]:
    """(施行日期, 有效期至) as the text states them of the document itself; None where it does not."""
    effective: list[Found] = []
    validity: list[tuple[Found, re.Match, str]] = []
    own = _own_kinds(notice)
    segments = [("", "", body.preamble)] + [(c.anchor, c.label, c.text) for c in body.clauses]
    for anchor, label, text in segments:
        if not text or not (("起" in text and ("施行" in text or "实施" in text or "执行" in text or "生效" in text))
                            or "有效期" in text or "试行" in text):
            continue  # most clauses state no date of the document: not read
        text = text.translate(_FULL_WIDTH)
        for sentence in _SENTENCE_RE.finditer(text):
            _read_sentence(_CLAUSE_NUMBER_RE.sub("", sentence[0], count=1), anchor, label, notice, own,
                           effective, validity)
    chosen = _best(effective)
    start = chosen.value if chosen else notice.publish_date
    expiries = []
    for found, match, kind in validity:
        until = _until(match, found.start or start, kind)
        if until is not None:
            expiries.append(Found(Dated(until, found.dated.anchor, found.dated.label, found.dated.text), found.rank))
    return chosen, _best(expiries)


def _best(found: list[Found]) -> Dated | None:
    """The most surely the document's own, the first of those."""
    return max(found, key=lambda f: f.rank, default=None).dated if found else None


def _own_kinds(notice: Notice) -> tuple[str, str]:
    """The document's names for itself: the type of what it 印发s (办法), then its own 文种 (通知)."""
    return enclosed_type(notice.title), doc_type(notice.title)


def _read_sentence(sentence: str, anchor: str, label: str, notice: Notice, own: tuple[str, str],
                   effective: list[Found], validity: list) -> None:
    """Walk a sentence clause by clause, keeping whose sentence it is: the document's (rank), another's (-1), or
    nobody's yet (0, at the start)."""
    matches = sorted([(m.start(), "effective", m) for m in _EFFECTIVE_RE.finditer(sentence)] +
                     [(m.start(), "validity", m) for m in _VALIDITY_RE.finditer(sentence)], key=lambda t: t[0])
    if not matches:
        return
    subject, clause_start, sentence_date = 0, 0, None
    for cut in [i for i, c in enumerate(sentence) if c in _COMMA] + [len(sentence)]:
        clause = sentence[clause_start:cut]
        here = [(p - clause_start, kind, m) for p, kind, m in matches if clause_start <= p < cut]
        head = clause[: here[0][0]].strip() if here else clause.strip()
        own_subject = _subject_rank(head, notice, own, exact=bool(here) and here[0][1] == "validity")
        published = _PUBLISH_RE.match(head) if head and not here else None
        if published:
            title = published["a"] or published["b"]
            if title is None:
                own_subject = subject if subject else 2  # 现印发给你们: the document just named (its own or another), or this one
            elif _is_own_title(title, notice):
                own_subject = 3
        if own_subject is not None:
            subject = own_subject
        elif head and (here or "《" in head or "的" in head):
            subject = -1  # 市长质量奖有效期为4年, 原有的补贴标准自…起执行, 《…法》自…起施行: another's
        for _, kind, match in here:
            if kind == "effective":
                bare = subject == 0 and clause_start == 0 and match["verb"] != "执行"
                if subject > 0 or bare:
                    rank = subject if subject > 0 else 1
                    value = _effective(match, notice)
                    if value is not None:
                        effective.append(Found(Dated(value, anchor, label, match[0].strip()), rank))
                        sentence_date, subject = value, rank
                        if match["uY"] or match["ucY"]:
                            validity.append((Found(Dated(value, anchor, label, match[0].strip()), rank), match,
                                             "until"))
            elif subject > 0:
                validity.append((Found(Dated(date.min, anchor, label, match[0].strip()), subject, sentence_date),
                                 match, "validity"))
        clause_start = cut + 1


def _subject_rank(head: str, notice: Notice, own: tuple[str, str], exact: bool) -> int | None:
    """2 or 1 if head is (or, unless exact, starts with) the document itself as subject; None if it is another."""
    if not head:
        return None
    found = _SUBJECT_RE.match(head)
    if found:
        word, rest = found[0], head[found.end():]
    else:
        title = _TITLE_RE.match(head)
        if not title or not _is_own_title(title[1], notice):
            return None
        word, rest = "", head[title.end():]
    if exact and rest not in ("", "的"):
        return None
    if _NOT_OWN_RE.search(rest.split("，")[0]) and rest not in ("", "的"):
        return None
    enclosed, kind = own
    if not word or (enclosed and word.endswith(enclosed)):
        return 3  # its title, or what it 印发s: the policy itself
    return 2 if kind != "其他" and word.endswith(kind) else 1


def _is_own_title(title: str, notice: Notice) -> bool:
    """《…》 naming the notice itself, or what it 印发s: its title with or without the issuer."""
    title = re.sub(r"\s+", "", title)
    names = {notice.title, notice.issuer + notice.title}
    enclosed = re.search(r"(?:印发|转发|公布)《?(.+?)》?的(?:通知|决定)$", notice.title)
    if enclosed:
        names.add(enclosed[1])
    return title in names


def _effective(match: re.Match, notice: Notice) -> date | None:
    start = _date(match, "e") if match["issued"] is None else notice.publish_date
    if start is None or not match["after"]:
        return start
    n = cn_to_int(match["after"])
    return _add_months(start, n) if match["unit"] == "个月" else start + timedelta(days=n)


def _until(match: re.Match, start: date, kind: str) -> date | None:
    """The last day in force: a date stated, or N years (months) from start, less a day."""
    if match["uY"] or match["ucY"]:
        return _date(match, "u")
    if kind == "until":
        return None
    n = cn_to_int(match["n"])
    if not 0 < n <= 100:
        return None
    return _add_months(start, n * 12 if match["unit"] == "年" else n) - timedelta(days=1)


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    if year > 9998:
        return date(9998, 12, 31)
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))




def _date(match: re.Match, p: str) -> date | None:
    """The date of groups prefixed p, in Arabic or Chinese numerals; None if it is no real date."""
    try:
        if match[f"{p}Y"]:
            return date(int(match[f"{p}Y"]), int(match[f"{p}M"]), int(match[f"{p}D"]))
        if match[f"{p}cY"]:
            year = int("".join(_CN_DIGIT[c] for c in match[f"{p}cY"]))
            return date(year, cn_to_int(match[f"{p}cM"]), cn_to_int(match[f"{p}cD"]))
    except (ValueError, KeyError):
        return None
    return None


def read_date(text: str) -> date | None:
    """The first date written in text (2016年9月1日, 二〇一六年九月一日), for the effects' own dates."""
    found = _DATE_ONLY_RE.search(text.translate(_FULL_WIDTH))
    return _date(found, "x") if found else None


_DATE_ONLY_RE = re.compile(_date_re("x"))
