"""Sign-in: Streamlit's own OpenID Connect (``st.login`` / ``st.user``), or local users with
password hashes, or none (a read-only demo that says so). Layout and session only: who may do
what is ``analysis.access``; the audit log is written through the injected governance service.
"""

from __future__ import annotations

import time

import streamlit as st

from analysis.access import ANONYMOUS, Access, User, verify_password
from analysis.i18n import t

# Failed sign-ins allowed in a row before the form waits (per session).
MAX_FAILURES = 5


def _local(users: dict[str, User], hours: float, governance, lang: str) -> User | None:
    session = st.session_state.get("_signed_in")
    if session and time.time() - session["at"] < hours * 3600 and session["id"] in users:
        return users[session["id"]]
    if session:  # expired, or removed from the users file
        st.session_state.pop("_signed_in", None)
        st.info(t("auth_expired", lang))
    failures = st.session_state.get("_sign_in_failures", 0)
    st.title(t("auth_title", lang))
    with st.form("sign-in"):
        name = st.text_input(t("auth_user", lang), key="w_sign_in_user")
        password = st.text_input(t("auth_password", lang), type="password", key="w_sign_in_password")
        pressed = st.form_submit_button(t("auth_sign_in", lang), type="primary", key="w_sign_in")
    if pressed:
        if failures >= MAX_FAILURES and time.time() - st.session_state.get("_sign_in_last", 0) < 60:
            st.error(t("auth_wait", lang))
            return None
        uid = (name or "").strip().lower()
        user = users.get(uid)
        if user is not None and verify_password(password or "", user.password):
            st.session_state["_signed_in"] = {"id": uid, "at": time.time()}
            st.session_state["_sign_in_failures"] = 0
            governance.log(uid, "sign_in")
            st.rerun()
        st.session_state["_sign_in_failures"] = failures + 1
        st.session_state["_sign_in_last"] = time.time()
        governance.log(uid or "?", "sign_in_failed", reason="unknown user" if user is None else "wrong password")
        st.error(t("auth_failed", lang))
    return None


def _oidc(users: dict[str, User], lang: str) -> User | None:
    if not st.user.is_logged_in:
        st.title(t("auth_title", lang))
        st.button(t("auth_sign_in_oidc", lang), on_click=st.login, type="primary", key="w_oidc_login")
        return None
    email = str(st.user.get("email") or st.user.get("sub") or "").lower()
    known = users.get(email)
    return known if known is not None else User(email, str(st.user.get("name") or email))


def signed_in(services, localities, lang: str) -> Access | None:
    """Who reads this run; None when the sign-in form is showing (the caller stops the run)."""
    mode = services.auth_mode
    if mode == "none":
        return Access(ANONYMOUS, localities, open_demo=True)
    user = (
        _oidc(services.users, lang)
        if mode == "oidc"
        else _local(services.users, services.session_hours, services.governance, lang)
    )
    return None if user is None else Access(user, localities)


def sidebar_identity(who: Access, services, lang: str) -> None:
    """Who is signed in, and the way out; or the demo's warning."""
    with st.sidebar:
        if who.open_demo:
            st.warning(t("auth_demo", lang), icon=":material/visibility:")
            return
        st.caption(t("auth_as", lang, name=who.user.name, id=who.user.id))
        if st.button(t("auth_sign_out", lang), key="w_sign_out", icon=":material/logout:"):
            services.governance.log(who.user.id, "sign_out")
            st.session_state.pop("_signed_in", None)
            if services.auth_mode == "oidc":
                st.logout()
            st.rerun()
