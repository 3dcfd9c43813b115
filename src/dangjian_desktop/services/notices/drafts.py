"""Drafts: making one (from a template or the data), changing it, deleting it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dangjian_desktop.domain import notices as rules
from dangjian_desktop.domain.errors import Conflict, FieldErrors, check_version
from dangjian_desktop.domain.text import normalize_text
from dangjian_desktop.i18n import _
from dangjian_desktop.services.branch import load_profile
from dangjian_desktop.services.notices.queries import NoticeInfo, _info, _load
from dangjian_desktop.services.notices.settings import NoticeSettings, _settings_in
from dangjian_desktop.services.notices.sources import generate_text
from dangjian_desktop.services.recording import add_logged, copied
from dangjian_desktop.services.workspace import Workspace
from dangjian_desktop.store import audit
from dangjian_desktop.store.audit import current_user
from dangjian_desktop.store.notices_models import Notice

if TYPE_CHECKING:
    from dangjian_desktop.domain import notice_texts as texts


_LIMITS = {"title": 200, "addressee": 100, "issuer": 100, "place": 100, "body": 50000, "qr_link": 500}


def _period(
    kind: rules.NoticeType, settings_: NoticeSettings, start: dt.date, days: int | None
) -> tuple[int, dt.date]:
    length = days if days is not None else settings_.days.get(kind.code, kind.default_days)
    if not 1 <= length <= 90:
        raise FieldErrors({"days": _("A disclosure period is from 1 to 90 days.")})
    end = rules.period_end(start, length, working_days=kind.working_days, holidays=settings_.holidays)
    return length, end


def _checked_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, value in values.items():
        if key == "body":
            text = rules.table_bars(str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
        elif key in _LIMITS:
            text = normalize_text(value, keep_chinese_punctuation=True)
        else:
            cleaned[key] = value
            continue
        if len(text) > _LIMITS[key]:
            errors[key] = _("Too long: at most {count} characters.").format(count=_LIMITS[key])
        cleaned[key] = text
    if "title" in cleaned and not cleaned["title"]:
        errors["title"] = _("Please give the notice a title.")
    if "issuer" in cleaned and not cleaned["issuer"]:
        errors["issuer"] = _("Please give the issuing organisation, e.g. 中共前进村支部委员会.")
    if "qr_mode" in cleaned and cleaned["qr_mode"] not in rules.QR_MODES:
        errors["qr_mode"] = _("Choose one of: {choices}.").format(choices=", ".join(rules.QR_MODES))
    if errors:
        raise FieldErrors(errors)
    return cleaned


# a notice's columns as the change log shows them, the dates as text
_AUDITED = (
    "status", "type", "number", "title", "addressee", "body", "issuer", "period_days", "place", "qr_mode",
    "qr_link", "refers_to", "matter_id",
)  # fmt: skip
_AUDITED_DATES = ("issued_on", "period_from", "period_to", "posted_on", "taken_down_on")


def _audit_values(notice: Notice) -> dict[str, Any]:
    dates = {key: day.isoformat() if day else None for key, day in copied(notice, _AUDITED_DATES).items()}
    return {**copied(notice, _AUDITED), **dates}


def _default_issuer(kind: rules.NoticeType, branch_name: str) -> str:
    """The branch; a 四议两公开 notice is issued with the villagers' committee (村党组织 and 村委会 together)."""
    return rules.joint_issuer(branch_name) if kind.needs_matter else branch_name


def _default_qr_link(settings_: NoticeSettings) -> str:
    return rules.link_template(settings_.link_base)


@dataclass(frozen=True)
class DraftRequest:
    """What a new draft is made from. None means: from the data (generated kinds), or the settings."""

    title: str | None = None
    body: str | None = None
    addressee: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    period_from: dt.date | None = None
    days: int | None = None
    year: int | None = None  # generated kinds: the year the data is read for
    months: tuple[int, int] | None = None  # the dues notice: first and last month
    matter_id: int | None = None
    candidate: texts.Candidate | None = None
    place: str | None = None
    qr_mode: str | None = None
    qr_link: str | None = None
    refers_to: int | None = None
    relation: str = ""
    today: dt.date | None = None


def _check_matter(kind: rules.NoticeType, request: DraftRequest) -> None:
    if kind.needs_matter and request.matter_id is None and request.refers_to is None:
        raise FieldErrors({"matter": _("Choose the major matter this notice is about (--matter ID).")})


def _with_text(
    workspace: Workspace, kind: rules.NoticeType, request: DraftRequest, today: dt.date
) -> DraftRequest:
    """The request with the title and body a generated kind makes from the data, where none was given. A
    recruitment notice written by hand (no candidate) needs its title."""
    if kind.code == rules.RECRUITMENT and request.candidate is None and request.body is not None:
        if not (request.title or "").strip():
            raise FieldErrors({"title": _("Please give the notice a title.")})
        return request
    if not kind.generated or (request.body is not None and request.title is not None):
        return request
    generated = generate_text(
        workspace, kind.code, **copied(request, ("year", "months", "matter_id", "candidate")), today=today
    )
    return replace(
        request,
        title=generated.title if request.title is None else request.title,
        body=generated.body if request.body is None else request.body,
        addressee=generated.addressee if request.addressee is None else request.addressee,
    )


