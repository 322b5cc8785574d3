"""What one notice's text does to other documents: 修改, 废止 or 替代 them, clause by clause. Pure.

Read, sentence by sentence, in text order:
- a repeal or amendment of a cited 文号 (…（郑政办〔2011〕28号）同时废止, 停止执行, 不再执行, 修订; the citations'
  own reading, extract/citations.py), or of a title alone (原《郑州市…办法》同时废止);
- a 修改决定: 对《…》（文号）作如下修改 names the document the following instructions change, and each instruction
  is an effect on the clauses it names: 将第X条修改为, 第X条中的“…”修改为“…”, 删去第X条, 第X条增加一款, 第九条改为第七条;
  an instruction may name its document itself (将《…》第七条修改为, 删去《…》第七条), which then goes on for the next;
- 废止下列文件： followed by a list: every document listed (in the clause and the clauses under it) is repealed;
- 《…》（文号）与本办法不一致的，以本办法为准: the document is superseded (替代) where the two differ.

Each effect holds the date it takes effect from: a date the sentence states (自2017年1月1日起废止), else the notice's
own 施行日期, else its 发布日期. Quoted new wording (修改为：“…”) is never read as instructions of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from site_builder.core.docnum import parse_doc_number
from site_builder.core.model import Clause, Effect, RenderedBody
from site_builder.core.vocabulary import ABOLISH, AMEND, CITE, MODIFY, REPEAL, SUPERSEDE
from site_builder.extract.citations import find_citations
from site_builder.extract.clauses import cn_to_int
from site_builder.extract.lifetime import read_date

_N = r"[一二三四五六七八九十百零〇两]+|\d{1,3}"
# A clause of the target: 第十条, 第十条第二款, 第七条第（三）项, 第二章.
_CLAUSE_RE = re.compile(rf"第(?P<a>{_N})(?P<k>条|章)(?:第?(?P<b>{_N})款)?(?:第?[（(]?(?P<c>{_N})[）)]?项)?")
_QUOTED_RE = re.compile(r"“[^“”]*”|\"[^\"]*\"|「[^「」]*」|‘[^‘’]*’")
_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
_INSTRUCTION_RE = re.compile(r"修改为|修订为|改为|调整为|删去|删除|增加|增写|补充")
_CONTEXT_RE = re.compile(r"对《([^《》]{2,120})》[^。；]{0,40}?(?:作|做)(?:出)?(?:如下|以下|下列)(?:修改|修订|修正)")
_REPEAL_LIST_RE = re.compile(r"(?:废止|停止执行|不再执行|宣布失效)(?:以下|下列|如下)[^。：:]{0,30}(?:[：:]|\s*$)|"
                             r"(?:以下|下列)[^。：:]{0,30}(?:予以)?(?:废止|停止执行|宣布失效)(?:[：:]|\s*$)")
# 对下列政府规章的部分条款予以修改: the items under it name documents the instructions under them change.
_MODIFY_LIST_RE = re.compile(r"(?:以下|下列)[^。：:]{0,30}(?:予以|作|作出)?(?:修改|修订|修正)(?:[：:]|\s*$)|"
                             r"(?:修改|修订|修正)(?:以下|下列|如下)[^。：:]{0,30}(?:[：:]|\s*$)")
_MIXED_RE = re.compile(r"修改|修订|修正")  # 对下列规章予以修改、废止：the headings under it say which
# A list item that is a document's name alone: （一）上海市公共法律服务办法, 2.《关于甲的通知》（郑政〔2010〕1号）.
_ITEM_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,3}[.．、])?\s*"
                      r"《?(?P<title>[\u4e00-\u9fff][^《》，。；;,:：“”]{3,80}?(?:办法|规定|条例|细则|规则|意见|决定|通知|方案|"
                      r"规程|制度|标准|规划|纲要|目录|清单|公告|通告))》?\s*(?:[（(][^（）()]{0,40}[）)])?\s*[。；;]?\s*$")
_REPEAL_WORD_RE = re.compile(r"废止|停止执行|不再执行|失效")
_PRECEDENCE_RE = re.compile(r"以本[\u4e00-\u9fff]{0,6}?为准")
_TITLE_REPEAL_RE = re.compile(r"《([^《》]{4,120})》(?:[（(][^）)号]{0,40}[）)])?\s*(?:同时|一并|予以|即行)?"
                              r"(?:废止|停止执行|不再执行)")
_STATED_RE = re.compile(r"自(?P<when>[^，。；]{4,16}?)起(?:废止|停止执行|不再执行|失效|施行|执行)")
_SENTENCE_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
# Words without one of which a clause does nothing to another document (most clauses of a policy): it is skipped.
_TRIGGER_RE = re.compile(r"废止|停止执行|不再执行|失效|修改|修订|修正|为准|删去|删除|改为|增加|增写|补充|下列|以下")


def find_effects(body: RenderedBody, own: str, effective: date, preamble_line: int = 1) -> tuple[Effect, ...]:
    """Every effect of a notice's text on other documents, in text order. own: its 文号 (it never affects
    itself); effective: its 施行日期 (or 发布日期), the date an effect counts from unless the sentence says."""
    reader = _Reader(own, effective)
    segments = [Clause("", "", "", "", 0, preamble_line, body.preamble)] if body.preamble else []
    for clause in [*segments, *body.clauses]:
        if clause.text:
            reader.read(clause)
    return tuple(_specific(reader.found))


class _Reader:
    def __init__(self, own: str, effective: date):
        self.own, self.effective = own, effective
        self.found: list[Effect] = []
        self.target: tuple[str, str] | None = None  # (文号, title) that bare instructions change
        self.lists: set[str] = set()  # anchors of clauses that announced a list of documents repealed
        self.modifying: set[str] = set()  # anchors of clauses that announced a list of documents amended

    def read(self, clause: Clause) -> None:
        listed = clause.parent in self.lists or clause.anchor in self.lists
        if clause.parent in self.modifying and self._item(clause, MODIFY):
            return
        if not listed and not (_TRIGGER_RE.search(clause.text) and (self.target or "《" in clause.text or "号" in
                                                                     clause.text or _REPEAL_LIST_RE.search(clause.text)
                                                                     or _MODIFY_LIST_RE.search(clause.text))):
            return
        if listed and clause.parent in self.lists:
            self.lists.add(clause.anchor)
            if self._item(clause, ABOLISH):
                return
        # Quoted new wording is blanked (same length) before the text is cut into sentences: it holds 。 and
        # instructions of its own (“第三条 …本办法第十条修改为…”), which are the new text, not this notice's acts.
        masked = _QUOTED_RE.sub(lambda m: "“" + "　" * (len(m[0]) - 2) + "”", clause.text)
        for found in _SENTENCE_RE.finditer(masked):
            sentence, bare = clause.text[found.start():found.end()], found[0]
            announced = _REPEAL_LIST_RE.search(bare)
            if announced and not _MIXED_RE.search(announced[0]):
                self.lists.add(clause.anchor)
                listed = True
            elif _MODIFY_LIST_RE.search(bare) and not _REPEAL_WORD_RE.search(bare):
                self.modifying.add(clause.anchor)
            self._sentence(sentence, bare, clause, listed)

    def _item(self, clause: Clause, kind: str) -> bool:
        """A list item naming a document alone (its first line): 修改 (the instructions under it name the clauses) or
        废止 of it. False if the item is anything else (an instruction, new wording)."""
        first = clause.text.split("\n", 1)[0]
        item = _ITEM_RE.match(first)
        if item is None:
            return False
        numbers = [str(c.doc_number) for c in find_citations(first) if str(c.doc_number) != self.own] \
            if "号" in first else []
        number = numbers[0] if numbers else ""
        when = self._when(first)
        if kind == MODIFY:
            self.target = (number, item["title"])
        self._add(kind, number, item["title"], (), clause, first, when, False)
        rest = clause.text[len(first):]
        if rest.strip():  # the item's own paragraphs: its instructions
            self.read(replace(clause, text=rest.strip(), parent=clause.anchor))
        return True

    def _sentence(self, sentence: str, bare: str, clause: Clause, listed: bool) -> None:
        when = self._when(bare)
        citations = [c for c in find_citations(bare) if str(c.doc_number) != self.own] if "号" in bare else []
        context = _CONTEXT_RE.search(bare)
        if context:
            number = next((str(c.doc_number) for c in citations if c.start > context.start()), "")
            self.target = (number, context[1])
            if not number:  # named by its title only: the instructions below say which clauses
                self._add(MODIFY, "", context[1], (), clause, sentence, when, False)
        precedence = _PRECEDENCE_RE.search(bare)
        for citation in citations:
            kind, partial = self._kind(citation, bare, listed, precedence)
            if kind:
                clauses = (citation.clause,) if citation.clause else ()
                self._add(kind, str(citation.doc_number), citation.title, clauses, clause, sentence, when, partial)
        if not citations:
            for title in _TITLE_REPEAL_RE.finditer(bare):
                self._add(ABOLISH, "", title[1], (), clause, sentence, when, False)
        # 作如下修改：将第二条修改为 — the first instruction may follow its decision in the same sentence
        start = context.end() if context else 0
        instruction = _INSTRUCTION_RE.search(bare, start)
        if instruction:
            self._instruction(bare, instruction, clause, sentence, when, citations, start)

    def _kind(self, citation, bare: str, listed: bool, precedence) -> tuple[str, bool]:
        if citation.kind == REPEAL:
            return ABOLISH, False
        if citation.kind == AMEND:
            if _REPEAL_WORD_RE.search(bare):
                return ABOLISH, True  # 第三条废止, 中关于…的规定停止执行: a part only
            return MODIFY, False
        if citation.kind == CITE and listed:
            return ABOLISH, False
        if citation.kind == CITE and precedence and citation.start < precedence.start():
            return SUPERSEDE, True
        return "", False

    def _instruction(self, bare: str, verb: re.Match, clause: Clause, sentence: str, when: date,
                     citations, start: int = 0) -> None:
        """将第X条修改为, 删去《…》第七条, 第九条改为第七条: an effect on the clauses named, of the document named in
        the sentence or, failing that, the one the decision amends."""
        title = _TITLE_RE.search(bare, start, verb.start()) if verb[0] not in ("删去", "删除") else \
            _TITLE_RE.search(bare, start)
        target = self.target
        if title is not None:
            target = (next((str(c.doc_number) for c in citations if c.start > title.start()), ""), title[1])
        if target is None:
            return
        if verb[0] in ("删去", "删除"):
            named = _CLAUSE_RE.finditer(bare, verb.end())
        else:
            named = _CLAUSE_RE.finditer(bare, title.end() if title else start, verb.start())
        labels = [m[0] for m in named]
        if not labels and "作为" in bare[start:]:
            labels = [m[0] for m in _CLAUSE_RE.finditer(bare, bare.index("作为", start))]
        if labels:  # a document named in passing (将《…》确定的目标增加到…) changes nothing
            self.target = target
            self._add(MODIFY, target[0], target[1], tuple(labels[:1] if verb[0] == "改为" else labels),
                      clause, sentence, when, False)

    def _when(self, bare: str) -> date:
        """The date an effect counts from: 自2017年1月1日起废止, else the notice's own."""
        stated = _STATED_RE.search(bare)
        return (read_date(stated["when"]) if stated else None) or self.effective

    def _add(self, kind: str, target: str, title: str, clauses: tuple[str, ...], clause: Clause, sentence: str,
             when: date, partial: bool) -> None:
        if not target and not title:
            return
        anchors = tuple(dict.fromkeys(a for a in (clause_anchor(c) for c in clauses) if a))
        self.found.append(Effect(kind, target, title, clauses, anchors, clause.anchor, clause.label, clause.line,
                                 when, partial, _short(sentence)))


def _specific(found: list[Effect]):
    """One effect per (kind, document, clauses, citing clause); a document's 作如下修改 is dropped where the
    instructions name its clauses."""
    detailed = {(e.target, e.title) for e in found if e.kind == MODIFY and e.clauses}
    seen = set()
    for effect in found:
        if effect.kind == MODIFY and not effect.clauses and (effect.target, effect.title) in detailed:
            continue
        if effect.kind == MODIFY and not effect.clauses and any(
                t == effect.target and effect.target for t, _ in detailed):
            continue
        key = (effect.kind, effect.target, effect.title, effect.clauses, effect.anchor)
        if key not in seen:
            seen.add(key)
            yield effect


def clause_anchor(label: str) -> str:
    """The anchor of a clause named as written: 第十条第二款 → a10, 第二章 → c2."""
    found = _CLAUSE_RE.match(label)
    if not found:
        return ""
    value = cn_to_int(found["a"])
    return f"{'a' if found['k'] == '条' else 'c'}{value}" if value else ""


def _short(sentence: str, limit: int = 120) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def target_number(text: str) -> str:
    """A 文号 written in front matter or a test, normalised ("" if it is none)."""
    parsed = parse_doc_number(text)
    return str(parsed) if parsed else ""
