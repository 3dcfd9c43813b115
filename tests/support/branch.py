"""A realistic village branch for the printouts' tests: four Party groups (第一, 第二, 第三, 第十), long
names (阿卜杜热合曼·买买提, 欧阳明远), mobiles and a landline, members away, probationary members."""

from __future__ import annotations

from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.services import members

GROUPS = ("第三党小组", "第一党小组", "第十党小组", "第二党小组")
NAMES = (
    "王建国", "阿卜杜热合曼·买买提", "欧阳明远", "张秀英", "刘志强", "李桂兰", "孙红梅", "赵德胜",
    "周明", "高文斌", "郑丽娟", "唐志刚", "孙振华", "谢明亮", "林卫东", "宋德胜",
)  # fmt: skip


def id_number(sequence: int, birth: str = "19650312") -> str:
    first17 = f"370124{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def add_branch_members(workspace, count: int = len(NAMES)) -> dict[str, int]:
    """``count`` members (at most 16), spread over the groups in an order that code points would get wrong."""
    ids = {}
    for n, name in enumerate(NAMES[:count], start=1):
        raw = {
            "name": name,
            "id_number": id_number(n),
            "sex": "male" if n % 2 else "female",  # as the ID number says
            "ethnicity": "维吾尔族" if "·" in name else "汉族",
            "education": ("初中", "高中", "大专", "小学")[n % 4],
            "joined_date": f"{1985 + n}-07-01",
            "full_member_date": f"{1986 + n}-07-01",
            "party_group": GROUPS[n % len(GROUPS)],
            "office": {1: "书记", 5: "村委会主任", 6: "组织委员"}.get(n, ""),
            "occupation": ("务农", "个体经营", "外出务工", "退休")[n % 4],
            "phone": "0531-87876543" if n == 1 else f"138053112{n:02d}",
            "address": f"东岭村{n % 5 + 1}组{n}号",
        }
        if n in (9, 13):
            raw |= {"flowing": True, "away_place": "江苏省苏州市昆山市"}
        if n == 16:
            raw |= {"category": "probationary", "full_member_date": ""}
        ids[name] = members.add_member(workspace, raw).id
    return ids
