#!/usr/bin/env python3
"""Generate a large corpus of realistic policy notices from the real ones in corpus/.

Usage: scripts/gen-corpus.py OUT_DIR [--count 10000] [--seed 1] [--corpus corpus]

Each generated document is a real notice (seeds 001, 002, 004; the State Council notices and the
Sichuan notice of corpus/extra) varied so that documents are distinct but still read like notices:

- the province moves: 安徽省/安徽/皖 become another province (江苏省/江苏/苏 ...), so the same
  departments (省经信厅 ...) resolve to other provinces' agencies, and cities move with it
  (芜湖市 → another prefecture);
- the provincial departments named in responsibility lists are permuted within the document, so
  who leads what changes;
- numbers change: counts, money and percentages by up to ±60 % (never outline numbers or years);
  deadline years shift by 0-3 years;
- the subject of the title changes (专精特新中小企业 → 数字经济企业 ...), and the document gets a
  文号 with its own serial number.

The output is deterministic for a given --seed. Files are UTF-8, named gen-00001.txt ...; the
benchmark in docs/benchmarks.md ingests them (see the "Graph store" section).
"""

import argparse
import os
import random
import re
import sys

BASES = [
    "seeds/001_a6818095697d7a7c.txt",
    "seeds/002_076db4c0ab1c918d.txt",
    "seeds/004_1fa6e42cb493e32d.txt",
    "extra/02_sichuan_duchazicha_2014.txt",
    "extra/03_national_guofa2018-39_jiuye.txt",
    "extra/04_national_guofa2018-42_nongjihua.txt",
    "extra/05_national_guofa2018-38_zimaoqu.txt",
]

# (full name, short name, 文号 abbreviation, capital prefecture)
PROVINCES = [
    ("安徽省", "安徽", "皖", "合肥市"),
    ("江苏省", "江苏", "苏", "南京市"),
    ("浙江省", "浙江", "浙", "杭州市"),
    ("江西省", "江西", "赣", "南昌市"),
    ("河南省", "河南", "豫", "郑州市"),
    ("湖北省", "湖北", "鄂", "武汉市"),
    ("湖南省", "湖南", "湘", "长沙市"),
    ("山东省", "山东", "鲁", "济南市"),
    ("福建省", "福建", "闽", "福州市"),
    ("河北省", "河北", "冀", "石家庄市"),
    ("山西省", "山西", "晋", "太原市"),
    ("四川省", "四川", "川", "成都市"),
]

DEPARTMENTS = [
    "省发展改革委", "省科技厅", "省经济和信息化厅", "省财政厅", "省人力资源社会保障厅",
    "省商务厅", "省市场监管局", "省教育厅", "省自然资源厅", "省生态环境厅",
    "省地方金融监管局", "省司法厅", "省税务局", "省国资委",
]

SUBJECTS = [
    "专精特新中小企业", "数字经济企业", "高新技术企业", "绿色低碳企业", "先进制造业企业",
    "科技型中小企业", "服务型制造企业", "生物医药企业", "新能源汽车企业", "软件和信息服务企业",
]

# Outline numbers ("1．", "2、" at a line start) and years are not varied as quantities.
NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*[．.、）)]\s)")
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?=年)")
# A 文号 on a line of its own (not one cited in running text).
DOC_NUMBER = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{1,6}〔\d{4}〕\d+号[ \t\u3000]*$", re.M)


def vary_numbers(text, rng):
    shift = rng.randint(0, 3)

    def year(m):
        return str(int(m.group(1)) + shift)

    text = YEAR.sub(year, text)

    def number(m):
        s = m.group(1)
        start = m.start(1)
        # Keep years (already shifted), outline numbers at a line start, and 〔2018〕 / 39号.
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() == "":
            return s
        before = text[max(0, start - 1):start]
        after = text[m.end(1):m.end(1) + 1]
        if before == "〔" or after in ("号", "年", "〕"):
            return s
        factor = rng.uniform(0.4, 1.6)
        if "." in s:
            decimals = len(s.split(".")[1])
            return f"{float(s) * factor:.{decimals}f}"
        value = int(s)
        if value < 3:
            return s
        return str(max(1, round(value * factor)))

    return NUMBER.sub(number, text)


def permute_departments(text, rng):
    present = [d for d in DEPARTMENTS if d in text]
    shuffled = present[:]
    rng.shuffle(shuffled)
    mapping = dict(zip(present, shuffled))
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(d) for d in sorted(present, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def move_province(text, rng):
    full, short, abbr, capital = rng.choice(PROVINCES)
    text = text.replace("安徽省", full).replace("安徽", short).replace("皖", abbr)
    text = text.replace("芜湖市", capital).replace("芜湖", capital[:-1]).replace("芜", capital[0])
    return text, abbr


def retitle(text, rng):
    subject = rng.choice(SUBJECTS)
    return text.replace("专精特新中小企业", subject, 3)


def add_doc_number(text, abbr, serial, rng):
    year = rng.randint(2019, 2025)
    number = f"{abbr}政办〔{year}〕{serial}号"
    found = DOC_NUMBER.search(text, 0, 400)
    if found and found.group(0).strip().startswith("国"):
        number = f"国发〔{year}〕{serial}号"  # a State Council notice stays central
    if found:
        return text[:found.start()] + number + text[found.end():]
    lines = text.split("\n", 1)
    if lines[0].rstrip().endswith("："):
        # A notice opening with its addressees: the 文号 comes first.
        return number + "\n" + text
    return lines[0] + "\n" + number + "\n" + (lines[1] if len(lines) > 1 else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output directory (created)")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "corpus"))
    args = parser.parse_args()

    bases = []
    for rel in BASES:
        path = os.path.join(args.corpus, rel)
        with open(path, encoding="utf-8") as f:
            bases.append(f.read())
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    width = max(5, len(str(args.count)))
    for i in range(1, args.count + 1):
        text = bases[(i - 1) % len(bases)]
        text, abbr = move_province(text, rng)
        text = permute_departments(text, rng)
        text = retitle(text, rng)
        text = vary_numbers(text, rng)
        text = add_doc_number(text, abbr, i, rng)
        name = os.path.join(args.out, f"gen-{i:0{width}d}.txt")
        with open(name, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {args.count} documents to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
