"""Composition at the top: the command line, the configuration and the Dagster code location.

``settings``     what the environment configures (paths, workers), with the documented defaults
``definitions``  the Dagster code location: the pipeline's assets bound to resources from ``settings``
``cli``          the ``chitieu`` command

Nothing in ``schemas``, ``pipelines``, ``analysis`` or ``dashboards`` imports this package, except the
Streamlit entry point (``dashboards/app.py``), which reads ``settings`` the way the CLI does.
"""
