"""Realistic fake members for benchmarks and screenshots: Chinese names, valid ID numbers, party groups."""

from __future__ import annotations

import datetime as dt
import random

from dangjian_desktop.domain.idnumber import check_digit

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解"
GIVEN = "建国华明军伟芳秀英兰玉春桂香珍凤霞红燕丽平刚强磊洋勇杰涛斌超浩鹏志红文彬海波俊峰庆林德福禄寿喜财山水田丰收"
REGIONS = ("370102", "370181", "370124", "371321", "410522", "130626", "510682", "421122")
GROUPS = ("第一党小组", "第二党小组", "第三党小组", "第四党小组", "老党员党小组")
OFFICES = ("书记", "副书记", "支部委员", "村委会主任", "村务监督委员会主任")
DUES = ("农民", "农民", "农民", "在职", "离退休", "学生", "下岗失业或低保")
EDUCATION = ("初中", "初中", "高中", "小学", "中专", "大学专科", "大学本科")
PLACES = ("江苏省苏州市", "浙江省宁波市", "广东省东莞市", "北京市朝阳区", "山东省青岛市")


def _years_later(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def member_rows(count: int, seed: int = 7) -> list[dict[str, object]]:
    """``count`` raw member dicts (as the form or a sheet would give them), each with a unique valid ID."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    used: set[str] = set()
    while len(rows) < count:
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 60 * 365))
        sequence = rng.randrange(1, 1000)
        first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{sequence:03d}"
        if first17 in used:
            continue
        used.add(first17)
        joined = _years_later(birth, 20 + rng.randrange(0, 25))
        if joined >= dt.date(2026, 1, 1):
            joined = dt.date(2025, rng.randrange(1, 12), 1)
        probationary = joined.year >= 2025
        index = len(rows)
        rows.append(
            {
                "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                "id_number": first17 + check_digit(first17),
                "joined_date": joined.isoformat(),
                "full_member_date": "" if probationary else _years_later(joined, 1).isoformat(),
                "category": "预备党员" if probationary else "正式党员",
                "party_group": GROUPS[index % len(GROUPS)],
                "office": OFFICES[index] if index < len(OFFICES) else "",
                "dues_category": rng.choice(DUES),
                "education": rng.choice(EDUCATION),
                "phone": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                "address": f"前进村{rng.randrange(1, 12)}组{rng.randrange(1, 80)}号",
                "flowing": "是" if rng.random() < 0.2 else "否",
            }
        )
        if rows[-1]["flowing"] == "是":
            rows[-1]["away_place"] = rng.choice(PLACES)
    return rows
