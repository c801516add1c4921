"""Organisation names as printed: their pattern, their clean form and their region.

A name is read as the document prints it ("西安市卫生健康委员会（汇总）",
"关于太原市发展和改革委员会…"); ``clean_name`` turns it into the department's name and
says what the brackets meant (``consolidation``: 本级 = the department's own accounts,
汇总 = consolidated with its subordinate units). ``region_of`` reads the administrative
prefix of a name level by level (省/自治区 → 市/州/盟/地区 → 区/县/旗/市/开发区), so a
level is never doubled ("X市市…") and never taken from inside the unit's own name
("…市政…中心", "…社区…").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Organisation-name endings of the bodies that publish 部门/单位 决算 and 预算.
ORG_SUFFIX = (
    r"(?:办公室|办事处|委员会|检察院|法院|研究室|管理处|事务中心|服务中心|中心|政府|支队|总队|大队|中学|小学|大学|"
    r"局|委|院|厅|部|所|站|队|馆|学校|学院|医院|公司|银行|协会|联合会|处|会|社|园|场|台|署|"
    # township bodies publish as "X镇" / "X乡" / "X街道"; 党校, 少年宫, 歌舞团, 监狱, 网信办
    r"街道|镇|乡|苏木|校|宫|团|狱|办)"
)
# A consolidation marker printed right after a name: "（本级）", "(汇总)", or a bare "本级"
# before the year ("X医院本级2024年…") or ending the line.
CONSOLIDATION = r"(?:[（(]\s*(?P<cons>本级|汇总)\s*[）)]|(?P<cons>本级)(?=\s*(?:\d|[一二]〇|$|部门|单位|[（(])))"
# A second name in brackets for a body with two nameplates (合署办公 / 挂牌): "中共杭州市委党校
# （杭州行政学院）", "广州市黄埔区人民政府（广州开发区管委会）". Part of the name as printed; the
# brackets that are no name (本级, 汇总, 部门, 单位, 本部) are decorations, read elsewhere.
ALIAS = rf"[（(](?!本级|汇总|部门|单位|本部)[\p{{Han}}]{{2,30}}?{ORG_SUFFIX}[）)]"
ORG = rf"[\p{{Han}}（）()]{{2,40}}?{ORG_SUFFIX}(?:[ \u3000]?{ALIAS})?"  # 2: central ministries (教育部, 外交部)
# An organisation name with its optional consolidation marker, as a named group.
ORG_MARKED = rf"(?P<org>{ORG})(?:{CONSOLIDATION})?"

# "（公开版）" / "(草案)" before a name on covers that print the version first.
_LEADING_NOISE = regex.compile(r"^(?:附件\s*\d*\s*[:：]?|关于|公开|[（(](?:公开版|草案|送审稿|修订版?)[）)])+")
# Party and front organisations that print their own name before the region they serve
# ("共青团广东省委员会", "中国人民政治协商会议广州市委员会办公厅", "中共上海市普陀区委…").
_ORG_OPENING = regex.compile(
    r"^(?:中共|中国共产党|共青团|中国共产主义青年团|中国人民政治协商会议|政协|中国国民党革命委员会|"
    r"中国民主同盟|中国民主建国会|中国民主促进会|中国农工民主党|中国致公党|九三学社|台湾民主自治同盟)"
)
_TRAILING_NOISE = regex.compile(r"(?:关于|[（(]部门[）)]|[（(]单位[）)])+$")
_MARKER = regex.compile(CONSOLIDATION)
_DOUBLED_REGION = regex.compile(r"^(\p{Han}{1,8}?(?:省|自治区|市|州|盟|县|区|旗))\1(?=\p{Han})")

# Central-government bodies: their names carry no region; these openings say "national".
# 最高人民法院 / 最高人民检察院 and the central news bodies (新华通讯社, 人民日报社, 光明日报社,
# 经济日报社, 求是杂志社) are central too, though no opening says so.
_CENTRAL_OPENING = regex.compile(
    r"^(?:国家|中央|中共中央|国务院|全国|中华人民共和国|中华全国|中国(?!共产党)|最高人民(?:法院|检察院)"
    r"|(?:新华通讯社|新华社|人民日报社|光明日报社|经济日报社|求是杂志社)$)")
# A ministry (外交部, 审计署, 海关总署) printed with no region at all.
_MINISTRY = regex.compile(r"^[\p{Han}]{2,10}(?:部|署|总局|银行)$")
CENTRAL = "中央"
_CENTRAL_BRANCH = regex.compile(r"^(?:国家|中国)[\p{Han}]{1,8}?总?局")

# 新疆生产建设兵团 stands at the provincial level (its 师 and cities publish below it).
_PROVINCE = r"(?:[\p{Han}]{2,8}?(?:省|自治区)|新疆生产建设兵团)"
# Levels below a province; 州 only when not followed by 市 (广州市 is one city, not 广州 + 市).
_CITY_SUFFIX = r"(?:自治州|地区|盟|州(?!市)|市)"
_COUNTY_SUFFIX = r"(?:自治县|自治旗|开发区|新区|区|县|旗|市)"
_SUFFIX_CHARS = "省市州县区旗盟"
# Words ending in 区/县/市 that are not administrative areas.
_NOT_AREA = regex.compile(r"^(?:社区|园区|景区|小区|辖区|片区|校区|街区|营区|库区|城区|市区|"
                          r"县区|山区|湖区|监区|病区|灾区|老区|城市|都市|超市)$")
_LEVEL_PATTERNS = (
    regex.compile(rf"^(?P<seg>{_PROVINCE})"),
    regex.compile(rf"^(?P<seg>[\p{{Han}}]{{1,9}}?{_CITY_SUFFIX})"),
    regex.compile(rf"^(?P<seg>[\p{{Han}}]{{1,12}}?{_COUNTY_SUFFIX})"),
)


_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A year as printed: 2026, or 二〇二六 (covers and titles of some provinces).
YEAR_DIGITS = r"(?:19|20)\d{2}|[一二][〇零○九][〇零○一二三四五六七八九]{2}"


def to_year(printed: str) -> int:
    """"2026" → 2026; "二〇二六" → 2026."""
    if printed.isdigit():
        return int(printed)
    return int("".join(str(_CN_DIGITS[ch]) for ch in printed))


@dataclass(frozen=True)
class CleanName:
    """A department name without its printed decorations, and what they said."""

    name: str
    consolidation: str | None = None  # "本级" | "汇总"


def clean_name(printed: str, consolidation: str | None = None) -> CleanName:
    """"关于太原市发展和改革委员会" → 太原市发展和改革委员会; "X（本级）" → X, 本级."""
    name = printed.strip()
    if m := _MARKER.search(name):
        consolidation = consolidation or m.group("cons")
        name = name[: m.start()] + name[m.end():]
    name = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", name))
    # One spelling of the brackets, so a name printed "X(Y)" in one file and "X（Y）" in the
    # other is one department (split disclosures join on it).
    name = name.replace("(", "（").replace(")", "）")
    name = regex.sub(r"[ \u3000]+（", "（", name)  # "X局 （Y局）" as "X局（Y局）"
    # A site that prefixes its own region to a name already holding it ("大冶市大冶市中医医院").
    name = _DOUBLED_REGION.sub(r"\1", name)
    if name.endswith("本级") and len(name) > 4:
        name, consolidation = name[:-2], consolidation or "本级"
    return CleanName(name, consolidation)


def region_of(name: str | None) -> str | None:
    """The administrative prefix of an organisation name, read level by level.

    "上海市普陀区财政局" → "上海市普陀区"; "广州市信访局" → "广州市"; "杭州市市政设施管理中心" →
    "杭州市"; "国家信访局" → "中央"; "财政局" → None (no region printed).
    """
    name = _ORG_OPENING.sub("", name or "")
    segments: list[str] = []
    rest = name
    for level, pattern in enumerate(_LEVEL_PATTERNS):
        seg = _segment(rest, pattern, level)
        if seg is not None:
            segments.append(seg)
            rest = rest[len(seg):]
    region = "".join(segments)
    if region and region != name:
        return region
    if is_central(name):
        # A vertical agency's local office ("国家税务总局渠县税务局") belongs to its area.
        if (m := _CENTRAL_BRANCH.match(name)) and (inner := region_of(name[m.end():])) not in (None, CENTRAL):
            return inner
        return CENTRAL
    return None


def _segment(rest: str, pattern: regex.Pattern, level: int) -> str | None:
    """One administrative level at the start of ``rest``, or None.

    A level never starts with a level word (市政…, 区级…, 县委… after the 县 itself), is not a
    common noun ending in 区 (社区, 园区), and leaves a name behind it."""
    if not rest or rest[0] in _SUFFIX_CHARS:
        return None
    m = pattern.match(rest)
    if m is None:
        return None
    seg = m.group("seg")
    if _NOT_AREA.match(seg) or len(seg) >= len(rest):
        return None
    if regex.search(r"(?:局|委|院|厅|部|办|所|站|队|中心|公司|学校|医院|政府)", seg[:-1]):
        return None  # the unit's own name runs through it ("公安局交通管理区…", "国家税务总局四川省")
    if level > 0 and regex.search(r"[省县区旗盟]", seg[:-1]):
        return None  # two levels in one ("普陀区城市…" is 普陀区 + 城市管理…, not a city "普陀区城市")
    return seg


def is_central(name: str | None) -> bool:
    """A central-government body: 国家信访局, 中共中央办公厅, 外交部, 审计署."""
    if not name:
        return False
    return bool(_CENTRAL_OPENING.match(name) or _MINISTRY.match(name))
