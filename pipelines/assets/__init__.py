"""Asset modules, one per family. Dagster marks backfill policies as beta; the API is what we want."""

import warnings

import dagster as dg

warnings.filterwarnings("ignore", category=dg.BetaWarning)
warnings.filterwarnings("ignore", category=dg.PreviewWarning)
