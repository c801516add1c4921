"""Read the facts of one paragraph: figures, what they are, and their qualifiers.

A paragraph is read sentence by sentence, figure by figure. A figure is one of:

* a prior-year value: "收入决算总额较2019年（731.42万元）…" → ``prior_value`` of 收入决算总额;
* a change: "…增加118.76万元", "比2019年减少0.69万元" → ``change`` (signed) of the figure the
  comparison names, or of the sentence's main figure when it names none;
* a percent after 占 / 完成预算 / 增长·下降 → ``share_pct`` / ``completion_pct`` / ``change_pct``;
* 年初预算为A…支出决算为B → one fact with ``budget_value`` A and value B (决算 documents);
* 持平 / 无增减变动 → ``change`` 0;
* otherwise a new fact, when the words before it name a metric (``labels.py``); a figure
  whose label names nothing is left out rather than guessed.

Clauses, not sentences, decide which figure a qualifier belongs to (``clauses.py``). A
labelled figure opens a clause chain and *governs* the clauses after it ("比上年增加…，增长…");
a clause that starts a new subject ("主要原因…", "主要是…", "其中…") ends the chain, and a
bracket holding figures of its own hands the chain back to the figure before it when it
closes. A qualifier goes to the figure its own words name ("支出预算总额较2019年…增加" under the
支出决算 sentence qualifies expenditure.total), else to the governing figure, else nowhere:
a figure whose clauses state no comparison has none, never a neighbour's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import regex

from extractors import measure_labels
from extractors.narrative import clauses, labels
from extractors.narrative.tokens import Token, clause_after, scan
from extractors.narrative.units import TextUnit
from extractors.numbers import fold_digits, sign_of
from models.records import Fact, Source

_YEAR = r"(?:19|20)\d{2}\s*年度?"
_COMPARE = regex.compile(rf"(?:较|比|与|同)\s*(?:上年|上一年|去年|{_YEAR})(?:决算|预算|同期)?(?:执行)?(?:数)?"
                         r"(?:相比|比较|对比)?|同比(?=无|没有|未|基本持平|持平|$)")  # "同比无增减变化"
_RESPECTIVELY = regex.compile(r"分别(?:为|是|达到|达)?$|(?P<each>各(?:自)?(?:为|是)?)$")
# "收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%": a list of changes, one per label
# of a 各 / 分别 list. Their figures are not in this clause; the list is read as no figure at all.
_RESPECTIVE_CHANGE = regex.compile(
    r"(?:各|分别)(?:比上年|较上年|同比)?(?P<word>增加|减少|增长|下降|降低|上升|增幅|降幅|减幅)(?:了|为)?$"
)
_NEGATIVE_WORDS = frozenset({"减少", "下降", "降低", "降幅", "减幅"})
# "本单位2023年度总收入125.08万元，其中本年收入117.06万元" (Guangxi): a 总收入 / 总支出 whose part is the
# year's own income or spending is the summary's 总计 (the year's plus carry-overs).
_WHOLE_TOTAL = regex.compile(
    r"^(?:本部门|本单位|部门)?(?:(?:19|20)\d{2}\s*年度?)?(?:本部门|本单位|部门)?(?:年度)?总(?:收入|支出)(?:为|是)?$")
_THIS_YEARS_PART = regex.compile(r"\s*[，,]\s*其中[:：]?\s*本年(?:收入|支出)")
# "…支出12000元，占项目支出预算2.56%": the spending an economic class's share is of.
_ECONOMIC_PART_OF = regex.compile(
    r"\s*[，,]\s*占(?:本年|当年)?(?:一般公共预算)?(?:财政拨款)?(?P<part>基本支出|项目支出)")
_RESPECTIVE_SHARE = regex.compile(r"分别占[^，,；;。]{0,20}?的?(?:比[例重])?(?:为)?$")
_ANY_COMPARE = regex.compile(
    rf"(?:较|比|与)\s*(?P<year>{_YEAR}|上年|上一年|去年|同期)?\s*(?P<budget>(?:年初|全年|调整后?)?预算(?:数)?)?"
)
_PRIOR = regex.compile(r"(?:较|比|与)\s*(?:上年|(?P<year>(?:19|20)\d{2})\s*年度?)(?:决算|预算|同期)?(?:数)?\s*[（(]$")
# Also the plain "多"/"少" of a comparison ("比去年3.01万元少0.07万元", "较上年多2万元").
_CHANGE = regex.compile(r"(?P<word>增加|减少|增长|下降|上升|降低|提高|变化|变动)了?$"
                        r"|(?:^|(?:比|较)[^，,；;。]{0,12}?)(?P<word>多|少)了?$")
# "比2025年年初预算数847128.49万元(增加…)": the compared figure printed in the comparison.
_INLINE_PRIOR = regex.compile(
    rf"(?:较|比|与)\s*(?P<year>{_YEAR}|上年度?|上一年度?|去年)?\s*(?:同期)?\s*"
    r"(?P<budget>(?:年初|全年|调整后?)?预算)?(?:决算|执行)?(?:数)?(?:的|为)?$"  # "较2024年的2190万元减少…"
)
# "上年为45.00万元", "2025年预算数为40万元": the prior year's figure, stated on its own.
_LAST_YEAR_WAS = regex.compile(rf"(?P<year>上年度?|上一年度?|{_YEAR})(?:同期)?(?:年初)?(?:预算|决算|执行)?(?:数)?"
                               r"(?:为|是)")
_COMPLETED_BUDGET = regex.compile(r"完成(?:了)?(?:年初|全年|调整后?)?预算(?:数)?$")
_PROJECT_BUDGET = regex.compile(r"预算(?:数)?(?:为|是)?$")
_PROJECT_ACTUAL = regex.compile(r"执行数(?:为)?$|实际(?:支出|执行)(?:数)?(?:为)?$")
_LEAD = regex.compile(
    r"^(?:[（(]?其中[)）]?[:：，,]?|包括[:：]?|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、|[（(）)”“\s])+"
)
_FACT_YEAR = regex.compile(r"(?<![较比与至止])((?:19|20)\d{2})\s*年度?(?!\s*\d+\s*月)")
# "1.交通管理装(设)备业务5,738.17万元,主要包括…": a numbered item of a project list, its name, its budget;
# what the money is for after it.
_LISTED_PROJECT = regex.compile(r"\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])\s*(?P<name>[^。，,；;：:“”\d]{2,40}?)\s*"
                                r"(?:预算|安排)?(?:为)?\s*")
_PROJECT_NAME_END = regex.compile(r"(?:项目|专项(?:经费|资金)?)(?:[（(][^（()）]{1,12}[)）])?$")
_PROJECT_USE = regex.compile(r"\s*[，,]\s*(?:主要)?(?:用于|包括|具体包括|是)|\s*[。；;]")
# "无形资产471项234.37万元": an asset item's count, then its money.
_COUNTED_ITEM = regex.compile(r"(?P<label>[^\d，,；;。：:、]{2,12}?)\s*\d+\s*[项宗处]\s*$")
# A label that only says which measure ("2026年预算数为", "决算数"), not which figure.
_BARE_MEASURE = regex.compile(rf"(?:{_YEAR})?(?:年初|全年)?(?:预算|决算|执行)?(?:数|安排|支出)?(?:为|是)?")
_HEADING_MAX = 20
# Figures named by a fund or income source: in a sentence about 政府采购 they split the
# procurement by where its money comes from, not the department's budget.
_FUND_METRICS = frozenset({
    "general_budget.expenditure", "gov_fund.expenditure", "state_capital.expenditure", "income.general_budget",
    "income.gov_fund", "income.state_capital", "income.special_account", "income.carryover", "income.fiscal",
    "income.other_funds", "appropriation.expenditure",
})
# A sentence about the body's subordinate units ("下属共有6个事业单位…"), not one that counts
# them in ("本部门（含下属单位）…"): its bare totals are theirs.
_SUBORDINATES = regex.compile(r"(?<!含|包括|包含)(?:下属|所属)[^，,。；;（()）]{0,12}单位")
_DEPARTMENT_TOTALS = frozenset({"income.total", "expenditure.total", "expenditure.basic", "expenditure.project"})
_REASON = regex.compile(r"原因|主要是|由于|因为|用于")
# "支出总计" alone, and the scoped 总计 before it in its sentence ("财政拨款收入总计…").
# How many figures back a class read before still makes a list of classes.
_ECONOMIC_LIST_REACH = 2
# The 三公 part whose money a bare 支出 after its counts is ("接待24批次，210人次，支出2.05万元").
_COUNTED_MONEY: dict[str, str | None] = {
    "three_public.reception_batches": "three_public.reception",
    "three_public.reception_people": "three_public.reception",
    "three_public.outbound_groups": "three_public.outbound",
    "three_public.outbound_people": "three_public.outbound",
    "three_public.vehicles_bought": "three_public.vehicle_purchase",
    "three_public.vehicle_fleet": None,
}
_BARE_SPENDING = regex.compile(r"(?:共计|共|合计|累计|实际)?(?:支出|花费|开支)(?:决算)?(?:数)?(?:为|是)?")
# A sentence opening with the summary's name as a whole and a comparison (no figure of its own).
_SUMMARY_WORDS = regex.compile(r"(?:收入支出|收支)总体|总收支")
_SUMMARY_OPENING = regex.compile(
    r"\s*(?P<words>(?:财政拨款)?(?:(?:收入支出|收支)总体(?:情况)?|总收支))\s*(?:[，,]\s*)?(?:比|较|同比|与)")
_SUMMARY_SIDES = {
    "income_expenditure.grand_total": ("income.grand_total", "expenditure.grand_total"),
    "appropriation.grand_total": ("appropriation.income", "appropriation.expenditure"),
}
_BARE_SIDE_TOTAL = regex.compile(
    r"(?:(?:19|20)\d{2}\s*年度?)?(?:本部门|本单位|部门)?(?P<side>收入|支出)(?:决算|预算)?总计(?:为|是)?")
_SCOPED_TOTAL = regex.compile(r"(?P<scope>(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)?财政拨款)"
                              r"(?:收入|支出)(?:决算|预算)?总计")
_BARE_SIDE = regex.compile(r"(?:(?:19|20)\d{2}\s*年度?)?(?:本部门|本单位|部门)?(?:全年)?(?:收入|支出)")
# The count of a 绩效目标 sentence: "共计33个一级项目", "涉及一级预算项目15个" (not "…委托0个第三方机构").
_COUNTED_AFTER_TARGETS = regex.compile(r"^(?:共计|共|合计|涉及|包括)(?:[^，,；;。]{0,8}项目(?:共|数)?(?:为)?)?$")
_ALL_OF = regex.compile(r"(?:均|都)(?:为|是)?$")
_BARE_MEASURE_SUBJECT = regex.compile(r"(?:支出|收入)?(?:决算|预算)(?:数)?")
_THIS_PROJECT = regex.compile(r"[该本此]项目")
_PER_HEAD = regex.compile(r"每名|每人|人均|每个")  # "每名辅警人员经费控制在11.05万元": a rate, not a total
_NAMED_FUND_TOTAL = regex.compile(r"(?:资金|补贴|经费)(?:收入|支出)(?:总额|合计)")
_PLANNED_PURCHASE = regex.compile(r"(?:计划|拟|安排)(?:新增)?(?:购置|配置|配备)|新增配(?:置|备)")
# A 其中 part is named by a noun ("行政编制20名"); "分别委托0个第三方机构" counts something else.
_VERB_LABEL = regex.compile(r"委托|开展|组织|分别|安排")
_INCOME_OF = {
    "general_budget.expenditure": "income.general_budget",
    "gov_fund.expenditure": "income.gov_fund",
    "state_capital.expenditure": "income.state_capital",
}
# A qualifier whose subject is the bare word 收入 / 支出 ("收入比2025年减少…").
_BARE_TOTALS = {
    "收入": "income.total", "支出": "expenditure.total", "收入预算": "income.total", "支出预算": "expenditure.total",
}
_UNIT_NAMES = {"名": "人", "台(套)": "台（套）", "台套": "台（套）",
               **{u: "平方米" for u in labels.AREA_UNITS}}  # an area is stored in 平方米 (万平方米 converted)


@dataclass
class Draft:
    """A fact being built: the ``Fact`` so far (qualifiers are added as the paragraph is read;
    its ``Source`` is set at the end, from the span) and where its words stand."""

    fact: Fact
    text_unit: TextUnit
    at: int  # where the figure is printed (picks the paragraph: block, page, line)
    start: int
    end: int
    order: int
    inherited: bool = False  # a 其中 part that took its metric from the sentence's head
    # The budgets the sentence states for it, by basis ("年初预算为A，调整预算为B"): ``budget_value``
    # is the one its completion rate is stated against.
    budgets: dict[str, Decimal | None] = field(default_factory=dict)
    bases: dict[str, str | None] = field(default_factory=dict)  # basis → as worded (None: 预算 only)

    def qualify(self, **values: object) -> None:
        """Set qualifiers of the fact (``prior_value``, ``change``, ``share_pct`` …)."""
        self.fact = replace(self.fact, **values)

    def widen(self, start: int, end: int) -> None:
        """Extend the source span to cover a qualifier read later in the paragraph."""
        self.start, self.end = min(self.start, start), max(self.end, end)


@dataclass
class DocState:
    """What one paragraph needs to know about the rest of the document."""

    kind: str | None
    year: int | None = None
    heading: str | None = None  # set by a heading paragraph ("（一）因公出国（境）经费") for the next one
    projects: set[str] = field(default_factory=set)
    drafts: list[Draft] = field(default_factory=list)
    codes: object | None = None  # the report's CodeTable: codes of economic classes named without one
    project_list: bool = False  # inside a numbered list of projects ("项目支出X万元，具体包括：" then "1.…")


@dataclass
class _Sentence:
    lo: int
    hi: int
    head: Draft | None = None
    governor: Draft | None = None  # the figure the current clause's qualifiers belong to
    brackets: list[tuple[Draft | None, int]] = field(default_factory=list)  # (governor, drafts) at each "（"
    pending_completion: Draft | None = None  # "完成预算0万元的0%": the figure waiting for its rate
    procurement_subject: str | None = None  # "其中一般公共预算拨款政府采购…" and its kinds
    covered: Draft | None = None  # the performance count whose money ("涉及…万元") is being listed
    covered_skip: bool = False  # a "涉及…万元" list with no count to belong to
    last_change: tuple[Draft, int, int] | None = None  # (figure, sign, end) of the latest change amount
    pending_budget: tuple[str | None, Token] | None = None
    budgets: dict[str, Decimal | None] = field(default_factory=dict)  # basis (年初 / 调整) → budget stated
    bases: dict[str, str | None] = field(default_factory=dict)  # basis → as worded (None: 预算 only)
    carried: bool = False  # the sentence opens with a comparison about the previous sentence's figure
    from_earlier: bool = False  # a change was given to a figure stated earlier in the document
    context_lo: int | None = None  # where the words that say what a 其中 sentence breaks down start
    respectively: list[str | None] = field(default_factory=list)  # metrics still waiting for a figure
    respective_facts: list[Draft] = field(default_factory=list)  # facts of a 分别 list, for 分别占
    respective_change: bool = False  # inside a "各减少A,B万元，各下降P%、Q%" list of changes
    # the figures such a list of changes is about, in order ("收、支总计各减少…": the two 总计), and
    # those still waiting for their percent; the sign of the list's word
    respective_targets: list[Draft] = field(default_factory=list)
    respective_pct: list[Draft] = field(default_factory=list)
    respective_sign: int = 1
    summary: list[Draft] | None = None  # the 总计 a sentence opening with the summary's name compares


class ParagraphReader:
    """Reads one text unit's tokens into drafts (see the module docstring)."""

    def __init__(self, unit: TextUnit, state: DocState, claimed: list[tuple[int, int]], project: str | None):
        self.unit = unit
        self.text = unit.text
        self.folded = fold_digits(unit.text)
        self.state = state
        self.claimed = claimed
        self.project = project
        self.own: list[Draft] = []
        self.heading: str | None = state.heading  # the metric a figure-less heading names

    # -- driver ------------------------------------------------------------------------
    def read(self) -> list[Draft]:
        carried: Draft | None = None
        previous_lo: int | None = None
        for lo, hi in clauses.sentences(self.text):
            sentence = _Sentence(lo, hi)
            if previous_lo is not None and regex.match(r"\s*其中", self.folded[lo:hi]):
                sentence.context_lo = previous_lo  # "全年政府采购金额452.42万元。其中货物117.97万元…"
            previous_lo = lo
            if clauses.continues_subject(self.folded, lo):
                sentence.governor = carried  # "公务接待费1.35万元。比2023年预算持平。"
                sentence.carried = carried is not None
            if m := _SUMMARY_OPENING.match(self.folded, lo, hi):
                # "收入支出总体与上年相比，增加…", "财政拨款总收支较上年下降3.85%": the 总计 stated before
                sentence.summary = self._summary_of(labels.money_metric(_label(m.group("words"))), sentence)
                sentence.governor = None
            tokens = scan(self.text, lo, hi)
            self._stated_nils(sentence)
            if not tokens:
                self.heading = self._heading_metric(lo, hi)
                continue
            at = lo
            for token in tokens:
                self._advance(sentence, at, token.start)
                at = token.end
                if self._is_claimed(token):
                    if token.kind == "amount":
                        sentence.governor = None  # a classification line's figure governs its own clauses
                    continue
                handler = getattr(self, f"_on_{token.kind}")
                handler(token, sentence)
            # The next sentence, if it opens with a comparison, is about this sentence's main
            # figure: its head when a 其中 breakdown followed it ("收入预算为X万元，其中：…Y万元。
            # 比上年减少…"), else the figure its last clause was about.
            carried = sentence.head if sentence.head and "其中" in self.folded[lo:hi] else sentence.governor
        return self.own

    def _advance(self, s: _Sentence, lo: int, hi: int) -> None:
        """Follow the clause structure between two figures: brackets and new subjects."""
        for kind, pos in clauses.events(self.folded, lo, hi):
            if kind == "colon" and not any(d.start >= s.lo for d in self.own):
                # "（一）收入预算：2026年年初预算数186549.30万元": the words before the colon name it
                self.heading = self._heading_metric(s.lo, pos) or self.heading
            elif kind == "open":
                s.brackets.append((s.governor, len(self.own)))
            elif kind == "close" and s.brackets:
                governor, count = s.brackets.pop()
                if len(self.own) > count:  # the bracket held figures of its own
                    s.governor = governor
            elif kind == "subject":
                s.governor = None
                s.pending_completion = None
                s.summary = None  # "…总体与上年相比，增加X万元，主要原因是…": the reason's figures are not the 总计's

    def _is_claimed(self, token: Token) -> bool:
        return any(s <= token.start < e for s, e in self.claimed)

    # -- amounts -----------------------------------------------------------------------
    def _on_amount(self, tok: Token, s: _Sentence) -> None:
        """Try each reading of an amount in turn; the first that applies wins."""
        for reading in (
            self._as_respective,
            self._as_prior,
            self._as_inline_prior,
            self._as_last_year_was,
            self._as_completed_budget,
            self._as_gap,
            self._as_change,
            self._as_project_figure,
            self._as_budget,
            self._as_actual,
            self._as_targets_coverage,
            self._as_covered_amount,
            self._as_named_project,
            self._as_listed_project,
            self._as_fund_items,
            self._as_labelled,
        ):
            if reading(tok, s):
                return
        # A figure nothing names still opens a clause chain of its own: "政府性基金预算收入
        # 7,600.00万元，占1.9%" must not give its 1.9 % to the figure before it.
        s.governor = None

    def _as_respective(self, tok: Token, s: _Sentence) -> bool:
        """"基本支出、项目支出分别为706.02万元、144.16万元": labels and figures paired in order;
        "收、支总计各减少A,B万元": a list of changes, one per figure its labels name."""
        if tok.listed and (change := _RESPECTIVE_CHANGE.search(tok.near)):
            s.respectively = [None, None]  # its figures are consumed (this one, the next), none a fact
            s.respective_change = True
            s.governor = None
            words = self._list_words(s, tok, change.start())
            if not _label(_COMPARE.sub("", words)) and len(s.respective_facts) > 1:
                # "甲、乙各为A、B万元，比上年各增加C、D万元": the changes of the list just read
                metrics, targets = [d.fact.metric for d in s.respective_facts], list(s.respective_facts)
            else:
                metrics = self._list_metrics(words, self._list_values(tok, s))
                targets = [self._respective_target(metric) for metric in metrics]
            s.respective_facts = []
            found = [t for t in targets if t is not None]
            distinct = len({id(t) for t in found}) == len(found)
            # one figure per label (None: a label the list names twice, "收、支总计各减少C,C万元")
            ok = len(targets) > 1 and found and distinct \
                and all(t or m is None for t, m in zip(targets, metrics, strict=True))
            s.respective_targets = targets if ok else []
            s.respective_pct = list(s.respective_targets)
            s.respective_sign = -1 if change.group("word") in _NEGATIVE_WORDS else 1
        elif (m := _RESPECTIVELY.search(tok.near)) and (tok.listed or not m.group("each")):
            # "收入、支出总计各为X万元" (no list): one figure, named by both its sides
            s.respectively = self._list_metrics(self._list_words(s, tok, m.start()), self._list_values(tok, s),
                                                each=bool(m.group("each")))
            s.respective_facts = []
            s.respective_change = False
        elif not (s.respectively and tok.near in ("", "和", "及", "与")):
            return False
        metric = s.respectively.pop(0) if s.respectively else None
        if s.respective_change:
            target = s.respective_targets.pop(0) if s.respective_targets else None
            if target is not None and tok.value is not None:
                target.qualify(change=tok.value * s.respective_sign,
                               prior_year=target.fact.prior_year or self._compare_year(s, tok))
                self._widen(target, s)
            if tok.listed:
                s.respectively.append(None)  # the list of changes goes on to the number after this one
        if metric is not None:
            s.respective_facts.append(self._new(metric, tok, s))
        return True

    def _list_words(self, s: _Sentence, tok: Token, cut: int) -> str:
        """The words of a 各 / 分别 list's labels: its clause up to the 各 / 分别 (``cut``, in ``tok.near``)."""
        clause_start = max(self.folded.rfind(d, s.lo, tok.start) for d in "，,；;。：:") + 1
        return self.folded[max(clause_start, s.lo) : tok.start - len(tok.near) + cut]

    def _list_values(self, tok: Token, s: _Sentence) -> list[Decimal | None]:
        """The amounts of a list starting at ``tok``: it and the listed ones after it."""
        values = [tok.value]
        for nxt in scan(self.text, tok.end, s.hi):
            if nxt.kind != "amount" or (not nxt.listed and nxt.near not in ("", "和", "及", "与")):
                break
            values.append(nxt.value)
            if not nxt.listed:
                break
        return values

    def _list_metrics(self, words: str, values: list[Decimal | None], each: bool = True) -> list[str | None]:
        """The metric of each label of a list ("收、支总计" names both sides of the 总计). Two sides of
        one 总计 with one figure are the 总计 once; with two different figures, each side's own. A
        各 list whose labels are not each one figure's whole name names none."""
        items = labels.expand_sides(_list_labels(words))
        metrics = [labels.money_metric(_label(w)) for w in items]
        sides = [labels.side_of(_label(w)) for w in items]
        if len(metrics) == 2 and metrics[0] == metrics[1] and metrics[0] in labels.SIDE_TOTALS \
                and sides == ["income", "expenditure"]:
            if len(values) == 2 and values[0] == values[1]:
                return [metrics[0], None]  # the balanced summary: one 总计
            metrics = list(labels.SIDE_TOTALS[metrics[0]])
        if each and (None in metrics or len(set(metrics)) < len(metrics)):
            return [None] * len(metrics)
        return metrics

    def _respective_target(self, metric: str | None) -> Draft | None:
        """The latest figure of ``metric`` this text states (a 各 list of changes is about it)."""
        if metric is None:
            return None
        for draft in reversed(self.own):
            if draft.fact.metric in (metric, *labels.SIDE_TOTALS.get(metric, ())):
                return draft
        return None

    def _as_prior(self, tok: Token, s: _Sentence) -> bool:
        """"收入决算总额较2019年（731.42万元）": the prior-year value of the named figure."""
        m = _PRIOR.search(tok.near)
        if not m:
            return False
        target = self._money_figure(self._target(_label(tok.near[: m.start()]), s), s)
        if target is not None:
            target.qualify(prior_value=tok.value, prior_year=int(m.group("year")) if m.group("year") else (
                target.fact.prior_year or self._year_of("上年")))  # "较上年（45万元）": last year's figure
            self._widen(target, s)
        return True

    def _as_inline_prior(self, tok: Token, s: _Sentence) -> bool:
        """"比2025年年初预算数847128.49万元增加…": the figure compared with, printed in the
        comparison — last year's value (a 决算's "比年初预算数X万元" is its budget)."""
        m = _INLINE_PRIOR.search(tok.near)
        if not m or not (m.group("year") or m.group("budget")):
            return False
        target = self._money_figure(self._target(_label(tok.near[: m.start()]), s), s)
        if target is None:
            return True
        if m.group("year"):
            target.qualify(prior_value=tok.value,
                           prior_year=self._year_of(m.group("year")) or target.fact.prior_year)
        elif self.state.kind != "budget":
            target.qualify(budget_value=tok.value, budget_basis=_stated_basis(m.group("budget")))
        self._widen(target, s)
        return True

    def _as_last_year_was(self, tok: Token, s: _Sentence) -> bool:
        """"…，上年为45.00万元" / "2025年预算数为X万元" (an earlier year) after the figure."""
        m = _LAST_YEAR_WAS.fullmatch(_label(tok.near))
        if not m or s.governor is None:
            return False
        year = self._year_of(m.group("year"))
        if m.group("year") != "上年" and not (year and self.state.year and year < self.state.year):
            return False
        target = self._money_figure(s.governor, s)
        if target is not None:
            target.qualify(prior_value=tok.value, prior_year=year or target.fact.prior_year)
            self._widen(target, s)
        return True

    def _as_completed_budget(self, tok: Token, s: _Sentence) -> bool:
        """"完成预算0万元的0%": the budget, printed inside the completion rate's wording."""
        m = _COMPLETED_BUDGET.search(tok.near)
        if not m or s.governor is None:
            return False
        s.governor.qualify(budget_value=tok.value, budget_basis=_stated_basis(m.group()))
        s.pending_completion = s.governor
        return True

    def _as_gap(self, tok: Token, s: _Sentence) -> bool:
        """"决算数大于预算数12.5万元" (决算 documents): the stated gap to the budget."""
        m = measure_labels.GAP.search(tok.near)
        if not m or self.state.kind == "budget":
            return False
        target = self._target(_label(tok.near[: m.start()]), s)
        if target is not None and tok.value is not None:
            target.qualify(budget_gap=tok.value * measure_labels.GAP_SIGN[m.group("word")])
            self._widen(target, s)
        return True

    def _as_change(self, tok: Token, s: _Sentence) -> bool:
        m = _CHANGE.search(tok.near)
        if m and m.group("word") in ("变化", "变动") and tok.value != 0:
            return True  # "变化3万元" says no direction: not a signed change
        if m:
            self._on_change_amount(tok, s, tok.near[: m.start()], sign_of(m.group("word")) or 1)
        return bool(m)

    def _as_project_figure(self, tok: Token, s: _Sentence) -> bool:
        """"项目全年预算数78万元，执行数为77.98万元" inside a project's paragraph."""
        metric = self._project_metric(tok.near) if self.project else None
        if metric:
            self._new(metric, tok, s, subject=self.project)
        return bool(metric)

    def _as_budget(self, tok: Token, s: _Sentence) -> bool:
        """"年初预算为A万元": held until the 决算 figure it qualifies (决算 documents only)."""
        m = measure_labels.BUDGET.search(tok.near)
        if self.state.kind == "budget" or not m or "决算" in tok.near:
            return False
        if labels.COVERED_AMOUNT.search(tok.near) and self._performance_head(s) is not None:
            return False  # "82个一级项目的绩效自评结果，涉及预算资金597650.29万元": the count's money
        label = _label(tok.near[: m.start()])
        metric = labels.money_metric(label) or labels.money_metric(self._sentence_prefix(s, tok))
        if metric is not None and metric.startswith("procurement."):
            return False  # "预留给小型和微型企业的政府采购项目预算为X万元" is the figure itself
        if self._budget_after_figure(tok, s, label):
            return True
        if s.pending_budget is None:
            s.budgets, s.bases = {}, {}
        s.budgets.setdefault(_basis(m.group()), tok.value)
        s.bases.setdefault(_basis(m.group()), _stated_basis(m.group()))
        s.pending_budget = (metric, tok) if s.pending_budget is None else (s.pending_budget[0] or metric,
                                                                            s.pending_budget[1])
        return True

    def _budget_after_figure(self, tok: Token, s: _Sentence, label: str) -> bool:
        """"公务接待费支出2.05万元，年初预算为2.95万元" (决算): the budget of the figure just stated, when
        no 决算 figure follows it in its clause chain (then it is that figure's, "年初预算为A，支出决算为B")."""
        figure = s.governor
        if figure is None or figure.at < s.lo or figure.fact.unit != "万元" or figure.fact.budget_value is not None:
            return False
        if s.pending_budget is not None or (label and labels.money_metric(label) != figure.fact.metric):
            return False
        nxt = next((t for t in scan(self.text, tok.end, s.hi) if t.kind == "amount"), None)
        if nxt is not None and measure_labels.ACTUAL.search(nxt.near):
            return False
        basis = measure_labels.BUDGET.search(tok.near).group()
        figure.qualify(budget_value=tok.value, budget_basis=_stated_basis(basis))
        figure.budgets, figure.bases = {_basis(basis): tok.value}, {_basis(basis): _stated_basis(basis)}
        self._widen(figure, s)
        return True

    def _as_actual(self, tok: Token, s: _Sentence) -> bool:
        """"…支出决算为B万元" after a held budget: one fact with its budget value."""
        if s.pending_budget is None or not measure_labels.ACTUAL.search(tok.near):
            return False
        metric, budget_tok = s.pending_budget
        s.pending_budget = None
        if metric is not None:  # a budget/决算 pair under a 项 is the classification's
            draft = self._new(metric, tok, s)
            # the year-start budget, when both are stated
            draft.qualify(budget_value=budget_tok.value,
                          budget_basis=_stated_basis(measure_labels.BUDGET.search(budget_tok.near).group()))
            draft.budgets, draft.bases = dict(s.budgets), dict(s.bases)
        s.budgets, s.bases = {}, {}
        return True

    def _as_covered_amount(self, tok: Token, s: _Sentence) -> bool:
        """"项目4个，涉及预算金额598.42万元": the money a performance count covers."""
        head = self._performance_head(s)
        if head is None:
            # "整体支出绩效自评（…），涉及一般公共预算支出0万元，政府性基金预算支出0万元": money a
            # performance sentence covers is no department total, even without a count to hang on
            if "绩效" in self.folded[s.lo : tok.start] and (labels.COVERED_MONEY.search(tok.near) or s.covered_skip):
                s.covered_skip = True
                return True
            return False
        if labels.COVERED_AMOUNT.search(tok.near):
            s.covered = head
            self._new(f"{head.fact.metric}_amount", tok, s, subject=head.fact.subject)
            return True
        fund = labels.fund_of(_label(tok.near))
        if fund and (labels.COVERED_MONEY.search(tok.near) or s.covered is head):
            # "…开展绩效评价，涉及一般公共预算支出0万元，政府性基金预算支出0万元": money by fund
            s.covered = head
            self._new(f"{head.fact.metric}_amount", tok, s, subject=fund)
            return True
        return False

    def _performance_head(self, s: _Sentence) -> Draft | None:
        """The latest performance count of the sentence that is not a 其中 part."""
        for draft in reversed(self.own):
            if draft.start < s.lo:
                return None
            if draft.fact.metric.startswith("performance.") and not draft.inherited and draft.fact.unit == "个":
                return draft
        return None

    def _as_targets_coverage(self, tok: Token, s: _Sentence) -> bool:
        """"对项目支出全面实施绩效目标管理，涉及预算拨款39,560.87万元": money under 绩效目标."""
        if not labels.COVERED_MONEY.search(tok.near):
            return False
        if not labels.TARGETS_COVERAGE.search(self.folded, s.lo, tok.start):
            return False
        if self._performance_head(s) is not None:
            return False  # "编报绩效目标的项目4个，涉及预算金额…": the count's money (``_as_covered_amount``)
        self._new("performance.targets_set_amount", tok, s)
        s.covered_skip = True  # "…，政府性基金预算当年拨款0元": the rest of the list is covered money too
        return True

    def _as_named_project(self, tok: Token, s: _Sentence) -> bool:
        """"其中：县政府办公室工作经费77.98万元" for a project the document names elsewhere."""
        label = _label(tok.near)
        name = self._named_project(tok, label)
        if name:
            metric = "project.budget" if ("下达" in label or self.state.kind == "budget") else "project.executed"
            self._new(metric, tok, s, subject=name)
        return bool(name)

    def _as_listed_project(self, tok: Token, s: _Sentence) -> bool:
        """"1.交通管理装(设)备业务5,738.17万元,主要包括…" in a list of projects, or "2.XX项目50.00万元，
        主要用于…" anywhere (budget documents): the project's budget, keyed by its name. Only the
        item's own figure: the amounts of its parts ("主要包括外场设施设备维护4,054.85万元") are not projects."""
        if self.state.kind != "budget":
            return False
        m = _LISTED_PROJECT.fullmatch(self.folded, s.lo, tok.start)
        if not m or any(d.start >= s.lo for d in self.own):
            return False
        name = m.group("name").strip()
        if labels.money_metric(name) or labels.economic_metric(name, self.state.codes, self.state.year):
            return False  # "1.因公出国（境）费用…": a stated figure of its own
        if not (self.state.project_list or _PROJECT_NAME_END.search(name)) \
                or not _PROJECT_USE.match(self.folded, tok.end):
            return False
        self._new("project.budget", tok, s, subject=name)
        return True

    def _as_fund_items(self, tok: Token, s: _Sentence) -> bool:
        """"政府性基金预算财政拨款收入、支出均为0万元": one fund named once, its figures listed, one
        value for all of them (均 / 都)."""
        m = _ALL_OF.search(tok.near)
        if not m:
            return False
        parts = labels.fund_nil_parts(_WHO_WHEN.sub("", _label(tok.near[: m.start()])))
        if not parts or len(parts) < 2:
            return False
        for metric, subject in parts:
            self._new(metric, tok, s, subject=subject)
        s.governor = None  # one value for several figures: what follows qualifies none of them
        return True

    def _as_labelled(self, tok: Token, s: _Sentence) -> bool:
        if _THIS_PROJECT.search(self.folded, s.lo, tok.start):
            return True  # "拟安排该项目一般公共预算…（含上年结转750.00万元）": a project's money, not the department's
        label = _label(tok.near)
        if _NAMED_FUND_TOTAL.search(label) or _PER_HEAD.search(label):
            return True  # "西安市高龄老人保健补贴资金支出总额为…": a fund's total, not the department's
        metric = labels.economic_metric(label, self.state.codes, self.state.year, self._sentence_prefix(s, tok),
                                        self._economic_family()) \
            or labels.money_metric(label, self._sentence_prefix(s, tok))
        if metric is None:
            metric = labels.vehicle_metric(label, self.folded[s.lo : s.hi])  # "车辆运行维护费…，用于公务用车…"
        if metric is None and (self.heading or "").startswith("three_public.vehicle"):
            # under a heading "（二）公务用车购置及运行维护费": "决算车辆运行维护费用2.94万元" is the 公务用车's
            metric = labels.vehicle_metric(label, "公务用车")
        if metric is None and _WHOLE_TOTAL.search(label) and _THIS_YEARS_PART.match(self.folded, tok.end, s.hi):
            metric = "income_expenditure.grand_total"  # "总收入125.08万元，其中本年收入117.06万元": the 总计
        lead = self.folded[max(s.lo, tok.start - len(tok.near) - 4) : tok.start]
        if _BARE_SIDE.fullmatch(label) and regex.search(r"其中|包括|含", lead):
            return True  # "其中：支出5万元": a part named by its side only, not the total
        if metric is None and not label and (m := _COUNTED_ITEM.search(self.folded, s.lo, tok.start)):
            named = labels.money_metric(_label(m.group("label")))  # "在建工程1项12277.73万元": its money
            metric = named if named and named.startswith("assets.") else None
        if metric is None and self.heading and _BARE_MEASURE.fullmatch(label):
            metric = self.heading  # "（一）因公出国（境）费用。2026年预算数132.53万元"
        metric = self._income_side(metric, label, s, tok)
        if metric == "income_expenditure.grand_total":
            metric = self._scoped_side_total(label, s, tok) or metric
        if metric == "expenditure.total" and (counted := self._counted_money(label, s)) is not None:
            return self._as_counted_money(counted, tok, s)
        if metric in _FUND_METRICS and "采购" in self._sentence_prefix(s, tok) and "采购" not in label:
            return True  # "按政府采购资金类型划分，一般公共预算拨款17000元": procurement by its funds
        if metric in _DEPARTMENT_TOTALS and _SUBORDINATES.search(self._sentence_prefix(s, tok)):
            return True  # "下属共有6个事业单位，事业运行经费…其中：基本支出预算…": the units', not the department's
        metric, fund = self._fund_scope(metric, s, tok)
        if metric is not None and metric.startswith("procurement."):
            return self._procurement(metric, label, tok, s)
        if metric is not None and metric.startswith("economic.") and fund is None:
            fund = self._economic_part_of(tok, s)
        if metric == "three_public.reception" and fund is None and "外事接待费" in label:
            fund = labels.count_subject(metric, label)  # "其中：外事接待费支出0万元"
        if metric is not None and (same := self._stated_in_sentence(metric, fund, tok, s)):
            s.governor = same  # "收入总计318.40万元，支出总计318.40万元": the balanced 总计, stated once
        elif metric is not None:
            self._new(metric, tok, s, subject=fund)
        return metric is not None

    def _counted_money(self, label: str, s: _Sentence) -> Draft | None:
        """"国内公务接待24批次，210人次，支出2.05万元": a bare 支出 after the counts of a 三公 part is the
        money of what was counted, not the department's total."""
        if not _BARE_SPENDING.fullmatch(label):
            return None
        for draft in reversed(self.own):
            if draft.at < s.lo:
                return None
            if draft.fact.metric in _COUNTED_MONEY:
                return draft
        return None

    def _as_counted_money(self, counted: Draft, tok: Token, s: _Sentence) -> bool:
        metric = _COUNTED_MONEY[counted.fact.metric]
        if metric is None:
            s.governor = None  # "共有公务用车8辆，…支出X万元": which of the vehicle costs is not said
            return True
        self._new(metric, tok, s, subject=counted.fact.subject)
        return True

    def _stated_in_sentence(self, metric: str, subject: str | None, tok: Token, s: _Sentence) -> Draft | None:
        """The figure this sentence already stated with the same metric, subject and value."""
        for draft in reversed(self.own):
            if draft.start < s.lo:
                return None
            fact = draft.fact
            if (fact.metric, fact.subject, fact.value) == (metric, subject, tok.value) and not draft.inherited:
                return draft
        return None

    def _scoped_side_total(self, label: str, s: _Sentence, tok: Token) -> str | None:
        """"财政拨款收入总计280万元，支出总计280万元": a bare side's 总计 after a scoped 总计 in the same
        sentence is that scope's (the appropriations' 支出总计), not the department summary's."""
        side = _BARE_SIDE_TOTAL.fullmatch(label)
        if not side:
            return None
        scopes = list(_SCOPED_TOTAL.finditer(self.folded, s.lo, tok.start - len(tok.near)))
        if not scopes:
            return None
        return labels.money_metric(f"{scopes[-1].group('scope')}{side.group('side')}总计")

    def _economic_family(self) -> str | None:
        """"5" / "3": the classification of the economic class read just before (a list of classes
        goes on over paragraphs: "工资福利支出X元，…" / "其他支出Y元，…")."""
        recent = self.state.drafts[-_ECONOMIC_LIST_REACH:]
        for draft in reversed(recent):
            if draft.fact.metric.startswith("economic."):
                return draft.fact.metric.removeprefix("economic.")[:1]
        return None

    def _economic_part_of(self, tok: Token, s: _Sentence) -> str | None:
        """"工资福利支出12000元，占项目支出预算2.56%": an economic class of the 项目支出 (or 基本支出)
        its share is of, not of the whole department (subject 项目支出 / 基本支出)."""
        m = _ECONOMIC_PART_OF.match(self.folded, tok.end, s.hi)
        return m.group("part") if m else None

    def _fund_scope(self, metric: str | None, s: _Sentence, tok: Token) -> tuple[str | None, str | None]:
        """"2022年度政府性基金预算财政拨款年初结转和结余X万元，收入决算Y万元，支出决算Z万元": in a
        sentence about one fund, the bare totals are that fund's."""
        if metric not in ("income.total", "expenditure.total", "income.carryover", "expenditure.carryover"):
            return metric, None
        head = self.folded[s.lo : tok.start]
        for word, income_key, expenditure_key in labels.FUND_TOTALS:
            if m := regex.match(rf"^[^，,；;。]{{0,12}}?(?P<fund>{word})", head):
                if metric.endswith("carryover"):  # the fund's own balances
                    return metric, m.group("fund")
                return (income_key if metric == "income.total" else expenditure_key), None
        return metric, None

    def _income_side(self, metric: str | None, label: str, s: _Sentence, tok: Token) -> str | None:
        """"收入预算：…其中：一般公共预算财政拨款X万元": an appropriation listed as income."""
        if metric not in _INCOME_OF or "支出" in label:
            return metric
        about = self.folded[s.lo : tok.start - len(tok.near)]
        heading_income = self.heading in ("income.total", "income.fiscal")
        return _INCOME_OF[metric] if ("收入" in about and "支出" not in about) or heading_income else metric

    def _procurement(self, metric: str, label: str, tok: Token, s: _Sentence) -> bool:
        """"其中一般公共预算拨款政府采购X万元：政府采购货物预算…": the general-budget part of
        procurement and its kinds carry the subject 一般公共预算拨款."""
        if "一般公共预算" in label:
            s.procurement_subject = "一般公共预算拨款"
        self._new(metric, tok, s, subject=s.procurement_subject)
        return True

    def _on_change_amount(self, tok: Token, s: _Sentence, before: str, sign: int) -> None:
        if versus := self._versus_budget(s, tok):
            # "较年初预算减少1.52万元": a gap to the budget, not a change from last year; in a 决算
            # ("决算数较预算数减少5.91万元") the stated 决算 − 预算
            target = self._target(_label(_COMPARE.sub("", before)), s) if self.state.kind != "budget" else None
            if target is not None and tok.value is not None and target.fact.budget_gap is None:
                target.qualify(budget_gap=tok.value * sign,
                               budget_basis=target.fact.budget_basis or _stated_basis(versus.group("budget")))
                self._widen(target, s)
            return
        label = _label(_COMPARE.sub("", before))
        if s.summary is not None and (not label or _SUMMARY_WORDS.search(label)):
            for draft in s.summary:
                draft.qualify(change=tok.value * sign if tok.value is not None else None,
                              prior_year=draft.fact.prior_year or self._compare_year(s, tok))
                self._widen(draft, s)
            return
        target = self._target(label, s)
        named = (labels.money_metric(label) or _BARE_TOTALS.get(label)) if label else None
        same = (named, *labels.SAME_FIGURE.get(named, ())) if named else ()
        if named and not s.carried and (target is None or target.fact.metric not in same):
            states_figure = any(d.start >= s.lo and d.fact.printed_value is not None for d in self.own)
            earlier = None if states_figure else self._stated_earlier(named, s, tok)
            if earlier is not None:
                target = earlier  # a change section naming figures stated earlier
            elif s.from_earlier:
                return  # never a part's change on the earlier figure the sentence's first change named
        target = self._money_figure(target, s)
        if target is None:
            return
        target.qualify(change=tok.value * sign if tok.value is not None else None,
                       prior_year=target.fact.prior_year or self._compare_year(s, tok))
        self._widen(target, s)
        s.last_change = (target, sign, tok.end)

    def _summary_of(self, metric: str | None, s: _Sentence) -> list[Draft]:
        """The 总计 a comparison naming the summary as a whole is about: the latest one stated (in
        this text, else earlier in the document, when of the report's year and with no change yet),
        or its two sides when stated apart — only when they agree (a balanced summary); [] when
        that is not clear."""
        sides = _SUMMARY_SIDES.get(metric or "")
        if sides is None:
            return []
        family = (metric, *sides)
        for pool, earlier in ((self.own, False), (self.state.drafts, True)):
            candidates = [d for d in pool if d.fact.metric in family and d.fact.subject is None
                          and d.fact.value is not None and not (earlier and self._not_this_years(d))]
            if not candidates:
                continue
            latest = candidates[-1]
            if latest.fact.metric == metric:
                return [latest]
            found = {}
            for d in reversed(candidates):
                if d.fact.metric in sides:
                    found.setdefault(d.fact.metric, d)
            drafts = list(found.values())
            return drafts if len({d.fact.value for d in drafts}) == 1 else []
        return []

    def _not_this_years(self, draft: Draft) -> bool:
        """A figure of an earlier year than the report's, or one already given its change."""
        fact = draft.fact
        return fact.change is not None or fact.change_pct is not None or bool(
            self.state.year and fact.year and fact.year < self.state.year)

    def _stated_earlier(self, metric: str, s: _Sentence, tok: Token) -> Draft | None:
        """"（三）增减变化情况：…1.收入预算减少32,298.02万元，其中一般公共预算收入减少31,847.8万元": a change
        whose words name a figure stated earlier in the document (and not restated here) is that
        figure's — the latest one of the report's year, when it has no change yet. A reason ("主要原因是一般公共预算拨款
        减少…") names what moved, not a stated figure's change: it is left alone."""
        if _REASON.search(self.folded, s.lo, tok.start):
            return None
        for draft in reversed(self.state.drafts):
            if draft.fact.metric == metric and draft.fact.subject is None:
                if self.state.year and draft.fact.year and draft.fact.year < self.state.year:
                    continue  # "2021年度“三公”经费合计支出20.12万元" in a 2022 report: the figure compared with
                if draft.fact.change is not None or draft.fact.value is None or draft.text_unit is self.unit:
                    return None
                s.governor = draft
                s.from_earlier = True
                return draft
        return None

    def _project_metric(self, near: str) -> str | None:
        if _PROJECT_BUDGET.search(near) and "决算" not in near:
            return "project.budget"
        if _PROJECT_ACTUAL.search(near):
            return "project.executed"
        return None

    def _named_project(self, tok: Token, label: str) -> str | None:
        """A project name printed right before the figure ("其中：县政府办公室工作经费77.98万元")."""
        before = self.folded[: tok.start]
        for name in sorted(self.state.projects, key=len, reverse=True):
            if before.endswith(name) or label.endswith(name):
                return name
        return None

    # -- percentages -------------------------------------------------------------------
    def _on_percent(self, tok: Token, s: _Sentence) -> None:
        near = tok.near
        last = s.governor
        if s.pending_completion is not None and near in ("的", "为"):
            s.pending_completion.qualify(completion_pct=tok.value)
            self._widen(s.pending_completion, s)
            s.pending_completion = None
            return
        if s.last_change and near in ("（", "(") and s.last_change[2] == tok.start - 1 and tok.value is not None:
            target, sign, _ = s.last_change  # "较上年减少24.5万元（43%）": the change in percent
            target.qualify(change_pct=tok.value * sign)
            return
        if s.respective_change and (near == "" or (change := _RESPECTIVE_CHANGE.search(near))):
            # "各减少A,B万元，各下降23.51%、38.28%": the rates of a list of changes, in order
            if near:
                s.respective_sign = -1 if change.group("word") in _NEGATIVE_WORDS else 1
            target = s.respective_pct.pop(0) if s.respective_pct else None
            if target is not None and tok.value is not None:
                target.qualify(change_pct=tok.value * s.respective_sign)
            s.governor = None
            return
        s.respective_change = False
        if s.respective_facts and (_RESPECTIVE_SHARE.search(near) or near in ("", "和", "及")):
            fact = s.respective_facts.pop(0)
            fact.qualify(share_pct=tok.value)
            return
        if measure_labels.SHARE.search(near) and not measure_labels.COMPLETION.search(near):
            # "货物采购授予中小企业合同金额占…的4.07%": a clause with a subject of its own before 占
            # is about a figure the text does not state, not the governing one
            own_subject = _label(near[: near.find("占")]) if "占" in near else ""
            if last is not None and len(own_subject) < 2:
                last.qualify(share_pct=tok.value)
                self._widen(last, s)
            return
        if measure_labels.COMPLETION.search(near):
            if self.project and (last is None or last.fact.metric.startswith("project.")):
                self._new("project.completion_pct", tok, s, subject=self.project, unit="%")
            elif last is not None and last.fact.unit == "万元":  # a count has no completion rate
                budget, basis = _budget_of_rate(last, near, tok.value)
                last.qualify(completion_pct=tok.value, budget_value=budget, budget_basis=basis)
                self._widen(last, s)
            return
        if m := measure_labels.CHANGE_PCT.search(near):
            if self._versus_budget(s, tok):
                return
            label = _label(_COMPARE.sub("", near[: m.start()]))
            negative = m.group("word") in ("降幅", "减幅") or sign_of(m.group("word")) == -1
            if s.summary is not None and (not label or _SUMMARY_WORDS.search(label)):
                for draft in s.summary:
                    if tok.value is not None:
                        draft.qualify(change_pct=-tok.value if negative else tok.value,
                                      prior_year=draft.fact.prior_year or self._compare_year(s, tok))
                        self._widen(draft, s)
                return
            target = self._target(label, s)
            if target is not None and tok.value is not None:
                target.qualify(change_pct=-tok.value if negative else tok.value,
                               prior_year=target.fact.prior_year or self._compare_year(s, tok))
                self._widen(target, s)

    # -- counts ------------------------------------------------------------------------
    def _on_count(self, tok: Token, s: _Sentence) -> None:
        unit = tok.printed_unit or ""
        label = _label(tok.near)
        if self._as_count_change(tok, s, unit):
            return
        if unit in ("个", "项") and (grade := labels.GRADE.search(tok.near)):
            self._new("performance.rated", tok, s, unit="个", subject=grade.group("grade"))
            return
        if unit in ("个", "项"):
            context = tok.near + clause_after(self.folded, tok.end)
            metric = labels.performance_metric(context, self.folded[s.lo : tok.start])
            if metric is None and labels.TARGETS_COVERAGE.search(self.folded, s.lo, tok.start) \
                    and _COUNTED_AFTER_TARGETS.search(tok.near):
                # "均实行绩效目标管理，共计33个一级项目，涉及资金…" / "…绩效目标管理，涉及一级预算项目15个"
                metric = "performance.targets_set"
            if metric is None and _COUNTED_AFTER_TARGETS.search(tok.near):
                # "全面开展绩效自评，共涉及项目12个，资金850.5万元": the count of the work named just before
                metric = self._performance_just_before(s, tok)
            if metric and not labels.counts_projects(metric, tok.near, clause_after(self.folded, tok.end)):
                metric = None  # "（含下属单位0个）", "委托0个第三方机构": not a count of projects
            if metric:
                # "对7个一般公共预算项目支出开展绩效自评" / "0个政府性基金预算项目": by fund, when named
                self._new(metric, tok, s, unit="个", subject=labels.fund_of(clause_after(self.folded, tok.end)))
                return
        metric = (
            labels.count_metric(tok.near, unit, _last_clause(self._sentence_prefix(s, tok)))
            or labels.count_metric(tok.near + unit, unit)  # "接待15批次": the unit names it
            # "共3个团组", "购置3辆公务用车", "下属12个二级预算单位": the label after the count
            or labels.count_after(tok.near, _noun_after(self.folded, tok.end), unit)
        )
        if metric is None and (base := self._companion_base(s, tok, unit)):
            metric = labels.COMPANION_COUNTS[base.fact.metric]
            self._new(metric, tok, s, unit=_UNIT_NAMES.get(unit, unit), subject=base.fact.subject)
            return
        if metric and metric.startswith("assets.equipment_over") and not metric.endswith("_bought"):
            if _PLANNED_PURCHASE.search(self.folded, s.lo, tok.start):
                metric += "_bought"  # "2026年计划购置车辆30辆…；单价100万元以上设备0台（套）"
        if metric is not None and metric.startswith("staff.") and label:
            head = self._count_head(s, tok, unit)
            if head is not None and head.fact.metric == metric and head.fact.subject is None:
                # "离退休人员78人，其中：离休3人，退休人员72人": parts of the retired, not restatements
                self._new(metric, tok, s, unit=_UNIT_NAMES.get(unit, unit), subject=label).inherited = True
                return
        if metric is not None:
            subject = (
                "部门整体支出" if metric in labels.PROJECT_SCORES and (
                    # "本部门对2017年整体支出开展绩效自评，自评得分90分": the clause before names it
                    "整体支出" in tok.near
                    or (not self.project and "整体支出" in _last_clause(self._sentence_prefix(s, tok))))
                else self.project if metric in labels.PROJECT_SCORES
                else labels.count_subject(metric, tok.near) or _equipment_kind(tok.near)
            )
            self._new(metric, tok, s, unit=_UNIT_NAMES.get(unit, unit), subject=subject)
            return
        head = self._count_head(s, tok, unit)
        if head is not None and 0 < len(label) <= 16 and not _VERB_LABEL.search(label):
            draft = self._new(head.fact.metric, tok, s, unit=_UNIT_NAMES.get(unit, unit), subject=label)
            draft.inherited = True

    def _as_count_change(self, tok: Token, s: _Sentence, unit: str) -> bool:
        """"公务用车保有量3辆，比上年减少1辆", "接待12批次，较上年增加2批次": the change of the
        sentence's latest count in the same unit (named again or not), never a count of its own.
        Nothing is borrowed across sentences, nor from a count in another unit."""
        m = _CHANGE.search(tok.near)
        if m is None or m.group("word") in ("变化", "变动") or not _COMPARE.search(tok.near):
            return False
        unit_name = _UNIT_NAMES.get(unit, unit)
        label = _label(_COMPARE.split(tok.near, maxsplit=1)[0])
        named = labels.count_metric(label + unit, unit) if label else None
        for draft in reversed(self.own):
            if draft.start < s.lo:
                break
            if draft.fact.unit == unit_name and not draft.inherited and named in (None, draft.fact.metric):
                if tok.value is not None and draft.fact.change is None:
                    draft.qualify(change=tok.value * (sign_of(m.group("word")) or 1),
                                  prior_year=draft.fact.prior_year or self._compare_year(s, tok))
                    self._widen(draft, s)
                return True
        return True  # a change with no count to go with: not a count of its own

    def _performance_just_before(self, s: _Sentence, tok: Token) -> str | None:
        """The performance work the sentence names last before a bare count ("共涉及项目12个"),
        when no other count stands between them."""
        prefix = self.folded[s.lo : tok.start - len(tok.near)]
        found = [(m.end(), metric) for pattern, metric in labels.PERFORMANCE_LABELS
                 for m in pattern.finditer(prefix)]
        if not found:
            return None
        end, metric = max(found)
        if any(t.kind == "count" for t in scan(prefix[end:])):
            return None
        return metric

    def _companion_base(self, s: _Sentence, tok: Token, unit: str) -> Draft | None:
        """The groups or batches people counted right after them go with ("团组2个，共5人",
        "15批次，120人次"): the latest count outside an aside that closed since ("共15批次（其中外事
        接待0批次），105人次": the 105 are the 15 batches' people, not the 外事 ones)."""
        last = self._last(s)
        if last is None or unit not in labels.PEOPLE_UNITS:
            return None
        for draft in reversed(self.own):
            if draft.end < s.lo:
                break
            between = self.folded[draft.at : tok.start]
            if sum(between.count(c) for c in "）)") > sum(between.count(c) for c in "（("):
                continue  # inside an aside that has closed
            return draft if draft.fact.metric in labels.COMPANION_COUNTS else None
        return None

    def _count_head(self, s: _Sentence, tok: Token, unit: str) -> Draft | None:
        """The count a 其中 part belongs to: the latest count of the sentence before it, same
        family ("编制10964人，其中行政编制115人…；实有人员10887人，其中行政121人"). The 其中 must
        stand between the head and the part: "编制71人，教职工62人，其中…" does not make the 62
        a part of the 编制."""
        for draft in reversed(self.own):
            if draft.start >= s.lo and draft.fact.unit not in ("万元", "%") and not draft.inherited:
                same_family = labels.same_unit_family(draft.fact.unit, _UNIT_NAMES.get(unit, unit))
                between = self.folded[draft.at : tok.start]
                if same_family and "其中" in between:
                    # "编制40人，教职工35人，其中专任教师30人": the 其中 breaks down the count just
                    # before it (named or not), not the head
                    before_part = between[: between.rfind("其中")]
                    units = [t.printed_unit or "" for t in scan(before_part) if t.kind == "count" and t.start > 0]
                    if any(labels.same_unit_family(draft.fact.unit, _UNIT_NAMES.get(u, u)) for u in units):
                        return None
                    return draft
        return None

    # -- no change ---------------------------------------------------------------------
    def _on_flat(self, tok: Token, s: _Sentence) -> None:
        clause = tok.near
        budget_words = "预算数" in clause and not regex.search(rf"上年|{_YEAR}", clause)
        if budget_words or self._versus_budget(s, tok) or not _COMPARE.search(self.folded[: tok.start]):
            return  # "决算数与预算数基本持平" compares with the budget ("与上年预算数持平" with last year)
        label = _label(_COMPARE.sub("", clause))
        target = self._target(label, s, doc_wide=True)
        stated_here = target is not None and s.lo <= target.end and target.start <= s.hi
        if target is None or (stated_here and target.fact.change is not None and target.fact.change != 0):
            return  # "比上年预算数减少26.00万元，下降0.9%，与上年基本持平": the stated change stands
        stated_pct = target.fact.change_pct
        target.qualify(change=Decimal(0),  # 持平: no change, in 万元 and in percent
                       change_pct=Decimal(0) if stated_pct is None else stated_pct,
                       prior_year=target.fact.prior_year or self._compare_year(s, tok))
        if target.text_unit is self.unit:
            self._widen(target, s)

    # -- headings and stated nils -------------------------------------------------------
    def heading_of_unit(self) -> str | None:
        """The metric this text unit names when it is only a heading ("（二）公务接待费")."""
        if scan(self.text):
            return None
        return self._heading_metric(0, len(self.text))

    def _heading_metric(self, lo: int, hi: int) -> str | None:
        """"（一）因公出国（境）费用。": a short sentence that only names a figure."""
        words = _label(self.folded[lo:hi].rstrip("。！？!? "))
        return labels.money_metric(words) if 0 < len(words) <= _HEADING_MAX else None

    def _stated_nils(self, s: _Sentence) -> None:
        """"本部门2024年无政府性基金预算财政拨款收入和支出": a stated nil is a fact, value 0.

        A table's own note ("注：本部门无…，故本表为空表") is the table's, not the text's: the
        tables extractor reads it with the table (some notes are template leftovers under a
        table full of figures)."""
        if "本表" in self.folded[s.lo : s.hi]:
            return
        done: list[tuple[int, int]] = []
        for m in labels.STATED_NIL.finditer(self.folded, s.lo, s.hi):
            if any(a <= m.start() < b for a, b in self.claimed) or "原因" in self.folded[s.lo : m.start()]:
                continue  # "…的主要原因：当年度无“三公”经费支出" explains a figure, it states none
            rest = _NIL_CLAUSE_END.split(self.folded[m.end() : s.hi], maxsplit=1)[0]
            if not labels.nil_filler(rest):
                continue  # "无“三公”经费超支现象": the nil of something else
            for metric in labels.nil_metrics(m, self.folded[s.lo : m.start()]):
                tok = Token("nil", m.start(), m.end(), "", Decimal(0))  # no printed figure: the words say 无
                self._new(metric, tok, s, unit="万元")
            done.append((m.start(), m.end()))
        for lo, hi in _nil_clauses(self.folded, s.lo, s.hi):
            if any(a < hi and lo < b for a, b in [*done, *self.claimed]) or scan(self.text, lo, hi):
                continue
            if "原因" in self.folded[s.lo : lo]:
                continue
            for metric, unit, at in self._nil_clause(lo, hi, s):
                # "其中：外事接待费支出为零": the 外事 part's nil, not the whole 公务接待费's
                subject = labels.count_subject(metric, self.folded[lo:hi]) \
                    if metric == "three_public.reception" and "外事接待费" in self.folded[lo:hi] else None
                self._new(metric, Token("nil", at, hi, "", Decimal(0)), s, unit=unit, subject=subject)
            if not self._nil_clause(lo, hi, s):
                for metric, subject, at in self._fund_nil_clause(lo, hi):
                    self._new(metric, Token("nil", at, hi, "", Decimal(0)), s, unit="万元", subject=subject)

    def _fund_nil_clause(self, lo: int, hi: int) -> list[tuple[str, str | None, int]]:
        """"政府性基金预算财政拨款收入、支出、年初结转结余、年末结转结余均为0": one fund's figures named
        once, its name printed before the first (balances keep the fund as subject)."""
        clause = self.folded[lo:hi]
        zero = labels.ZERO_WORDS.search(clause)
        if not zero or not labels.nil_filler(clause[zero.end() :]):
            return []
        parts = labels.fund_nil_parts(_WHO_WHEN.sub("", clause[: zero.start()]))
        return [(metric, subject, lo) for metric, subject in parts or []]

    def _nil_clause(self, lo: int, hi: int, s: _Sentence) -> list[tuple[str, str, int]]:
        """The figures one clause states as nil: "本年度未发生公务接待费", "无此项支出" (the figure
        named before it), "公务接待费为零"; [] when any part of it names no figure."""
        clause = self.folded[lo:hi]
        if (zero := labels.ZERO_WORDS.search(clause)) and labels.nil_filler(clause[zero.end() :]):
            words = _WHO_WHEN.sub("", clause[: zero.start()])
            if labels.fund_nil_parts(words):
                return []  # one fund's figures (``_fund_nil_clause``)
            parts = labels.nil_parts(words, None) if words else None
            return [(metric, unit, lo) for metric, unit in parts or []]
        for m in labels.NIL_WORD.finditer(clause):
            prefix = clause[: m.start()]
            if not labels.nil_prefix_ok(prefix):
                continue
            words = clause[m.end() :].strip()
            if not words or labels.NIL_THIS.match(words):
                named = labels.whole_money_label(_WHO_WHEN.sub("", prefix)) if prefix else None
                metric = named or (self._colon_label(lo, s) if not prefix else None)
                return [(metric, "万元", lo + m.start())] if metric else []
            parts = labels.nil_parts(words, m.group("verb"))
            return [(metric, unit, lo + m.start()) for metric, unit in parts or []]
        return []

    def _colon_label(self, lo: int, s: _Sentence) -> str | None:
        """The figure a clause after "：" is about: the words before the colon, else the heading
        ("（一）因公出国（境）费" / "无此项支出。")."""
        before = self.folded[s.lo : lo].rstrip()
        if before.endswith(("：", ":")):
            words = _label(regex.split(r"[，,；;。]", before[:-1])[-1])
            return labels.whole_money_label(_WHO_WHEN.sub("", words)) if words else None
        return self.heading if lo == s.lo or not before.strip() else None

    # -- helpers -----------------------------------------------------------------------
    def _widen(self, draft: Draft, s: _Sentence) -> None:
        """Extend a fact's source to the sentence that qualified it — in its own text unit only
        (a change section qualifying a figure stated earlier leaves that figure's source alone)."""
        if draft.text_unit is self.unit:
            draft.widen(s.lo, s.hi)

    def _new(self, metric: str, tok: Token, s: _Sentence, subject: str | None = None, unit: str | None = None) -> Draft:
        fact = Fact(
            metric=metric,
            value=tok.value,
            unit=unit or ("万元" if tok.kind == "amount" else tok.printed_unit or ""),
            source=Source(),
            printed_unit=tok.printed_unit,
            printed_value=tok.printed_value,
            year=self._fact_year(s, tok),
            subject=subject,
        )
        draft = Draft(fact, text_unit=self.unit, at=tok.start, start=s.lo, end=s.hi, order=len(self.state.drafts))
        self.own.append(draft)
        self.state.drafts.append(draft)
        s.head = s.head or draft
        s.governor = draft
        return draft

    def _money_figure(self, target: Draft | None, s: _Sentence) -> Draft | None:
        """An amount in 万元 (a prior value, a change) qualifies money, never a count: "公务接待费4万元，
        接待74批次813人，比上年1.05万元增加2.95万元" compares the 4万元, not the 813 people. When the
        chain's figure is a count, the sentence's latest money figure before it is meant; none, none."""
        if target is None or target.fact.unit == "万元":
            return target
        for draft in reversed(self.own):
            if draft.at < s.lo:
                break
            if draft.at < target.at and draft.fact.unit == "万元" and not draft.inherited:
                return draft
        return None

    def _last(self, s: _Sentence) -> Draft | None:
        return self.own[-1] if self.own and self.own[-1].end >= s.lo else None

    def _last_main(self) -> Draft | None:
        for draft in reversed(self.own):
            if not draft.inherited:
                return draft
        return None

    def _target(self, label: str, s: _Sentence, doc_wide: bool = False) -> Draft | None:
        """The fact a qualifier belongs to: the one its own words name (which then governs
        the clauses after it), else the clause chain's governing figure, else none."""
        if s.carried and _BARE_MEASURE_SUBJECT.fullmatch(label):
            return s.governor  # "…机关运行经费…支出决算627.62万元。支出决算比上年增加…": that figure's
        metric = (labels.money_metric(label) or _BARE_TOTALS.get(label)) if label else None
        if metric is None:
            return s.governor
        pool = self.state.drafts if doc_wide else self.own
        for metric_or_alias in (metric, *labels.SAME_FIGURE.get(metric, ())):
            named = [d for d in reversed(pool) if d.fact.metric == metric_or_alias]
            # A printed figure before a stated nil ("无…支出") restating it.
            named.sort(key=lambda d: d.fact.printed_value is None)
            if named:
                s.governor = named[0]
                return named[0]
        if doc_wide:
            return None
        governor = s.governor
        if governor is not None and _siblings(metric, governor.fact.metric):
            # "公务接待费…减少38万元；公务用车购置费同口径比2018年减少334万元": words naming another
            # part of the same family, one the text does not state, qualify no other part — the chain
            # ends with them (a wider name, "收入总计…" after a 财政拨款收入总计, still restates it)
            s.governor = None
            return None
        return governor

    def _versus_budget(self, s: _Sentence, tok: Token) -> regex.Match | None:
        """The sentence's latest comparison when it is with a budget of no stated year
        ("较年初预算减少…"), or of the report's own year in a 决算 ("2021年度决算…与2021年度预算相比，
        增加1.14万元": the gap to its budget); "比2024年预算增加" (a budget document's prior year) is a change."""
        matches = [m for m in _ANY_COMPARE.finditer(self.folded, s.lo, tok.start)
                   if not (m.group() == "比" and m.start() > 0 and self.folded[m.start() - 1] in "相对")]
        last = matches[-1] if matches else None  # the 比 of "与…相比" is no comparison of its own
        if not (last and last.group("budget")):
            return None
        year = last.group("year")
        own_year = bool(year) and self.state.kind != "budget" and self.state.year is not None \
            and self._year_of(year) == self.state.year
        return last if not year or own_year else None

    def _sentence_prefix(self, s: _Sentence, tok: Token) -> str:
        return self.folded[s.lo if s.context_lo is None else s.context_lo : tok.start]

    def _year_of(self, word: str | None) -> int | None:
        """2025 for "2025年", the year before the report's for "上年"."""
        if word and (m := regex.match(r"(?:19|20)\d{2}", word)):
            return int(m.group())
        if word and word.startswith(("上", "去")) and self.state.year:
            return self.state.year - 1
        return None

    def _compare_year(self, s: _Sentence, tok: Token) -> int | None:
        years = regex.findall(r"(?:较|比|与|同)\s*((?:19|20)\d{2})\s*年", self.folded[s.lo : tok.start])
        return int(years[-1]) if years else None

    def _fact_year(self, s: _Sentence, tok: Token) -> int | None:
        m = _FACT_YEAR.search(self.folded, s.lo, tok.start)
        return int(m.group(1)) if m else None


