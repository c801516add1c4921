"""Identity rules on small made-up documents: region parsing, year voting, consolidation,
names as printed, central government, file name last."""

from __future__ import annotations

import pytest

from extractors.document import Document, Format, Paragraph, build_table
from extractors.identity import clean_name, extract_identity, region_of


def _doc(*texts: str, tables=(), page: int = 1) -> Document:
    blocks = [Paragraph(text=t, page=page) for t in texts] + list(tables)
    return Document(blocks=blocks, format=Format.TXT)


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("广州市信访局", "广州市"), ("杭州市公安局", "杭州市"), ("福州市公安局巡特警支队", "福州市"),
        ("上海市市场监督管理局", "上海市"),  # not "上海市市"
        ("杭州市市政设施管理中心", "杭州市"),  # a 市政 centre of the city, not a "市" level
        ("武汉市城市管理执法委员会", "武汉市"),
        ("上海市普陀区社区卫生服务中心", "上海市普陀区"),  # 社区 is no district
        ("上海市普陀区区级机关事务管理局", "上海市普陀区"),
        ("四川省攀枝花市盐边县财政局", "四川省攀枝花市盐边县"),
        ("广西壮族自治区南宁市财政局", "广西壮族自治区南宁市"),
        ("西安市高新技术产业开发区管理委员会", "西安市高新技术产业开发区"),
        ("延边朝鲜族自治州民政局", "延边朝鲜族自治州"),
        ("深圳市公安局交通管理局", "深圳市"),
        ("中共上海市普陀区委社会工作部", "上海市普陀区"),
        ("国家信访局", "中央"), ("中共中央办公厅", "中央"), ("外交部", "中央"), ("审计署", "中央"),
        ("最高人民法院", "中央"), ("最高人民检察院", "中央"), ("新华通讯社", "中央"), ("人民日报社", "中央"),
        ("新华书店", None),
        ("财政局", None), ("市公安局", None),
    ],
)
def test_region_of(name, region):
    assert region_of(name) == region


@pytest.mark.parametrize(
    ("printed", "name", "consolidation"),
    [
        ("西安市卫生健康委员会（汇总）", "西安市卫生健康委员会", "汇总"),
        ("深圳市公安局交通管理局(本级)", "深圳市公安局交通管理局", "本级"),
        ("关于太原市发展和改革委员会", "太原市发展和改革委员会", None),
        ("上海市普陀区人民政府万里街道办事处（部门）", "上海市普陀区人民政府万里街道办事处", None),
        ("盐边县财政局本级", "盐边县财政局", "本级"),
        ("盐边县财政局", "盐边县财政局", None),
    ],
)
def test_clean_name(printed, name, consolidation):
    clean = clean_name(printed)
    assert (clean.name, clean.consolidation) == (name, consolidation)


def test_consolidation_goes_to_its_own_field_not_the_name():
    identity = extract_identity(_doc("西安市卫生健康委员会（汇总）", "2022年度部门决算", "目录"))
    assert identity.value("department") == "西安市卫生健康委员会"
    assert identity.value("consolidation") == "汇总" and identity.consolidation.found_in == "title"
    split = extract_identity(_doc("2026年深圳市公安局交通管理局（本", "级）部门预算", "目录"))
    assert (split.value("department"), split.value("consolidation")) == ("深圳市公安局交通管理局", "本级")
    assert (split.value("fiscal_year"), split.value("kind"), split.value("scope")) == (2026, "budget", "department")


def test_consolidation_of_a_listed_unit_is_not_the_reports():
    """A 汇总 report lists "X（本级）" among its units: that marker qualifies the unit row."""
    units = build_table([[("单位名称", 1, 1)], [("西安市卫生健康委员会（本级）", 1, 1)], [("西安市中心医院", 1, 1)]], block=3)
    identity = extract_identity(_doc("西安市卫生健康委员会（汇总）", "2022年度部门决算", tables=[units]))
    assert identity.value("consolidation") == "汇总"


def test_about_prefix_dropped():
    identity = extract_identity(_doc("关于太原市发展和改革委员会2016年决算公开的说明", "一、部门职责"))
    assert identity.value("department") == "太原市发展和改革委员会"
    assert (identity.value("fiscal_year"), identity.value("kind"), identity.value("region")) == (2016, "final", "太原市")


