"""Charts of trends and diffs: a Vega-Lite spec from plain rows, then HTML, SVG or PNG.

Why Vega-Lite (altair builds the spec, vl-convert-python renders it): one declarative spec
gives all three outputs, PNG and SVG are rendered in-process (vl-convert embeds the Vega
JavaScript engine; no browser, no numpy/pandas), and the HTML is interactive (tooltips with
page and source) and self-contained: vl-convert inlines the Vega bundle, so it opens with
no network. matplotlib would give PNG/SVG of similar quality but a static HTML only, and
pulls numpy. Both altair and vl-convert-python are the optional extra ``juesuan[charts]``.

Chinese labels: PNG needs a CJK font on this machine (``compare.fonts``); its folder is
registered with vl-convert and its family is the chart font. SVG and HTML name a stack of
common CJK families, so the viewer's own font is used there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from compare.fonts import FONT_STACK, HOW_TO_GET_ONE, find_cjk_font

FORMATS = (".html", ".svg", ".png")
KIND_LABELS = {"final": "决算", "budget": "预算"}
TREND_SUBTITLE = "金额单位：万元（计数为其自身单位）；红圈：该年报告所述上年数与上年报告不符，红菱为其所述上年数"
# A 类 line is drawn once, from the first of these tables that states it (function classes).
LINE_TABLES = ("expenditure", "general_budget_expenditure")


class ChartUnavailable(RuntimeError):
    """The chart cannot be drawn here: a library or a CJK font is missing (the message says
    what to install)."""


def _altair():  # the altair module
    try:
        import altair
    except ModuleNotFoundError:
        raise ChartUnavailable("charts need altair and vl-convert-python: pip install 'juesuan[charts]'") from None
    return altair


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def trend_data(rows: list[dict]) -> list[dict]:
    """The trend rows as chart records: a panel per metric (with its unit), a line per
    department × kind."""
    many = len({r["department"] for r in rows}) > 1
    data = []
    for r in rows:
        if r.get("value") is None:
            continue
        kind = KIND_LABELS.get(r.get("kind"), r.get("kind") or "")
        unit = r.get("unit") or ""
        data.append({
            "年度": str(r["fiscal_year"]), "数值": _number(r["value"]), "单位": unit,
            "指标": f"{r['label']}（{unit}）" if unit else r["label"],
            "系列": f"{r['department']} · {kind}" if many else kind,
            "部门": r["department"], "同比%": _number(r.get("change_pct")),
            "报告所述上年数": _number(r.get("stated_prior")),
            "与上年报告不符": "是" if r.get("restated") else "", "页": r.get("page"), "点": "报告数",
        })
        if r.get("restated") and r.get("stated_prior") is not None and r.get("previous_year"):
            data.append({**data[-1], "年度": str(r["previous_year"]), "数值": _number(r["stated_prior"]),
                         "点": f"{r['fiscal_year']}年报告所述上年数"})
    return data


def trend_chart(rows: list[dict], title: str | None = None) -> dict:
    """A Vega-Lite spec: value over fiscal years, a panel per metric (own y scale), a
    coloured line per department × kind, a red ring where a report's stated prior-year
    figure disagrees with the previous report."""
    alt = _altair()
    data = trend_data(rows)
    if not data:
        raise ChartUnavailable("nothing to draw: no stored value in the series")
    departments = sorted({d["部门"] for d in data})
    title = title or ("、".join(departments) if len(departments) <= 3 else f"{len(departments)} 个部门")
    base = alt.Chart().encode(
        x=alt.X("年度:O", title="年度", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("数值:Q", title=None, scale=alt.Scale(zero=False)),
        color=alt.Color("系列:N", title=None, legend=alt.Legend(orient="bottom", columns=1, labelLimit=600)),
    )
    tooltip = ["指标:N", "系列:N", "年度:O", alt.Tooltip("数值:Q", format=",.2f"), "单位:N",
               alt.Tooltip("同比%:Q", format=".2f"), "报告所述上年数:Q", "与上年报告不符:N", "页:Q"]
    own = base.transform_filter("datum['点'] == '报告数'")
    lines = own.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(tooltip=tooltip)
    labels = own.mark_text(dy=-12, fontSize=11).encode(text=alt.Text("数值:Q", format=",.2f"))
    restated = own.transform_filter("datum['与上年报告不符'] == '是'").mark_point(
        size=260, strokeWidth=2.5, filled=False).encode(color=alt.value("#d62728"), tooltip=tooltip)
    stated = base.transform_filter("datum['点'] != '报告数'").mark_point(
        shape="diamond", size=110, strokeWidth=2, filled=False).encode(
        color=alt.value("#d62728"), tooltip=["点:N", alt.Tooltip("数值:Q", format=",.2f"), "页:Q"])
    stated_labels = base.transform_filter("datum['点'] != '报告数'").mark_text(
        dy=16, fontSize=11).encode(text=alt.Text("数值:Q", format=",.2f"), color=alt.value("#d62728"))
    layered = alt.layer(lines, labels, restated, stated, stated_labels, data=alt.Data(values=data))
    header = alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top", labelFontSize=13)
    chart = layered.properties(width=560, height=220).facet(row=alt.Row("指标:N", title=None, header=header))
    chart = chart.resolve_scale(y="independent").properties(title=alt.TitleParams(
        title, offset=14, subtitle=TREND_SUBTITLE))
    return chart.to_dict()


def _config(font: str) -> dict:
    return {"font": font, "title": {"font": font}, "axis": {"labelFont": font, "titleFont": font},
            "legend": {"labelFont": font, "titleFont": font}, "header": {"labelFont": font, "titleFont": font},
            "text": {"font": font}}


def write_chart(spec: dict, path: Path, write: Callable[[Path, bytes], None] | None = None) -> Path:
    """Render ``spec`` to ``path``: .html (self-contained, offline), .svg or .png.

    ``write`` puts the rendered bytes at the path (the CLI passes ``db.files.write_bytes``,
    which writes a temporary file and renames it, so a failure leaves the old chart)."""
    data = render_chart(spec, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    (write or Path.write_bytes)(path, data)
    return path


def render_chart(spec: dict, path: Path) -> bytes:
    """The chart as the bytes of a .png, .svg or .html file, chosen by ``path``'s extension."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ChartUnavailable(f"charts are written as {', '.join(FORMATS)}, not {suffix or 'no extension'}")
    try:
        import vl_convert as vlc
    except ModuleNotFoundError:
        raise ChartUnavailable("charts need altair and vl-convert-python: pip install 'juesuan[charts]'") from None
    if suffix == ".png":
        font = find_cjk_font()
        if font is None:
            raise ChartUnavailable(f"cannot draw {path.name}: {HOW_TO_GET_ONE}")
        vlc.register_font_directory(str(font.path.parent))
        return bytes(vlc.vegalite_to_png(spec, scale=2, config=_config(font.family)))
    if suffix == ".svg":
        return vlc.vegalite_to_svg(spec, config=_config(FONT_STACK)).encode("utf-8")
    return vlc.vegalite_to_html(spec, bundle=True, config=_config(FONT_STACK)).encode("utf-8")


