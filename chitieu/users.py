"""`chitieu users`: keep the users file (CHITIEU_USERS) without editing TOML by hand.

    chitieu users add thuky-song-an --name "Thư ký xã Song An" --role clerk:an-khe-song-an
    chitieu users add lanh.dao@an-khe.gov.vn --name "Lãnh đạo thị xã" --role viewer:an-khe --oidc
    chitieu users list
    chitieu users remove thuky-song-an

A password is asked twice (never on the command line, never echoed) or read from standard input
with ``--password-stdin``; only its scrypt hash is written. The file is rewritten whole, atomically,
readable by its owner only.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import tomllib
from pathlib import Path

from analysis.access import ROLES, hash_password

MIN_PASSWORD = 10


def _read(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    return dict(tomllib.loads(path.read_text(encoding="utf-8")).get("users") or {})


def _quote(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text), ensure_ascii=False)


def _write(path: Path, users: dict[str, dict]) -> None:
    lines = ["# Người dùng của bảng điều khiển chitieu (ghi bằng `chitieu users`). / Dashboard users.", ""]
    for uid in sorted(users):
        spec = users[uid]
        lines.append(f"[users.{_quote(uid)}]")
        lines.append(f"name = {_quote(spec.get('name', uid))}")
        if spec.get("password"):
            lines.append(f"password = {_quote(spec['password'])}")
        lines.append("roles = [" + ", ".join(_quote(r) for r in spec.get("roles", [])) + "]")
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.tmp")
    scratch.write_text("\n".join(lines), encoding="utf-8")
    os.chmod(scratch, 0o600)
    os.replace(scratch, path)


def _check_roles(roles: list[str]) -> None:
    for text in roles:
        role, _, unit = text.partition(":")
        if role not in ROLES:
            raise SystemExit(f"Vai trò '{role}' không có (có: {', '.join(ROLES)}). / Unknown role '{role}'.")
        if role != "admin" and not unit:
            raise SystemExit(f"Vai trò '{text}' cần mã đơn vị: {role}:an-khe. / '{text}' needs a unit: {role}:an-khe.")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Mật khẩu / password: ")
        if getpass.getpass("Nhập lại / again: ") != password:
            raise SystemExit("Hai lần nhập không khớp. / The passwords differ.")
    if len(password) < MIN_PASSWORD:
        raise SystemExit(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự. / At least {MIN_PASSWORD} characters.")
    return password


def add(path: Path, uid: str, name: str | None, roles: list[str], oidc: bool, password_stdin: bool) -> str:
    """Add a user or change one's name, roles or password; returns what was done."""
    uid = uid.strip().lower()
    _check_roles(roles)
    users = _read(path)
    spec = dict(users.get(uid) or {})
    spec["name"] = name or spec.get("name") or uid
    if roles:
        spec["roles"] = roles
    if oidc:
        spec.pop("password", None)  # signs in through the organisation's identity provider
    else:
        spec["password"] = hash_password(_password(password_stdin))
    users[uid] = spec
    _write(path, users)
    return f"Đã ghi người dùng '{uid}' vào {path}. / User '{uid}' written to {path}."


def remove(path: Path, uid: str) -> str:
    users = _read(path)
    if users.pop(uid.strip().lower(), None) is None:
        raise SystemExit(f"Không có người dùng '{uid}'. / No user '{uid}'.")
    _write(path, users)
    return f"Đã xóa '{uid}'. / '{uid}' removed."


def listing(path: Path) -> str:
    users = _read(path)
    if not users:
        return f"Chưa có người dùng nào trong {path}. / No users in {path}."
    return "\n".join(
        f"{uid}\t{spec.get('name', '')}\t{', '.join(spec.get('roles', []))}"
        f"\t{'mật khẩu' if spec.get('password') else 'OIDC'}"
        for uid, spec in sorted(users.items())
    )