def test_content_year_beats_file_name_years():
    doc = _doc("长沙市公安局", "2025年部门预算公开", "目录")
    identity = extract_identity(doc, "2026年长沙市公安局2025年部门预算.pdf")
    assert identity.value("fiscal_year") == 2025 and identity.fiscal_year.found_in == "title"
    stated_2019 = extract_identity(_doc("2019年佛山市轨道交通局部门决算"), "2026年佛山市交通运输局部门预算.pdf")
    assert (stated_2019.value("fiscal_year"), stated_2019.value("kind"), stated_2019.value("department")) == \
        (2019, "final", "佛山市轨道交通局")


def test_file_name_year_only_when_content_is_silent():
    identity = extract_identity(_doc("一、主要职能", "负责本部门日常工作。"), "2026年长沙市公安局2025年部门预算.pdf")
    assert identity.value("fiscal_year") == 2025 and identity.fiscal_year.found_in == "filename"  # the year before 预算
    assert identity.value("department") == "长沙市公安局" and identity.department.found_in == "filename"


def test_year_voting_across_the_body_without_a_cover():
    """No title: running headers and headings outweigh a stray sentence naming another year."""
    doc = _doc("一、部门职责", "北京市公安局2026年度部门预算", "第二部分2026年度部门预算报表",
               "北京市公安局2025年部门预算执行中，收入增加了。", "北京市公安局2026年度部门预算", page=3)
    identity = extract_identity(doc)
    assert identity.value("fiscal_year") == 2026 and identity.fiscal_year.found_in == "heading"
    assert identity.value("department") == "北京市公安局"


def test_tables_only_file_states_identity_in_table_titles():
    """A 附件 of tables: kind from "预算01表", scope and year from the 部门整体 form's title lines."""
    summary = build_table([[("预算01表收支总表", 1, 2)], [("收入", 1, 1), ("预算数", 1, 1)]], block=0)
    form = build_table([[("预算12表部门整体支出绩效目标表", 1, 2)], [("（2026年度）", 1, 2)],
                        [("部门名称", 1, 1), ("北京市公安局", 1, 1)]], block=1)
    identity = extract_identity(Document(blocks=[summary, form], format=Format.TXT), "tables.pdf")
    got = tuple(identity.value(k) for k in ("department", "fiscal_year", "kind", "scope"))
    assert got == ("北京市公安局", 2026, "budget", "department")
    assert {identity.fiscal_year.found_in, identity.kind.found_in} == {"table"}


def test_label_line_with_unit_on_the_same_line():
    identity = extract_identity(_doc("第一部分概况", "部门名称：深圳市公安局交通管理局（本级）单位：万元"))
    assert identity.value("department") == "深圳市公安局交通管理局"


def test_supervising_department_in_forms_does_not_name_a_units_report():
    form = build_table([[("项目名称", 1, 1), ("车辆消耗费", 1, 1)],
                        [("主管部门", 1, 1), ("福州市公安局", 1, 1), ("实施单位", 1, 1), ("福州市公安局巡特警支队", 1, 1)]],
                       block=2)
    column = build_table([[("单位名称", 1, 1), ("合计", 1, 1)], [("合计", 1, 1), ("1.00", 1, 1)],
                          [("福州市公安局巡特警支队", 1, 1), ("1.00", 1, 1)]], block=1)
    identity = extract_identity(Document(blocks=[Paragraph("第一部分单位概况", page=2), column, form],
                                         format=Format.TXT))
    assert identity.value("department") == "福州市公安局巡特警支队"


def test_central_ministry_gets_central_region():
    identity = extract_identity(_doc("国家信访局2026年度部门预算", "二〇二六年三月"), "2026年武汉市信访局部门预算.pdf")
    assert (identity.value("department"), identity.value("region")) == ("国家信访局", "中央")


def test_comprehensive_budget_is_a_department_budget():
    identity = extract_identity(_doc("西安市发展和改革委员会", "2019年部门综合预算说明"))
    assert (identity.value("fiscal_year"), identity.value("kind"), identity.value("scope")) == (2019, "budget", "department")