def _check_free_body(kind: rules.NoticeType, request: DraftRequest) -> None:
    if kind.code == rules.FREE and not (request.body or "").strip():
        raise FieldErrors({"body": _("Please write the text of the notice.")})


def _text_fields(request: DraftRequest, settings_: NoticeSettings, default_issuer: str) -> dict[str, Any]:
    """The texts of the new draft, each from the request or its default, checked."""
    return _checked_fields(
        {
            "title": request.title or "",
            "body": request.body or "",
            "addressee": rules.DEFAULT_ADDRESSEE if request.addressee is None else request.addressee,
            "issuer": default_issuer if request.issuer is None else request.issuer,
            "place": settings_.place if request.place is None else request.place,
            "qr_mode": request.qr_mode or settings_.qr_mode,
            "qr_link": _default_qr_link(settings_) if request.qr_link is None else request.qr_link,
        }
    )


def create_draft(workspace: Workspace, type_code: str, **fields: Any) -> NoticeInfo:
    """A new draft; ``fields`` are those of DraftRequest. Generated kinds fill the title and body from the
    data unless they are given."""
    request = DraftRequest(**fields)
    kind = rules.notice_type(type_code)
    today = request.today or dt.date.today()
    branch_id = workspace.require_branch()
    _check_matter(kind, request)
    request = _with_text(workspace, kind, request, today)
    _check_free_body(kind, request)
    profile = load_profile(workspace)
    default_issuer = _default_issuer(kind, profile.name if profile else "")
    issued_on = request.issued_on or (min(today, request.period_from) if request.period_from else today)
    start = request.period_from or issued_on
    now = dt.datetime.now()
    with workspace.db.transaction() as session:
        if request.matter_id is not None:
            from dangjian_desktop.services.notices import matters as major_matters

            major_matters.matter_in(session, branch_id, request.matter_id)  # it exists
        if request.refers_to is not None:  # a notice of her own branch (township.md TP5)
            _load(session, branch_id, request.refers_to)
        settings_ = _settings_in(session, branch_id)
        length, end = _period(kind, settings_, start, request.days)
        notice = Notice(
            branch_id=branch_id,
            status=rules.DRAFT,
            type=kind.code,
            number="",
            issued_on=issued_on,
            period_from=start,
            period_to=end,
            period_days=length,
            working_days=kind.working_days,
            refers_to=request.refers_to,
            relation=request.relation,
            matter_id=request.matter_id,
            frozen_content="",
            content_hash="",
            check_code="",
            created_at=now,
            updated_at=now,
            created_by=current_user(),
            **_text_fields(request, settings_, default_issuer),
        )
        add_logged(session, notice, notice.title, _audit_values(notice))
        return _info(session, notice)


_EDITABLE = (
    "title",
    "body",
    "addressee",
    "issuer",
    "place",
    "qr_mode",
    "qr_link",
    "issued_on",
    "period_from",
    "days",
)


def update_draft(
    workspace: Workspace,
    notice_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> NoticeInfo:
    """Change a draft: the text, the dates, the period's length, the place, the QR mode. A published notice
    cannot change (Conflict). ``expected_version``: the version the editor read (``NoticeInfo.version``); a
    draft saved by someone since is left as it is (ChangedMeanwhile)."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    branch_id = workspace.require_branch()
    with workspace.db.transaction(exclusive=True) as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(
                _(
                    "{number} is published and can no longer change. To correct it, publish a correction."
                ).format(number=notice.number)
            )
        check_version(notice.version, expected_version)
        before = _audit_values(notice)
        values = _checked_fields(
            {k: v for k, v in changes.items() if k not in ("issued_on", "period_from", "days")}
        )
        for key, value in values.items():
            setattr(notice, key, value)
        if "issued_on" in changes and changes["issued_on"]:
            notice.issued_on = changes["issued_on"]
        if any(changes.get(k) is not None for k in ("period_from", "days")):
            kind = rules.notice_type(notice.type)
            start = changes.get("period_from") or notice.period_from
            length, end = _period(
                kind, _settings_in(session, branch_id), start, changes.get("days") or notice.period_days
            )
            notice.period_from, notice.period_days, notice.period_to = start, length, end
        after = _audit_values(notice)
        if after != before:
            notice.updated_at = dt.datetime.now()
            audit.record_changes(session, notice, "update", notice.title, before, after)
        session.flush()
        return _info(session, notice)


def delete_draft(workspace: Workspace, notice_id: int) -> None:
    branch_id = workspace.require_branch()
    with workspace.db.transaction() as session:
        notice = _load(session, branch_id, notice_id)
        if notice.status != rules.DRAFT:
            raise Conflict(_("A published notice is kept in the archive for good; withdraw it instead."))
        before = _audit_values(notice)
        session.delete(notice)
        audit.record_row(
            session,
            notice,
            "delete",
            before["title"],
            before=before,
        )