def diff_data(rows: list[dict], limit: int = 30) -> list[dict]:
    """The changed money facts and 类-level lines of diff rows (``compare.render.diff_rows``),
    the ``limit`` largest changes."""
    many = len({r["department"] for r in rows}) > 1
    picked = []
    for r in rows:
        if r.get("change") is None or r.get("unit") != "万元" or r.get("status") == "unchanged":
            continue
        code = r.get("code_b") or r.get("code_a") or ""
        if r["section"] == "line" and not (len(code) == 3 and r.get("table") in LINE_TABLES
                                           and r.get("column") == "total"):
            continue
        if r["section"] not in ("fact", "line"):
            continue
        name = r.get("name_b") or r.get("name_a") or code
        if r["section"] == "line":
            name = f"{code} {name}（类）"
        label = f"{r['department']} · {name}" if many else name
        picked.append({"项目": label, "变化": _number(r["change"]), "变化%": _number(r.get("change_pct")),
                       "上年": _number(r.get("value_a")), "本年": _number(r.get("value_b")),
                       "年份": f"{r['year_a']}→{r['year_b']}", "方向": "增加" if r["change"] >= 0 else "减少",
                       "页": r.get("page_b") or r.get("page_a"),
                       "_rank": LINE_TABLES.index(r["table"]) if r["section"] == "line" else 0})
    picked.sort(key=lambda d: (-abs(d["变化"]), d.pop("_rank")))
    seen, unique = set(), []
    for d in picked:  # the same label twice (a figure stated in two places) once
        if d["项目"] not in seen:
            seen.add(d["项目"])
            unique.append(d)
    return unique[:limit]


def diff_chart(rows: list[dict], title: str | None = None) -> dict:
    """A Vega-Lite spec: one horizontal bar per changed figure (万元), increases and
    decreases in two colours, largest first."""
    alt = _altair()
    data = diff_data(rows)
    if not data:
        raise ChartUnavailable("nothing to draw: no money figure changed")
    departments = sorted({r["department"] for r in rows})
    years = data[0]["年份"]
    title = title or f"{'、'.join(departments[:3])}{' 等' if len(departments) > 3 else ''} {years} 变化"
    order = [d["项目"] for d in data]
    bars = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        y=alt.Y("项目:N", sort=order, title=None, axis=alt.Axis(labelLimit=420)),
        x=alt.X("变化:Q", title="变化（万元）", axis=alt.Axis(tickCount=6, labelOverlap=True)),
        color=alt.Color("方向:N", scale=alt.Scale(domain=["增加", "减少"], range=["#2b8a3e", "#c92a2a"]),
                        title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["项目:N", "年份:N", alt.Tooltip("上年:Q", format=",.2f"), alt.Tooltip("本年:Q", format=",.2f"),
                 alt.Tooltip("变化:Q", format=",.2f"), alt.Tooltip("变化%:Q", format=".2f"), "页:Q"],
    )
    text = bars.mark_text(align="left", dx=4, fontSize=11).encode(
        text=alt.Text("变化%:Q", format="+.2f"), color=alt.value("#333"))
    chart = alt.layer(bars, text).properties(
        width=520, height=alt.Step(22),
        title=alt.TitleParams(title, offset=10, subtitle="条：变化额（万元）；数字：变化 %"))
    return chart.to_dict()