def test_chinese_numeral_year_and_name_after_the_kind():
    identity = extract_identity(_doc("二〇二一年度部门决算", "盐边县财政局", "目录"))
    assert (identity.value("department"), identity.value("fiscal_year"), identity.value("kind")) == \
        ("盐边县财政局", 2021, "final")
    assert identity.department.found_in == "title"


def test_publication_date_is_not_the_fiscal_year():
    identity = extract_identity(_doc("西安市卫生健康委员会", "2023年7月", "第一部分部门概况", "2022年度部门决算情况说明"))
    assert identity.value("fiscal_year") == 2022


def test_a_clause_about_the_department_is_not_its_name():
    identity = extract_identity(_doc("第一部分部门概况", "纳入烟台市退役军人事务局2026年部门预算编制范围的单位"))
    assert identity.value("department") is None


@pytest.mark.parametrize(
    ("name", "region"),
    [("普陀区城市管理和综合执法局", "普陀区"), ("峨边彝族自治县教育局", "峨边彝族自治县"),
     ("成都市都江堰市财政局", "成都市都江堰市"), ("上海市浦东新区财政局", "上海市浦东新区"),
     ("盐边县第一中学", "盐边县"), ("中华全国总工会", "中央"), ("中国气象局", "中央")],
)
def test_region_of_more_layouts(name, region):
    assert region_of(name) == region


def test_another_years_budget_in_a_heading_is_no_vote():
    identity = extract_identity(_doc("一、部门职责", "二、2025年预算执行情况", "三、2026年部门预算安排情况说明",
                                     "2025年预算数", page=2))
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2026, "budget")


@pytest.mark.parametrize(
    ("cover", "expected"),
    [
        (["渠县财政局", "2024年度部门决算", "目录"], ("渠县财政局", "渠县", 2024, "final", "department")),
        (["岳阳市生态环境局2021年度部门决算公开"], ("岳阳市生态环境局", "岳阳市", 2021, "final", "department")),
        (["随州市曾都区农业农村局", "2021年度部门决算"], ("随州市曾都区农业农村局", "随州市曾都区", 2021, "final", "department")),
        (["江苏省人大常委会办公厅", "2019年部门预算公开"], ("江苏省人大常委会办公厅", "江苏省", 2019, "budget", "department")),
        (["2021年度", "盐边县第二小学", "单位决算"], ("盐边县第二小学", "盐边县", 2021, "final", "unit")),
        (["中共渠县县委组织部", "2023年部门预算"], ("中共渠县县委组织部", "渠县", 2023, "budget", "department")),
        (["渠县人民医院2023年单位预算公开"], ("渠县人民医院", "渠县", 2023, "budget", "unit")),
        (["2023年部门预算", "单位名称：渠县水务局"], ("渠县水务局", "渠县", 2023, "budget", "department")),
        (["宣汉县应急管理局", "2021年部门决算", "二〇二二年八月"], ("宣汉县应急管理局", "宣汉县", 2021, "final", "department")),
        (["2022年度部门决算公开", "湛江市公安局"], ("湛江市公安局", "湛江市", 2022, "final", "department")),
        (["重庆市渝中区民政局2023年部门决算情况说明"], ("重庆市渝中区民政局", "重庆市渝中区", 2023, "final", "department")),
        (["国家税务总局渠县税务局2023年部门预算"], ("国家税务总局渠县税务局", "渠县", 2023, "budget", "department")),
        (["中国人民银行2023年部门决算"], ("中国人民银行", "中央", 2023, "final", "department")),
        (["教育部2024年部门预算"], ("教育部", "中央", 2024, "budget", "department")),
    ],
)
def test_cover_layouts_of_many_provinces(cover, expected):
    identity = extract_identity(_doc(*cover))
    assert tuple(identity.value(k) for k in ("department", "region", "fiscal_year", "kind", "scope")) == expected


def test_unbracketed_level_in_a_title_is_consolidation():
    identity = extract_identity(_doc("2023年度成都市武侯区住房和城乡建设委员会（本级）决算"))
    assert (identity.value("department"), identity.value("consolidation")) == ("成都市武侯区住房和城乡建设委员会", "本级")