def _basis(words: str) -> str:
    """The budget a wording names: 调整 (adjusted), else 年初 (year-start; a bare 预算 too)."""
    return "调整" if "调整" in words else "年初"


def _stated_basis(words: str | None) -> str | None:
    """The budget a wording names, as ``Fact.budget_basis``: 调整预算, 年初预算, or None (预算 only)."""
    if words and "调整" in words:
        return "调整预算"
    return "年初预算" if words and "年初" in words else None


def _budget_of_rate(draft: Draft, basis_words: str, pct: Decimal | None) -> tuple[Decimal | None, str | None]:
    """The budget a completion rate is stated against and its basis: the one of the basis it
    names ("完成调整预算的75%"); for a bare "完成预算的X%" with two budgets stated, the one the
    rate is computed from (value / budget, at the printed precision); else the held one.
    A rate naming a basis other than the held budget's ("年初预算为A…为调整预算的X%") is not
    about that budget: the budget of its own basis (None when not stated)."""
    budgets, held, held_basis = draft.budgets, draft.fact.budget_value, draft.fact.budget_basis
    named = _stated_basis(basis_words)
    if named:
        key = _basis(named)
        if key in budgets:
            return budgets[key], named
        return (held, named) if held_basis in (None, named) else (None, named)
    if len(budgets) < 2 or pct is None or draft.fact.value is None:
        return held, held_basis
    places = max(0, -pct.as_tuple().exponent)
    fitting = [key for key, b in budgets.items()
               if b and round(draft.fact.value / b * 100, places) == pct]
    if len(fitting) == 1:
        return budgets[fitting[0]], draft.bases.get(fitting[0])
    return held, held_basis


