"""Print exports: charts as PNG (300 dpi), SVG and PDF files, and the report pack (DOCX, XLSX, ZIP,
PPTX) for a locality and a year or a congress term.

``render``       kaleido + Chromium, one browser per batch; print styling of dashboard figures
``content``      what the pack says, built from dashboards.data / charts / tables
``docx_report``  the Word report (Decree 30/2020/NĐ-CP layout)
``pptx_report``  one chart per 16:9 slide
``pack``         ``build_pack``: everything into one folder, with timings per phase
``cli``          ``chitieu export``
"""

from __future__ import annotations

import logging


def quiet_streamlit() -> None:
    """Outside a Streamlit server ``st.cache_data`` warns 'No runtime found' for each cached loader: silence it."""
    from streamlit.runtime.caching import cache_data_api

    logging.getLogger(cache_data_api.__name__).setLevel(logging.ERROR)