def test_table_of_contents_lines_with_leader_dots():
    identity = extract_identity(_doc("目录", "第一部分佛山市轨道交通局概况..........1",
                                     "第二部分佛山市轨道交通局2019年部门决算表..........5", page=2))
    assert (identity.value("department"), identity.value("fiscal_year"), identity.value("kind")) == \
        ("佛山市轨道交通局", 2019, "final")
    assert identity.fiscal_year.found_in == "heading"


@pytest.mark.parametrize("cover", ["附件1重庆市水利局2026年部门预算", "附件1：重庆市水利局2026年部门预算"])
def test_attachment_number_before_the_title(cover):
    identity = extract_identity(_doc(cover))
    assert (identity.value("department"), identity.value("fiscal_year")) == ("重庆市水利局", 2026)


@pytest.mark.parametrize(
    ("cover", "department", "region"),
    [
        # township and street bodies publish under the place's own name
        ("长沙县黄兴镇2023年部门预算", "长沙县黄兴镇", "长沙县"),
        ("成都市武侯区玉林街道2024年部门预算", "成都市武侯区玉林街道", "成都市武侯区"),
        ("江西省南昌市青山湖区湖坊镇2022年部门决算", "江西省南昌市青山湖区湖坊镇", "江西省南昌市青山湖区"),
        # name endings beyond 局/委/院: 党校, 网信办, 少年宫, 歌舞团, 监狱
        ("中共成都市委党校2023年部门决算", "中共成都市委党校", "成都市"),
        ("中共合肥市委网信办2024年部门预算", "中共合肥市委网信办", "合肥市"),
        ("合肥市少年宫2023年度单位决算", "合肥市少年宫", "合肥市"),
        ("武汉市歌舞团2024年单位预算", "武汉市歌舞团", "武汉市"),
        ("江苏省南京监狱2023年部门预算", "江苏省南京监狱", "江苏省"),
        # party and front organisations print their own name before the region
        ("共青团广东省委员会2023年部门决算", "共青团广东省委员会", "广东省"),
        ("中国人民政治协商会议广州市委员会办公厅2023年部门决算", "中国人民政治协商会议广州市委员会办公厅", "广州市"),
        # two nameplates (合署办公): the bracketed second name is part of the name, in one
        # bracket spelling; （本级） stays a consolidation marker
        ("中共杭州市委党校（杭州行政学院）2023年部门预算", "中共杭州市委党校（杭州行政学院）", "杭州市"),
        ("杭州市文化广电旅游局（杭州市文物局）2023年部门预算", "杭州市文化广电旅游局（杭州市文物局）", "杭州市"),
        ("广州市黄埔区人民政府(广州开发区管委会)2022年部门预算", "广州市黄埔区人民政府（广州开发区管委会）", "广州市黄埔区"),
        ("上海市普陀区司法局（本级）2023年部门预算", "上海市普陀区司法局", "上海市普陀区"),
    ],
)
def test_name_families_beyond_bureaus(cover, department, region):
    identity = extract_identity(_doc(cover, "目录"))
    assert (identity.value("department"), identity.value("region")) == (department, region)


def test_version_note_before_the_name_is_not_part_of_it():
    identity = extract_identity(_doc("2024年度部门预算", "（公开版）", "杭州市西湖区卫生健康局", "目录"))
    assert identity.value("department") == "杭州市西湖区卫生健康局"
    assert identity.value("region") == "杭州市西湖区"


@pytest.mark.parametrize(
    "sentence",
    ["现将南宁市民政局2024年部门预算公开如下：", "下面公开的是南宁市民政局2024年部门预算情况，具体如下。"],
)
def test_lead_in_of_the_introducing_sentence_is_not_the_name(sentence):
    identity = extract_identity(_doc("目录", sentence, page=2))
    assert identity.value("department") == "南宁市民政局"
    assert identity.value("region") == "南宁市"


def test_the_report_speaking_of_itself_names_no_department():
    identity = extract_identity(_doc("目录", "根据《预算法》规定，现将我局2023年度部门决算公开如下。",
                                     "编制单位：郑州市金水区教育局", page=2))
    assert identity.value("department") == "郑州市金水区教育局"
    assert identity.value("fiscal_year") == 2023