def _list_labels(words: str) -> list[str]:
    """The labels of a "甲、乙和丙分别为…" list: split at 、, and at 和/与/及 only where every
    part names a metric ("公务用车购置及运行维护费" stays whole)."""
    out: list[str] = []
    for part in (p for p in words.split("、") if p.strip()):
        for joiner in ("和", "与", "及"):
            pieces = [x for x in part.split(joiner) if x.strip()]
            if len(pieces) > 1 and all(labels.money_metric(_label(x)) for x in pieces):
                out.extend(pieces)
                break
        else:
            out.append(part)
    return out


def _siblings(a: str, b: str) -> bool:
    """Two different metrics of one family of parts (三公 parts, procurement kinds, assets, staff …)."""
    family_a, _, part_a = a.partition(".")
    family_b, _, part_b = b.partition(".")
    return a != b and family_a == family_b and family_a in _PART_FAMILIES and bool(part_a) and bool(part_b) \
        and b not in labels.SAME_FIGURE.get(a, ()) and a not in labels.SAME_FIGURE.get(b, ())


_PART_FAMILIES = frozenset({"three_public", "procurement", "assets", "staff", "performance"})


def _label(words: str) -> str:
    """Label words without list numbering, 其中, quotes and brackets around them."""
    return _LEAD.sub("", words.strip()).strip("，,：:（(）) ")


