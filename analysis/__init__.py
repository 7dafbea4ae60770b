"""The read-and-report layer between ``schemas`` and the front-ends: no Streamlit in it.

``queries``   the warehouse, read-only: ``Reader`` and its loaders (caching injected by the caller)
``periods``   years and congress terms: the default year and term, parsing a period
``format``    numbers, percentages, targets and dates written the reader's way; file-name slugs
``i18n``      every word a reader sees, in Vietnamese and English
``theme``     colours, icons and fonts of statuses and grades
``trace``     where a figure came from, in words
``charts``    Plotly figure builders
``tables``    table builders: frames with stable column keys and the headers for the language
``export``    CSV and XLSX bytes, formulas neutralised
``reports``   the report pack (DOCX, XLSX, ZIP of charts, PPTX) and its writer registry

The Streamlit dashboard wraps the loaders in ``st.cache_data``; the command line and the Dagster
``report_pack`` asset call them bare.
"""
