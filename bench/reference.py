#!/usr/bin/env python3
"""The alternative xxgk is measured against: PyYAML (C loader) + Jinja2.

    python3 bench/reference.py INPUT_DIR OUT_DIR

Loads every .yaml/.yml below INPUT_DIR with yaml.CSafeLoader, computes what xxgk computes
for its outputs (row totals of table 三, （七）总计 as the sum of the result rows, the 勾稽
balance 一+二 = 三（七）+四 per column, the 总计 of each outcome row of table 四), splits the
prose into paragraphs with their run-in headings, and writes OUT_DIR/<same path>.md and .html
through two Jinja2 templates drawing every cell of the three tables (the HTML with its merged
cells, the Markdown flattened with full row labels) and all the prose.

It is a straightforward script, as someone would write it without xxgk: one process, files
written with open().write(). Its output is not byte-identical to xxgk's but does the same work.
Prints one summary line; exit status 1 if a file could not be loaded or does not balance.
"""

import os
import sys

import jinja2
import yaml

try:
    LOADER = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - the benchmark checks for libyaml before running
    sys.exit("PyYAML was built without libyaml: yaml.CSafeLoader is missing")

# ----------------------------------------------------------------------------------------------
# The two editions (labels as in src/edition.rs)

APPLICANTS = [
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other", "其他"),
]
APPLICANT_HEADER = "申请人情况"
LEGAL_PERSON_GROUP = "法人或其他组织"
TOTAL_LABEL = "总计"
APPLICATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS_GROUP = "三、本年度办理结果"
OUTCOME_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                   ("pending", "尚未审结"), ("total", TOTAL_LABEL)]
OUTCOME_ROWS = [
    (("reconsideration",), "行政复议", None),
    (("litigation", "direct"), "行政诉讼", "未经复议直接起诉"),
    (("litigation", "after_reconsideration"), "行政诉讼", "复议后起诉"),
]
SECTION_TITLES = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def col(key, label, kind, unit=None):
    return {"key": key, "label": label, "kind": kind, "unit": unit}


DOCS_2019 = [col("made", "本年新制作数量", "count"), col("published", "本年新公开数量", "count"),
             col("total", "对外公开总数量", "count")]
ITEMS_2019 = [col("last_year", "上一年项目数量", "count"), col("change", "本年增/减", "change"),
              col("decisions", "处理决定数量", "count")]
FEES_2019 = [col("last_year", "上一年项目数量", "count"), col("change", "本年增/减", "change")]
PROCUREMENT_2019 = [col("projects", "采购项目数量", "count"),
                    col("amount", "采购总金额", "amount", "万元")]
DECISIONS_2021 = [col("decisions", "本年处理决定数量", "count")]