_NOUN_AFTER = regex.compile(r"[^，,；;。、：:的\d（(]{1,12}")


def _noun_after(folded: str, pos: int) -> str:
    """The words right after a count, up to the next delimiter ("个团组" → "团组")."""
    m = _NOUN_AFTER.match(folded, pos)
    return m.group() if m else ""


def _equipment_kind(near: str) -> str | None:
    m = labels.EQUIPMENT.search(near)
    return f"{m.group('kind')}设备" if m and m.group("kind") else None


_CLAUSE_END = regex.compile(r"[；;。：:]")
# "（境）" is part of a name, not a bracket.
_NIL_CLAUSE_END = regex.compile(r"[，,；;。：:！!？?]|[（(](?!境[)）])|(?<![（(]境)[)）]")
# Who and when, before a figure's name in a nil ("本部门2026年公务接待费为零").
_WHO_WHEN = regex.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:本部门|本单位|我单位|我部门|我局|我委|我办|本局|本委)?"
    r"(?:(?:19|20)\d{2}\s*年度?)?(?:本年度|当年度?|全年|年度内)?"
    r"(?:本部门|本单位|我单位|我部门|我局|我委|我办|本局|本委)?"  # "2023年本部门…": the year first
    r"(?:部门预算|单位预算|预算|决算)?(?:中)?"
)


def _nil_clauses(folded: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The clauses of ``folded[lo:hi]`` split at every delimiter and bracket (a nil is a
    whole clause)."""
    out, start = [], lo
    for m in _NIL_CLAUSE_END.finditer(folded, lo, hi):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if hi > start:
        out.append((start, hi))
    return out


def _last_clause(prefix: str) -> str:
    """The words since the last ；/。/： — the clause a count belongs to (not a heading before it)."""
    return _CLAUSE_END.split(prefix)[-1]
