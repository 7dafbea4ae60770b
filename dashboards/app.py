"""Chỉ tiêu dashboard: `streamlit run dashboards/app.py` (reads the warehouse named by CHITIEU_WAREHOUSE).

Routing only: the configuration and services (composed in ``chitieu.dashboard``), sign-in, the
sidebar choices (kept in the URL), the warehouse check, then the chosen page — of the pages the
signed-in user may use.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts dashboards/ on sys.path, not the project root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from analysis import format as fmt  # noqa: E402
from analysis.i18n import t  # noqa: E402
from chitieu import dashboard, settings  # noqa: E402
from dashboards import auth, data, state, ui  # noqa: E402
from dashboards.navigation import PAGES  # noqa: E402

# The entry point reads the configuration, as the command line does; the layers below get paths
# and the composed services (submissions, approvals, users).
services = dashboard.services()
data.configure(settings.warehouse_path(), settings.export_dir(), settings.default_locality(), services)

st.set_page_config(page_title="Chỉ tiêu", page_icon=":material/bar_chart:", layout="wide")

lang = state.language()
# The queries of one run (sidebar and page) that the cache misses share one read-only connection,
# closed when the page is drawn.
with data.shared_connection():
    status = data.reader().status()
    if not status.ok:
        ui.warehouse_message(status, lang)
        st.stop()
    who = auth.signed_in(services, data.reader().units(), lang)
    if who is None:
        st.stop()  # the sign-in form is showing
    data.set_access(who, set() if who.open_demo else services.governance.approved())
    auth.sidebar_identity(who, services, lang)

    may = {
        None: True,
        "submit": bool(data.submittable_units(who)),
        "approve": bool(data.approvable_units(who)),
        "audit": who.can_read_audit(),
    }
    selection = state.sidebar(lang)
    if selection is None and may["submit"]:
        # A unit with no figures yet: its clerk still reaches 'Nộp số liệu' to send the first workbook.
        first = data.submittable_units(who)[0]
        names = dict(data.reader().units().select("locality_code", "name").iter_rows())
        selection = state.Selection(lang, first, names.get(first, first), "", None)
        pages = [p for p in PAGES if p.needs == "submit"]
    else:
        pages = [p for p in PAGES if may[p.needs]]
    navigation = st.navigation(
        [
            st.Page(page.file, title=t(page.title_key, lang), icon=page.icon, url_path=page.url_path, default=(i == 0))
            for i, page in enumerate(pages)
        ]
    )
    if selection is None:
        st.info(t("no_localities", lang) if who.open_demo or who.user.grants else t("auth_no_units", lang))
        st.stop()
    st.session_state["_selection"] = selection
    with st.sidebar:
        st.caption(
            t("published", lang, when=fmt.when(status.published_at, lang), age=fmt.age(status.published_at, lang=lang))
        )
        st.caption(t("link_hint", lang))

    navigation.run()