def test_vertical_agency_branch_belongs_to_its_province():
    identity = extract_identity(_doc("国家税务总局四川省税务局2024年部门预算", "目录"))
    assert identity.value("department") == "国家税务总局四川省税务局"
    assert identity.value("region") == "四川省"


def test_consolidation_marker_after_the_kind():
    identity = extract_identity(_doc("绵阳市游仙区教育和体育局2024年部门预算（汇总）", "目录"))
    assert identity.value("department") == "绵阳市游仙区教育和体育局"
    assert identity.value("consolidation") == "汇总"


def test_cover_name_on_its_own_line_apart_from_year_and_kind():
    identity = extract_identity(_doc("部门预算（2024年度）", "南京市秦淮区城市管理局", "目录"))
    assert identity.value("department") == "南京市秦淮区城市管理局"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2024, "budget")



def test_the_production_corps_is_a_provincial_level():
    assert region_of("新疆生产建设兵团第一师阿拉尔市教育局") == "新疆生产建设兵团第一师阿拉尔市"


@pytest.mark.parametrize(
    ("site_lines", "title", "department", "year", "kind", "scope"),
    [
        # a hospital's site greets the reader with its own name before the report's title
        (("欢迎来到宜宾市第二人民医院", "24小时服务热线:0831-0000000"),
         "2024年度宜宾市第二人民医院单位决算", "宜宾市第二人民医院", 2024, "final", "unit"),
        # a portal's name, accessibility links and the publication date around the title
        (("欢迎访问宁夏回族自治区政务服务网!", "无障碍", "长者模式"),
         "2023年度宁夏回族自治区政务服务中心部门决算公开", "宁夏回族自治区政务服务中心", 2023, "final",
         "department"),
        # an index number printed above the title of a page of the open-government list
        (("索引号11530000MB0000000X",), "红河哈尼族彝族自治州林业和草原局2025年度部门预算",
         "红河哈尼族彝族自治州林业和草原局", 2025, "budget", "department"),
    ],
)
def test_web_page_lines_before_the_title_do_not_join_it(site_lines, title, department, year, kind, scope):
    identity = extract_identity(_doc(*site_lines, title, "发布时间:2025-03-01 10:00", "目录"))
    assert identity.value("department") == department
    assert (identity.value("fiscal_year"), identity.value("kind"), identity.value("scope")) == (year, kind, scope)
    assert identity.title == title


def test_a_title_broken_over_cover_lines_is_still_read_joined():
    identity = extract_identity(_doc("宜宾市第二人民医院", "2024年度", "单位决算"))
    assert identity.value("department") == "宜宾市第二人民医院"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2024, "final")


def test_a_bracketed_line_under_a_whole_title_stays_with_it():
    identity = extract_identity(_doc("欢迎访问深圳市公安局网站", "深圳市公安局交通管理局2026年部门预算", "（本级）", "目录"))
    assert identity.value("department") == "深圳市公安局交通管理局"
    assert identity.consolidation is not None and identity.value("consolidation") == "本级"


def test_the_part_presenting_the_body_names_it_when_no_title_does():
    # a page of an open-government list: index lines, then the 目录 and the parts
    identity = extract_identity(_doc("索引号 | 11530000-1-/2020-0000001 | 发布日期 | 2020-08-28 |", "目录",
                                     "第一部分 保山市隆阳区河图街道概况", "一、主要职能",
                                     "第二部分 2019年度部门决算表", "一、收入支出决算总表"))
    assert identity.value("department") == "保山市隆阳区河图街道"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2019, "final")


def test_an_overview_heading_does_not_outvote_the_title():
    identity = extract_identity(_doc("保山市隆阳区财政局2024年部门预算", "目录",
                                     "第一部分 保山市隆阳区国库支付中心概况", "一、主要职能"))
    assert identity.value("department") == "保山市隆阳区财政局"


def test_a_second_nameplate_after_a_space_stays_with_the_name():
    identity = extract_identity(_doc("宁波市海曙区综合行政执法局 (宁波市海曙区城市管理局) 2022年度部门决算",
                                     "发布日期：2023-09-01", "一、部门基本情况"))
    assert identity.value("department") == "宁波市海曙区综合行政执法局（宁波市海曙区城市管理局）"
    assert identity.value("region") == "宁波市海曙区"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2022, "final")


