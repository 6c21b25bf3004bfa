#!/usr/bin/env python3
"""bench/gen_dossiers.py N OUTDIR [--seed S]: writes N synthetic dossier folders into OUTDIR for
the throughput benchmark (bench/throughput).

Every dossier is a distinct institution: its own name (city + trade name + kind of institution),
GB 32100 credit code with a correct check digit, legal representative with a resident ID,
address, application date, contact and phone; 1 to 4 occupations drawn from the catalogue
entries the samples use, with varying levels; first filings and added occupations; employers
and social training organisations; about 4 in 5 forms are Word (申请表.docx), 1 in 5 XML
(申请表.xml); about 1 in 3 dossiers misses one or two materials. The materials are the samples'
synthetic files (samples/gen/make_samples.py), so the dossiers read like the samples without
being copies of them. Deterministic for a given N and seed.
"""
import argparse
import os
import random
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "samples", "gen"))
import make_samples as ms  # noqa: E402

# City -> (region field as written on the form, 6-digit division code for the credit code).
CITIES = [("长春市", "长春市", "220102"), ("吉林市", "吉林市", "220202"),
          ("四平市", "四平市", "220302"), ("辽源市", "辽源市", "220402"),
          ("通化市", "通化市", "220502"), ("白山市", "白山市", "220602"),
          ("松原市", "松原市", "220702"), ("白城市", "白城市", "220802"),
          ("延吉市", "延边朝鲜族自治州", "222401"), ("梅河口市", "通化市", "220581")]
TRADE = ["鼎新", "启航", "宏达", "瑞丰", "康宁", "巧手", "恒通", "博雅", "雪岭", "金穗", "江城",
         "北山", "海港", "福源", "兴农", "东方", "鑫源", "长青", "华信", "安泰", "德润", "明远",
         "正泰", "嘉禾", "泰和", "聚英", "盛世", "天成", "新桥", "松花", "北国", "雾凇", "红旗",
         "同心", "众创", "卓越", "远航", "广源", "富民", "青松"]
ORG_SUFFIX = ["职业技能培训学校", "职业培训学校", "职业技能培训中心", "职业技能评价中心"]
COMPANY_SUFFIX = ["有限公司", "集团有限公司", "股份有限公司"]
COMPANY_TRADE = ["物流", "建材", "化工装备", "汽车维修", "农业科技", "食品", "电梯", "家政服务"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "秀兰", "志刚", "晓敏", "立新", "海燕", "国庆", "丽华", "振宇", "春梅", "德明",
         "玉芬", "文博", "淑琴", "宏伟", "雪松"]
STREETS = ["人民大街", "解放大路", "长江路", "重庆路", "松江路", "中华路", "新华街", "胜利路"]
OCCUPATIONS = [("4-03-02-01", "中式烹调师"), ("4-03-02-02", "中式面点师"), ("4-10-01-03", "保育师"),
               ("6-31-01-03", "电工"), ("6-18-02-04", "焊工"), ("6-31-03-01", "化学检验员"),
               ("6-29-01-01", "砌筑工"), ("4-10-01-06", "家政服务员"), ("4-10-01-05", "养老护理员"),
               ("4-14-01-03", "健康照护师"), ("4-12-01-01", "汽车维修工"), ("5-01-02-01", "农艺工"),
               ("4-10-03-01", "美容师"), ("4-02-06-01", "仓储管理员"), ("4-02-06-03", "物流服务师"),
               ("4-01-06-01", "电子商务师"), ("4-03-02-07", "茶艺师"), ("4-10-03-02", "美发师"),
               ("6-29-03-03", "电梯安装维修工"), ("4-07-03-04", "企业人力资源管理师")]
LEVELS = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师"]
DROPPABLE = ["M-COM-05", "M-COM-06", "M-COM-08", "M-COM-09", "M-COM-10", "M-COM-11", "M-COM-12"]


def chars(rng, n):
    return "".join(rng.choice(ms.USCC_ALPHABET) for _ in range(n))


def one_dossier(rng, i):
    city, region, division = rng.choice(CITIES)
    employer = rng.random() < 0.3
    trade = rng.choice(TRADE) + rng.choice(TRADE)
    if employer:
        name = "%s%s%s%s" % (city, trade, rng.choice(COMPANY_TRADE), rng.choice(COMPANY_SUFFIX))
        code = ms.uscc("91" + division + chars(rng, 9))
        type_ = "employer"
        business = rng.choice(COMPANY_TRADE) + "；"
    else:
        name = "%s%s%s" % (city, trade, rng.choice(ORG_SUFFIX))
        code = ms.uscc("52" + division + "MJ" + chars(rng, 7))
        type_ = "social_org"
        business = ""
    kind = "initial" if rng.random() < 0.75 else "add_occupation"
    rep = rng.choice(SURNAMES) + rng.choice(GIVEN)
    birth = "%04d%02d%02d" % (rng.randint(1960, 1990), rng.randint(1, 12), rng.randint(1, 28))
    rep_id = ms.resident_id(division + birth + "%03d" % rng.randint(100, 999))
    address = "吉林省%s%s%d号" % (city, rng.choice(STREETS), rng.randint(1, 9999))
    date = "2025年%d月%d日" % (rng.randint(1, 12), rng.randint(1, 28))
    contact = rng.choice(SURNAMES) + rng.choice(GIVEN)
    phone = "0431-%08d" % rng.randint(80000000, 89999999)
    occupations = []
    for code_, occ in rng.sample(OCCUPATIONS, rng.randint(1, 4)):
        low = rng.randint(0, 2)
        high = rng.randint(low, min(low + 2, len(LEVELS) - 1))
        occupations.append((code_, occ, "、".join(LEVELS[low:high + 1])))
    # Main business names the occupations, as it does on a filing that matches (C64-01).
    business += "、".join(o[1] for o in occupations) + "等职业技能培训"
    drop = rng.sample(DROPPABLE, rng.choice([1, 2])) if rng.random() < 0.33 else []
    form = "申请表.xml" if rng.random() < 0.2 else "申请表.docx"
    f = ms.fields(name, code, rep, rep_id, address, region, kind, type_, business, date,
                  contact, phone)
    return ms.sample("%05d-%s" % (i + 1, name), kind, type_, f, occupations, ms.E("complete"),
                     form=form, drop=drop, outcome=ms.O("pass", []))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if os.path.exists(args.outdir):
        shutil.rmtree(args.outdir)
    os.makedirs(args.outdir)
    for i in range(args.n):
        ms.write_dossier(args.outdir, one_dossier(rng, i))


if __name__ == "__main__":
    main()