PROACTIVE = {
    "2019": [
        ("第二十条第（一）项", DOCS_2019, [("regulations", "规章"), ("normative_documents", "规范性文件")]),
        ("第二十条第（五）项", ITEMS_2019, [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
        ("第二十条第（六）项", ITEMS_2019, [("penalties", "行政处罚"), ("coercion", "行政强制")]),
        ("第二十条第（八）项", FEES_2019, [("fees", "行政事业性收费")]),
        ("第二十条第（九）项", PROCUREMENT_2019, [("procurement", "政府集中采购")]),
    ],
    "2021": [
        ("第二十条第（一）项",
         [col("issued", "本年制发件数", "count"), col("repealed", "本年废止件数", "count"),
          col("in_force", "现行有效件数", "count")],
         [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
        ("第二十条第（五）项", DECISIONS_2021, [("licensing", "行政许可")]),
        ("第二十条第（六）项", DECISIONS_2021, [("penalties", "行政处罚"), ("coercion", "行政强制")]),
        ("第二十条第（八）项", [col("amount", "本年收费金额（单位：万元）", "amount")],
         [("fees", "行政事业性收费")]),
    ],
}

WITHHELD, UNABLE, NOT_PROCESSED, OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"


def app_rows(others):
    # (path, group, label, role)
    return [
        (("new",), None, "一、本年新收政府信息公开申请数量", "top"),
        (("carried_over",), None, "二、上年结转政府信息公开申请数量", "top"),
        (("results", "disclosed"), None, "（一）予以公开", "result"),
        (("results", "partially_disclosed"), None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "result"),
        (("results", "withheld", "state_secret"), WITHHELD, "1.属于国家秘密", "result"),
        (("results", "withheld", "prohibited_by_law"), WITHHELD, "2.其他法律行政法规禁止公开", "result"),
        (("results", "withheld", "three_securities"), WITHHELD, "3.危及“三安全一稳定”", "result"),
        (("results", "withheld", "third_party"), WITHHELD, "4.保护第三方合法权益", "result"),
        (("results", "withheld", "internal_affairs"), WITHHELD, "5.属于三类内部事务信息", "result"),
        (("results", "withheld", "process_information"), WITHHELD, "6.属于四类过程性信息", "result"),
        (("results", "withheld", "enforcement_files"), WITHHELD, "7.属于行政执法案卷", "result"),
        (("results", "withheld", "administrative_query"), WITHHELD, "8.属于行政查询事项", "result"),
        (("results", "unable", "not_held"), UNABLE, "1.本机关不掌握相关政府信息", "result"),
        (("results", "unable", "needs_creation"), UNABLE, "2.没有现成信息需要另行制作", "result"),
        (("results", "unable", "unclear_after_correction"), UNABLE, "3.补正后申请内容仍不明确", "result"),
        (("results", "not_processed", "petition"), NOT_PROCESSED, "1.信访举报投诉类申请", "result"),
        (("results", "not_processed", "repeated"), NOT_PROCESSED, "2.重复申请", "result"),
        (("results", "not_processed", "publications"), NOT_PROCESSED, "3.要求提供公开出版物", "result"),
        (("results", "not_processed", "excessive"), NOT_PROCESSED, "4.无正当理由大量反复申请", "result"),
        (("results", "not_processed", "confirmation"), NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息", "result"),
    ] + others + [
        (("results", "total"), None, "（七）总计", "total"),
        (("carried_forward",), None, "四、结转下年度继续办理", "top"),
    ]


APP_ROWS = {
    "2019": app_rows([(("results", "other"), None, OTHER, "result")]),
    "2021": app_rows([
        (("results", "other", "no_correction"), OTHER,
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "result"),
        (("results", "other", "no_fee_paid"), OTHER,
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "result"),
        (("results", "other", "other"), OTHER, "3.其他", "result"),
    ]),
}

# ----------------------------------------------------------------------------------------------
# Computing


def dig(data, path):
    for k in path:
        if not isinstance(data, dict):
            return None
        data = data.get(k)
    return data


def row_values(raw, keys):
    """A row written as a list (optionally with its 总计 last) or a mapping by key:
    (the figures, the 总计 as given or None)."""
    n = len(keys)
    if raw is None:
        return [0] * n, None
    if isinstance(raw, list):
        vals = [int(v or 0) for v in raw[:n]] + [0] * max(0, n - len(raw))
        given = int(raw[n]) if len(raw) > n else None
        return vals, given
    vals = [int(raw.get(k) or 0) for k in keys]
    given = raw.get("total")
    return vals, (int(given) if given is not None else None)


def figure(value, kind, unit):
    note = None
    if isinstance(value, dict):
        value, note = value.get("value"), value.get("note")
    if value is None:
        value = 0
    if kind == "change":
        s = "+%d" % value if value > 0 else "%d" % value
    elif kind == "amount":
        s = str(value)
    else:
        s = str(int(value))
    if unit:
        s += unit
    if note:
        s += "（%s）" % note
    return s


NUMS = set("一二三四五六七八九十0123456789")


def enumerator_len(s):
    if not s:
        return None
    if s[0] in "（(":
        n = 0
        for i, c in enumerate(s[1:], 1):
            if c in NUMS:
                n += 1
            elif c in "）)" and n > 0:
                return i + 1
            else:
                return None
        return None
    if s[0] in NUMS:
        for i, c in enumerate(s[1:], 1):
            if c in NUMS:
                continue
            return i + 1 if c in "、是.．" else None
    return None


def classify(text):
    n = enumerator_len(text)
    if n is not None:
        if len(text) <= 40 and not text.endswith(tuple("。；：:！？.")) and "。" not in text:
            return {"heading": True, "lead": None, "text": text}
        pos = text.find("。", n)
        if pos >= 0 and pos + 1 <= 30 and pos + 1 < len(text):
            return {"heading": False, "lead": text[: pos + 1], "text": text[pos + 1:]}
    return {"heading": False, "lead": None, "text": text}


def paragraphs(raw):
    out, cur = [], []
    for line in (raw or "").splitlines():
        t = line.strip()
        if t:
            cur.append(t)
        elif cur:
            out.append(classify("".join(cur)))
            cur = []
    if cur:
        out.append(classify("".join(cur)))
    return out


def cell(text, role, rowspan=1, colspan=1):
    scope = None
    if role == "head":
        scope = "colgroup" if colspan > 1 else "col"
    elif role == "label":
        scope = "rowgroup" if rowspan > 1 else "row"
    return {"text": text, "role": role, "rowspan": rowspan, "colspan": colspan, "scope": scope}


def grid_row(kind, cells):
    return {"kind": kind, "cells": cells}


def compute(data, name, problems):
    year = int(data["year"])
    agency = str(data["agency"])
    edition = str(data.get("edition") or ("2019" if year <= 2020 else "2021"))
    title = data.get("title") or "%d年%s政府信息公开工作年度报告" % (year, agency)

    # Table 二
    proactive_raw = data.get("proactive") or {}
    t2_grid, t2_flat = [], []
    for item, cols, rows in PROACTIVE[edition]:
        t2_grid.append(grid_row("section", [cell(item, "note", 1, 4)]))
        last_span = 4 - len(cols)
        header = [cell("信息内容", "head")]
        for i, c in enumerate(cols):
            h = cell(c["label"], "head", 1, last_span if i + 1 == len(cols) else 1)
            h["scope"] = "col"  # one logical column, however many grid columns it covers
            header.append(h)
        t2_grid.append(grid_row("header", header))
        flat = {"caption": item, "labelled": True, "header": ["信息内容"] + [c["label"] for c in cols], "rows": []}
        for key, label in rows:
            raw = proactive_raw.get(key) or {}
            figs = [figure(raw.get(c["key"]), c["kind"], c["unit"]) for c in cols]
            t2_grid.append(grid_row("body", [cell(label, "label")] + [
                cell(f, "figure", 1, last_span if i + 1 == len(cols) else 1)
                for i, f in enumerate(figs)]))
            flat["rows"].append([label] + figs)
        t2_flat.append(flat)

    # Table 三: row totals, （七）总计, 勾稽
    apps = data.get("applications") or {}
    keys = [k for k, _ in APPLICANTS]
    descs = APP_ROWS[edition]
    values = {}
    results_sum = [0] * 7
    given_total = None
    for path, _, label, role in descs:
        vals, given = row_values(dig(apps, path), keys)
        total = sum(vals)
        if given is not None and given != total:
            problems.append("%s: %s: 总计 %d ≠ %d" % (name, label, given, total))
        row = vals + [total]
        if role == "total":
            given_total = row if dig(apps, path) is not None else None
            continue
        values[path] = row
        if role == "result":
            for i in range(7):
                results_sum[i] += row[i]
    if given_total is not None and given_total != results_sum:
        problems.append("%s: （七）总计 ≠ the sum of the result rows" % name)
    values[("results", "total")] = results_sum
    new, over, fwd = values[("new",)], values[("carried_over",)], values[("carried_forward",)]
    for i in range(7):
        if new[i] + over[i] != results_sum[i] + fwd[i]:
            problems.append("%s: 勾稽关系 column %d: %d + %d ≠ %d + %d" % (
                name, i + 1, new[i], over[i], results_sum[i], fwd[i]))

    n_results = sum(1 for d in descs if d[3] != "top")
    t3_head = [
        grid_row(None, [cell(APPLICATION_NOTE, "note", 3, 3), cell(APPLICANT_HEADER, "head", 1, 7)]),
        grid_row(None, [cell(APPLICANTS[0][1], "head", 2, 1), cell(LEGAL_PERSON_GROUP, "head", 1, 5),
                   cell(TOTAL_LABEL, "head", 2, 1)]),
        grid_row(None, [cell(label, "head") for _, label in APPLICANTS[1:]]),
    ]
    t3_body, t3_rows = [], []
    seen_results, seen_groups = False, set()
    for path, group, label, role in descs:
        cells = []
        if role == "top":
            cells.append(cell(label, "label", 1, 3))
            full = label
        else:
            if not seen_results:
                seen_results = True
                cells.append(cell(RESULTS_GROUP, "label", n_results, 1))
            if group:
                if group not in seen_groups:
                    seen_groups.add(group)
                    cells.append(cell(group, "label", sum(1 for d in descs if d[1] == group), 1))
                cells.append(cell(label, "label"))
                full = "%s%s %s" % (RESULTS_GROUP, group, label)
            else:
                cells.append(cell(label, "label", 1, 2))
                full = RESULTS_GROUP + label
        figs = [str(v) for v in values[path]]
        cells.extend(cell(f, "figure") for f in figs)
        t3_body.append(grid_row("body", cells))
        t3_rows.append([full] + figs)
    t3_header = [APPLICATION_NOTE, APPLICANT_HEADER + "·" + APPLICANTS[0][1]] + [
        "%s·%s·%s" % (APPLICANT_HEADER, LEGAL_PERSON_GROUP, l) for _, l in APPLICANTS[1:]
    ] + [APPLICANT_HEADER + "·" + TOTAL_LABEL]

    # Table 四: outcome totals
    okeys = [k for k, _ in OUTCOME_COLUMNS[:4]]
    figures4, header4 = [], []
    for path, group, label in OUTCOME_ROWS:
        vals, given = row_values(dig(data, path), okeys)
        total = sum(vals)
        if given is not None and given != total:
            problems.append("%s: %s: 总计 %d ≠ %d" % (name, group, given, total))
        figures4.extend(str(v) for v in vals + [total])
        prefix = group if label is None else "%s·%s" % (group, label)
        header4.extend("%s·%s" % (prefix, l) for _, l in OUTCOME_COLUMNS)
    heads = lambda rowspan: [cell(l, "head", rowspan, 1) for _, l in OUTCOME_COLUMNS]
    t4_head = [
        grid_row(None, [cell("行政复议", "head", 1, 5), cell("行政诉讼", "head", 1, 10)]),
        grid_row(None, heads(2) + [cell(OUTCOME_ROWS[1][2], "head", 1, 5),
                              cell(OUTCOME_ROWS[2][2], "head", 1, 5)]),
        grid_row(None, heads(1) + heads(1)),
    ]

    published = data.get("published")
    return {
        "title": title,
        "agency": agency,
        "year": year,
        "edition": edition,
        "published": "%d年%d月%d日" % (published.year, published.month, published.day)
        if published else None,
        "published_iso": str(published) if published else None,
        "preface": paragraphs(data.get("preface")),
        "sections": [
            {"title": SECTION_TITLES[0], "paragraphs": paragraphs(data.get("overview"))},
            {"title": SECTION_TITLES[1], "paragraphs": [],
             "grid": {"id": "proactive", "widths": [31, 23, 23, 23], "head": [], "body": t2_grid},
             "flat": t2_flat},
            {"title": SECTION_TITLES[2], "paragraphs": [],
             "grid": {"id": "applications", "widths": [6, 7, 17] + [10] * 7, "head": t3_head,
                      "body": t3_body},
             "flat": [{"caption": None, "labelled": True, "header": t3_header, "rows": t3_rows}]},
            {"title": SECTION_TITLES[3], "paragraphs": [],
             "grid": {"id": "outcomes", "widths": [7] * 15, "head": t4_head,
                      "body": [grid_row("body", [cell(f, "figure") for f in figures4])]},
             "flat": [{"caption": None, "labelled": False, "header": header4, "rows": [figures4]}]},
            {"title": SECTION_TITLES[4], "paragraphs": paragraphs(data.get("problems"))},
            {"title": SECTION_TITLES[5], "paragraphs": paragraphs(data.get("other_matters"))},
        ],
    }


# ----------------------------------------------------------------------------------------------
# Templates

MD_SPECIAL = set("\\`*_{}[]<>()#+-.!|~&$=:\"'^%@")


def md_escape(s):
    if s is None:
        return ""
    out = []
    for c in str(s):
        if c in MD_SPECIAL:
            out.append("\\" + c)
        elif c in "\r\n":
            out.append(" ")
        else:
            out.append(c)
    return "".join(out)


MD_TEMPLATE = """\
{%- macro paras(ps) -%}
{%- for p in ps -%}
{%- if p.heading -%}
### {{ p.text | md }}
{%- elif p.lead -%}
{{ p.lead | md }}{{ p.text | md }}
{%- else -%}
{{ p.text | md }}
{%- endif %}

{% endfor -%}
{%- endmacro -%}
{%- macro table(t) -%}
{%- if t.caption %}**{{ t.caption | md }}**

{% endif -%}
| {% for h in t.header %}{{ h | md }} |{% if not loop.last %} {% endif %}{% endfor %}
|{% for h in t.header %}{% if loop.first and t.labelled %} --- |{% else %} ---: |{% endif %}{% endfor %}
{% for row in t.rows -%}
| {% for c in row %}{{ c | md }} |{% if not loop.last %} {% endif %}{% endfor %}
{% endfor -%}
{%- endmacro -%}
# {{ r.title | md }}

{% if r.preface %}{{ paras(r.preface) }}{% endif -%}
{% for s in r.sections -%}
## {{ s.title }}

{{ paras(s.paragraphs) }}
{%- for t in s.flat %}{{ table(t) }}
{% endfor -%}
{% endfor -%}
{% if r.published -%}
<p align="right">{{ r.agency | e }}<br>{{ r.published | e }}</p>
{% endif -%}
"""

HTML_TEMPLATE = """\
{%- macro paras(ps) -%}
{%- for p in ps %}
{%- if p.heading %}
<h3 class="sub">{{ p.text }}</h3>
{%- elif p.lead %}
<p><span class="lead">{{ p.lead }}</span>{{ p.text }}</p>
{%- else %}
<p>{{ p.text }}</p>
{%- endif %}
{%- endfor %}
{%- endmacro -%}
{%- macro cell(c) -%}
{%- set tag = "th" if c.role in ("head", "label") else "td" -%}
<{{ tag }}{% if c.rowspan > 1 %} rowspan="{{ c.rowspan }}"{% endif %}{% if c.colspan > 1 %} colspan="{{ c.colspan }}"{% endif %}{% if c.scope %} scope="{{ c.scope }}"{% endif %} class="{{ c.role }}">{{ c.text }}</{{ tag }}>
{%- endmacro -%}
{%- macro grid(g) -%}
<div class="table-scroll">
<table class="grid grid-{{ g.id }}">
<colgroup>{% for w in g.widths %}<col style="width:{{ w }}%">{% endfor %}</colgroup>
{%- if g.head %}
<thead>
{%- for row in g.head %}
<tr>{% for c in row.cells %}{{ cell(c) }}{% endfor %}</tr>
{%- endfor %}
</thead>
{%- endif %}
<tbody>
{%- for row in g.body %}
<tr class="{{ row.kind }}">{% for c in row.cells %}{{ cell(c) }}{% endfor %}</tr>
{%- endfor %}
</tbody>
</table>
</div>
{%- endmacro -%}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bench/reference.py">
<title>{{ r.title }}</title>
<style>
{{ css | safe }}
</style>
</head>
<body>
<main class="report">
<h1>{{ r.title }}</h1>
{%- if r.preface %}
<section class="preface">{{ paras(r.preface) }}
</section>
{%- endif %}
{%- for s in r.sections %}
<section>
<h2>{{ s.title }}</h2>
{{- paras(s.paragraphs) }}
{%- if s.grid %}
{{ grid(s.grid) }}
{%- endif %}
</section>
{%- endfor %}
{%- if r.published %}
<p class="signoff">{{ r.agency }}<br><time datetime="{{ r.published_iso }}">{{ r.published }}</time></p>
{%- endif %}
</main>
</body>
</html>
"""


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: reference.py INPUT_DIR OUT_DIR")
    src, out = argv[1], argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    css_path = os.path.join(here, "..", "templates", "style.css.tera")
    css = open(css_path, encoding="utf-8").read() if os.path.exists(css_path) else ""

    md_env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    md_env.filters["md"] = md_escape
    md = md_env.from_string(MD_TEMPLATE)
    html_env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    html = html_env.from_string(HTML_TEMPLATE)

    files = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            if n.endswith((".yaml", ".yml")):
                files.append(os.path.join(root, n))

    problems, built = [], 0
    for path in files:
        rel = os.path.splitext(os.path.relpath(path, src))[0]
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=LOADER)
        view = compute(data, path, problems)
        base = os.path.join(out, rel)
        os.makedirs(os.path.dirname(base), exist_ok=True)
        with open(base + ".md", "w", encoding="utf-8") as f:
            f.write(md.render(r=view))
        with open(base + ".html", "w", encoding="utf-8") as f:
            f.write(html.render(r=view, css=css))
        built += 1
    for p in problems[:20]:
        print(p, file=sys.stderr)
    print("reference: %d files, %d built, %d problems" % (len(files), built, len(problems)),
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
