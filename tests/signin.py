"""Signing in to the dashboard in AppTest as the test users (local accounts), for tests/test_roles.py
and tests/test_security.py; the ``signed`` fixture (tests/conftest.py) turns local sign-in on."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.access import hash_password

APP = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
PASSWORD = "mat-khau-du-dai-2026"
USERS = {
    "thuky-an-khe": ("Thư ký Văn phòng thị xã", ["clerk:an-khe"]),
    "thuky-thanh-an": ("Thư ký xã Thành An", ["clerk:an-khe-thanh-an"]),
    "lanhdao-an-khe": ("Lãnh đạo thị xã", ["viewer:an-khe"]),
    "duyet-gia-lai": ("Chuyên viên tỉnh", ["approver:gia-lai"]),
    "quantri": ("Quản trị", ["admin"]),
}


def write_users(path: Path) -> Path:
    hashed = hash_password(PASSWORD)
    path.write_text(
        "".join(
            f'[users.{uid}]\nname = "{name}"\npassword = "{hashed}"\nroles = {roles!r}\n\n'.replace("'", '"')
            for uid, (name, roles) in USERS.items()
        ),
        encoding="utf-8",
    )
    return path


def open_app(warehouse: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    monkeypatch.setenv("CHITIEU_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params.update(params)
    return at.run()


def sign_in(at: AppTest, user: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="w_sign_in_user").input(user)
    at.text_input(key="w_sign_in_password").input(password)
    at.button(key="w_sign_in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def offered_pages(at: AppTest) -> set[str]:
    """The pages the navigation offers this user ('overview' for pages/overview.py). AppTest keeps
    the pages ``st.navigation`` registered in the last run that reached it."""
    return {Path(p["script_path"]).stem for p in at._registered_pages.values()}
