"""Names in a notice's running prose (王建国通报了…, no ·, 同志 or list marks to tell the engine) are kept
whole for notices published from now on: at publishing, the roster's names that the text mentions are
frozen with it (``keep``) and passed to the line-breaking engine. A notice frozen before has no such list
and reprints byte for byte as it did."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from dangjian_desktop.documents import notices_pdf as notice_pdf
from dangjian_desktop.domain.idnumber import check_digit
from dangjian_desktop.domain.notices import NoticeContent
from dangjian_desktop.services import members, notices
from support.pdf_lines import lines, split_words

# 王建 ends the first line of the body and 国 would start the next, unless the name is kept whole.
BODY = (
    "经村党支部委员会研究，现将近期工作情况通报如下：王建国通报了全年党费收缴情况，会议同意由李秀英负责流动党员管理工作"
    "，宋德胜介绍了村内主干道硬化工程的进展。"
)
NAMES = ("王建国", "李秀英", "宋德胜")

# A notice as frozen before the names were stored (no "keep"), and the sha256 of its PDFs as printed by
# the program before this change (mask 5, check code 7K3M9QXA): a published notice reprints byte-identical.
OLD_FROZEN = (
    '{"addressee":"全体党员、村民群众：","body":"'
    + BODY
    + '","issued_on":"2026-12-07","issuer":"中共东岭村支部委员会",'
    '"number":"党务公开〔2026〕11号","period_days":7,"period_from":"2026-12-07","period_to":"2026-12-13",'
    '"phones":["村党支部 0531-87876543"],"place":"","qr_link":"","qr_mode":"text","refers_to":"","relation":"",'
    '"title":"关于近期工作情况的通报","type":"free","working_days":false}'
)
OLD_PDF_SHA256 = {
    "a4": "e56066ef37f154ea89b428faa318e9ae61172d298b6cf95f0ff17cb5432143f4",
    "a3": "a6139eca8bfe281fe747d43e7ec85fddd2b0f1156e1c2ffc0d18efd1f4a39d82",
}


def split_names(data: bytes, names=NAMES) -> list[str]:
    return split_words(data, names)


def test_an_old_notice_without_names_reprints_byte_identical():
    content = NoticeContent.from_json(OLD_FROZEN)
    assert content.keep == ()
    assert content.to_json() == OLD_FROZEN  # its JSON, hence its hash and check code, are unchanged
    for size, digest in OLD_PDF_SHA256.items():
        data = notice_pdf.notice_pdf_bytes(content, "7K3M9QXA", size, qr_mask=5)
        assert hashlib.sha256(data).hexdigest() == digest, size
    assert split_names(notice_pdf.notice_pdf_bytes(content, "7K3M9QXA")), "the old text does split 王建国"


def _member(workspace, sequence: int, name: str) -> None:
    members.add_member(workspace, {"name": name, "id_number": _id(sequence)})


def test_a_notice_published_now_keeps_the_names_it_mentions_whole(workspace):
    for sequence, name in enumerate((*NAMES, "赵国庆"), start=1):
        _member(workspace, sequence, name)
    draft = notices.create_draft(
        workspace, "free", title="关于近期工作情况的通报", body=BODY, today=dt.date(2026, 12, 7)
    )
    assert draft.content.keep == tuple(sorted(NAMES))  # the draft prints as it will once published
    published = notices.publish(workspace, draft.id)
    frozen = notices.get_notice(workspace, published.id)
    assert frozen.content.keep == tuple(sorted(NAMES))  # 赵国庆 is not mentioned
    data = notices.pdf_bytes(workspace, published.id)
    assert split_names(data) == []
    body_lines = [line.text for page in lines(data) for line in page if line.size > 14]
    assert any(text.startswith("王建国通报了") for text in body_lines)  # the name did stand at a line end
    # the same frozen text without its names would split one: the list is what keeps it whole
    bare = NoticeContent.from_json(json.dumps({**json.loads(frozen.content.to_json()), "keep": []}))
    assert split_names(notice_pdf.notice_pdf_bytes(bare, published.check_code, qr_mask=published.qr_mask))
    # and the names stay in the frozen JSON that is hashed and verified
    assert json.loads(frozen.content.to_json())["keep"] == sorted(NAMES)
    assert notices.verify(workspace, published.number, published.check_code).genuine


def test_the_people_a_printout_may_name_are_the_whole_roster_and_the_secretary(workspace):
    from dangjian_desktop.services.branch import BranchProfile, save_profile

    save_profile(workspace, BranchProfile(name="中共东岭村支部委员会", secretary="欧阳明远"))
    _member(workspace, 1, "王建国")
    moved = members.add_member(workspace, {"name": "李秀英", "id_number": _id(2)})
    members.leave_roster(workspace, moved.id, "transferred_out", dt.date(2026, 2, 1), "转往外村")
    # a member who left is still named in older minutes, records and notices
    assert members.people_named(workspace) == ("李秀英", "欧阳明远", "王建国")


def _id(sequence: int) -> str:
    first17 = f"37010219700101{sequence:03d}"
    return first17 + check_digit(first17)
