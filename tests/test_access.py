"""Who may do what (roles scoped to units), approval and lock, and the audit trail."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from analysis.access import ANONYMOUS, Access, hash_password, load_users, verify_password
from pipelines.governance import Governance, NotAllowed

UNITS = pl.DataFrame(
    {
        "locality_code": ["gia-lai", "an-khe", "an-khe-song-an", "an-khe-thanh-an", "pleiku"],
        "parent_code": [None, "gia-lai", "an-khe", "an-khe", "gia-lai"],
    }
)


def _users(tmp_path: Path) -> dict:
    pw = hash_password("mat-khau-rat-dai")
    (tmp_path / "users.toml").write_text(
        f"""
[users.thuky-song-an]
name = "Thư ký xã Song An"
password = "{pw}"
roles = ["clerk:an-khe-song-an"]

[users.lanhdao-an-khe]
name = "Lãnh đạo thị xã"
password = "{pw}"
roles = ["viewer:an-khe", "approver:an-khe"]

[users.quantri]
name = "Quản trị"
password = "{pw}"
roles = ["admin"]
""",
        encoding="utf-8",
    )
    return load_users(tmp_path / "users.toml")


def test_passwords_are_kept_as_hashes_and_checked_in_constant_time() -> None:
    stored = hash_password("mat-khau-rat-dai")
    assert stored.startswith("scrypt$") and "mat-khau" not in stored
    assert verify_password("mat-khau-rat-dai", stored)
    assert not verify_password("mat-khau-sai", stored)
    assert not verify_password("x", "plain-text") and not verify_password("x", None)


def test_roles_are_scoped_to_units_and_the_level_above_approves(tmp_path: Path) -> None:
    users = _users(tmp_path)
    clerk = Access(users["thuky-song-an"], UNITS)
    assert clerk.can_submit("an-khe-song-an") and not clerk.can_submit("an-khe-thanh-an")
    assert not clerk.can_submit("an-khe")  # a commune's clerk does not submit for the town
    assert clerk.can_view("an-khe-song-an") and not clerk.can_view("an-khe-thanh-an")
    assert clerk.can_view_unapproved("an-khe-song-an") and not clerk.can_approve("an-khe-song-an")
    leader = Access(users["lanhdao-an-khe"], UNITS)
    assert leader.can_view("an-khe-thanh-an") and not leader.can_view("pleiku")
    assert leader.can_approve("an-khe-song-an") and not leader.can_approve("an-khe")  # not its own level
    assert not leader.can_submit("an-khe")
    admin = Access(users["quantri"], UNITS)
    assert admin.can_approve("an-khe") and admin.can_view("pleiku") and admin.can_read_audit()
    nobody = Access(ANONYMOUS, UNITS)
    assert not nobody.can_view("an-khe") and not nobody.can_submit("an-khe")
    demo = Access(ANONYMOUS, UNITS, open_demo=True)
    assert demo.can_view("an-khe") and not demo.can_submit("an-khe") and not demo.can_approve("an-khe-song-an")


def test_an_unknown_role_in_the_users_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "users.toml").write_text('[users.x]\nroles = ["boss:an-khe"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="vai trò 'boss'"):
        load_users(tmp_path / "users.toml")


def test_a_period_moves_draft_submitted_approved_locked_and_every_step_is_logged(tmp_path: Path) -> None:
    gov = Governance(tmp_path / "state.sqlite")
    assert gov.state("an-khe-song-an", "2024").state == "draft"
    with pytest.raises(NotAllowed):
        gov.transition("an-khe-song-an", "2024", "approve", "lanhdao-an-khe")  # nothing submitted yet
    gov.transition("an-khe-song-an", "2024", "submit", "thuky-song-an", submission="v1")
    gov.transition("an-khe-song-an", "2024", "approve", "lanhdao-an-khe")
    gov.transition("an-khe-song-an", "2024", "lock", "lanhdao-an-khe")
    assert gov.locked() == {("an-khe-song-an", "2024")}
    with pytest.raises(NotAllowed, match="lý do"):
        gov.transition("an-khe-song-an", "2024", "unlock", "lanhdao-an-khe", reason=" ")
    gov.transition("an-khe-song-an", "2024", "unlock", "lanhdao-an-khe", reason="Sửa số hộ nghèo theo rà soát cuối năm")
    assert gov.state("an-khe-song-an", "2024").state == "submitted"
    log = gov.audit(["an-khe-song-an"])
    assert [e["action"] for e in log] == ["unlock", "lock", "approve", "submit"]
    assert log[0]["detail"] == {"from": "locked", "to": "submitted", "reason": "Sửa số hộ nghèo theo rà soát cuối năm"}
    assert log[-1]["actor"] == "thuky-song-an" and log[-1]["detail"]["submission"] == "v1"


def test_chitieu_users_add_writes_a_hash_never_the_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import stat

    from chitieu.cli import main

    path = tmp_path / "users.toml"
    monkeypatch.setenv("CHITIEU_USERS", str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-cua-thu-ky\n"))
    assert (
        main(
            [
                "users",
                "add",
                "ThuKy-Song-An",
                "--name",
                'Thư ký "xã" Song An',
                "--role",
                "clerk:an-khe-song-an",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert main(["users", "add", "lanh.dao@an-khe.gov.vn", "--role", "viewer:an-khe", "--oidc"]) == 0
    written = path.read_text(encoding="utf-8")
    assert "mat-khau-cua-thu-ky" not in written
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    users = load_users(path)
    clerk = users["thuky-song-an"]
    assert clerk.name == 'Thư ký "xã" Song An' and verify_password("mat-khau-cua-thu-ky", clerk.password)
    assert [(g.role, g.unit) for g in clerk.grants] == [("clerk", "an-khe-song-an")]
    assert users["lanh.dao@an-khe.gov.vn"].password is None
    with pytest.raises(SystemExit, match="cần mã đơn vị"):
        main(["users", "add", "x", "--role", "clerk", "--oidc"])
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    with pytest.raises(SystemExit, match="ít nhất 10"):
        main(["users", "add", "y", "--role", "viewer:an-khe", "--password-stdin"])
    assert main(["users", "remove", "thuky-song-an"]) == 0
    assert set(load_users(path)) == {"lanh.dao@an-khe.gov.vn"}