@pytest.mark.parametrize(
    ("lines", "region"),
    [
        # the page's publisher line prints the region the title leaves out
        (("发布机构： | 南康市石门乡人民政府 | 发文日期： | 2024年04月20日", "石门乡人民政府2024年部门预算", "目录"),
         "南康市"),
        (("索引号 1136/2022-00047 发布机构 永宁区新华街街道办事处 责任部门 永宁区新华街街道办事处",
          "2021年度新华街街道办事处部门决算公开", "第一部分 单位概况"), "永宁区"),
        # words before the name that are more than a region lend nothing
        (("来源于南康市石门乡人民政府", "石门乡人民政府2024年部门预算"), None),
        (("石门乡人民政府2024年部门预算", "目录", "第一部分 石门乡人民政府概况"), None),
    ],
)
def test_a_name_printed_without_its_region_takes_the_one_printed_before_it_elsewhere(lines, region):
    identity = extract_identity(_doc(*lines))
    assert identity.value("department") in ("石门乡人民政府", "新华街街道办事处")
    assert identity.value("region") == region


@pytest.mark.parametrize(
    "line",
    [
        "北辰学校为公益一类事业单位，是一所九年一贯制学校。",
        "北辰学校下设办公室、教务处、总务处等内设机构。",
        "北辰学校主要职责是：实施义务教育。",
    ],
)
def test_the_overview_naming_the_body_names_it_when_no_title_does(line):
    identity = extract_identity(_doc("校务公开", "2023年度部门决算公开", "目录", "第二部分 2023年度部门决算说明",
                                     "一、单位基本情况", line))
    assert identity.value("department") == "北辰学校"
    assert (identity.value("fiscal_year"), identity.value("kind")) == (2023, "final")


@pytest.mark.parametrize("line", ["本单位下设办公室、财务室。", "该中心为公益一类事业单位，现有编制20人。",
                                  "我校为独立的法人单位，无下级单位。"])
def test_the_report_speaking_of_itself_names_nobody(line):
    identity = extract_identity(_doc("2023年度部门决算公开", "一、单位基本情况", line))
    assert identity.value("department") is None


def test_a_city_whose_name_opens_with_ben_is_a_name():
    identity = extract_identity(_doc("本溪市财政局2024年部门预算", "目录"))
    assert identity.value("department") == "本溪市财政局"
    assert identity.value("region") == "本溪市"


def test_a_title_without_scope_takes_the_words_the_report_uses_of_itself():
    identity = extract_identity(_doc("南湖区实验学校2023年预算", "目录",
                                     "本校2023年部门预算纳入绩效考评的项目共3个。"))
    assert identity.value("scope") == "department"
    assert identity.scope.found_in == "mention"


def test_the_file_name_outranks_the_reports_mentions_of_itself():
    identity = extract_identity(_doc("南湖区实验学校2023年预算", "本校2023年部门预算纳入绩效考评的项目共3个。"),
                                filename="南湖区实验学校2023年单位预算.pdf")
    assert identity.value("scope") == "unit"
    assert identity.scope.found_in == "filename"


def test_a_name_printed_with_its_upper_levels_elsewhere_takes_the_fuller_region():
    identity = extract_identity(_doc("江岸区河道管理处2021年度决算公开说明", "第一部分：基本情况",
                                     "武汉市江岸区河道管理处负责全区中小河流的建设与管理工作。"))
    assert identity.value("department") == "江岸区河道管理处"
    assert identity.value("region") == "武汉市江岸区"


def test_a_region_printed_twice_before_a_name_is_one_region():
    identity = extract_identity(_doc("宜城市宜城市人民医院本级", "2024年部门预算公开情况说明", "一、单位主要职责",
                                     "发表日期:2024-02-02 文章来源:宜城市宜城市人民医院"))
    assert identity.value("department") == "宜城市人民医院"
    assert identity.value("region") == "宜城市"
    assert clean_name("上海市上海市公安局").name == "上海市公安局"
    assert clean_name("市市政管理处").name == "市市政管理处"  # no region to double
