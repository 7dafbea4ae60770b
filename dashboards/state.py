"""The reader's choices (language, locality, year, term, indicator), kept in the URL.

The query string is read once per session; after that the session's own copies (``_sel_*``) are
the truth and are written back to the URL on every run, because Streamlit clears the query
string when the reader moves to another page. Widget keys (``w_*``) are separate from those
copies: Streamlit forgets a widget's state when a run does not draw it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from analysis.i18n import LANG_NAMES, LANGS, t
from analysis.periods import default_locality, default_term, default_year
from dashboards import data

PARAMS = ("lang", "locality", "year", "term", "indicator", "bloc", "rank")


@dataclass(frozen=True)
class Selection:
    """What every page reads: the chosen language, locality, year and congress term."""

    lang: str
    locality: str
    locality_name: str
    year: str
    term: str | None
    years: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def _url(name: str) -> str | None:
    """The value the session was opened with (?name=…), read once."""
    if "_sel_url" not in st.session_state:
        st.session_state["_sel_url"] = {k: st.query_params.get(k) for k in PARAMS}
    return st.session_state["_sel_url"].get(name)


def remembered(name: str) -> str | None:
    """The session's choice for ``name``, falling back to the URL it was opened with."""
    key = f"_sel_{name}"
    if key not in st.session_state:
        st.session_state[key] = _url(name)
    return st.session_state[key]


def remember(name: str, value: str | None) -> None:
    st.session_state[f"_sel_{name}"] = value
    if value is None:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def _pick(label: str, options: list[str], *, name: str, default: str, fmt: Callable[[str], str] = str) -> str:
    """A sidebar select box whose choice survives page changes and lives in the URL."""
    current = remembered(name)
    if current not in options:
        current = default
    value = st.selectbox(label, options, index=options.index(current), format_func=fmt, key=f"w_{name}")
    remember(name, value)
    return value


def language() -> str:
    """The language switch (Tiếng Việt / English), first in the sidebar."""
    current = remembered("lang")
    if current not in LANGS:
        current = "vi"
    with st.sidebar:
        value = st.radio(
            t("language", current),
            list(LANGS),
            index=list(LANGS).index(current),
            format_func=LANG_NAMES.get,
            horizontal=True,
            key="w_lang",
        )
    remember("lang", value)
    return value


def sidebar(lang: str) -> Selection | None:
    """Locality, year and term selectors; None when no locality has figures."""
    warehouse = data.reader()
    localities = warehouse.localities()
    if localities.is_empty():
        return None
    names = dict(localities.select("locality_code", "name").iter_rows())
    codes = list(names)
    with st.sidebar:
        default = default_locality(localities, data.default_locality())
        locality = _pick(t("locality", lang), codes, name="locality", default=default, fmt=lambda c: names.get(c, c))
        periods = warehouse.periods(locality)
        years = sorted(periods.filter(periods["kind"] == "year")["period"].to_list(), reverse=True)
        terms = sorted(periods.filter(periods["kind"] == "term")["period"].to_list(), reverse=True)
        year_default = default_year(periods) or (years[0] if years else "")
        year = _pick(t("year", lang), years, name="year", default=year_default) if years else ""
        term = (
            _pick(
                t("term", lang),
                terms,
                name="term",
                default=default_term(terms, year) or terms[0],
                fmt=lambda s: s.replace("-", "–"),
            )
            if terms
            else None
        )
    return Selection(lang, locality, names.get(locality, locality), year, term, years, terms)


def current() -> Selection:
    """The selection app.py made for this run (pages call this). A page script run without the entry
    point (no sign-in, no selection made) draws nothing."""
    if "_selection" not in st.session_state or "_access" not in st.session_state:
        st.stop()
    return st.session_state["_selection"]
