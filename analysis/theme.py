"""Colours, icons and fonts shared by charts and tables, so a status looks the same everywhere.

The palette is Okabe–Ito (safe for the common forms of colour blindness); every colour is paired
with an icon and a word, so nothing is told by colour alone.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#8C8C8C",
}

STATUS_ORDER = ("khong_dat", "dat", "vuot", "chua_co_so_lieu")
STATUS_COLORS = {
    "vuot": OKABE_ITO["bluish_green"],
    "dat": OKABE_ITO["blue"],
    "khong_dat": OKABE_ITO["vermillion"],
    "chua_co_so_lieu": OKABE_ITO["grey"],
}
# Light tints of the same hues for table cell backgrounds (text stays black and readable).
STATUS_TINTS = {
    "vuot": "#CCECE3",
    "dat": "#CCE3F0",
    "khong_dat": "#F7DFCC",
    "chua_co_so_lieu": "#EEEEEE",
}
# Who has reported: the same tints (not yet and with errors warm, late amber, accepted green).
TRACKING_TINTS = {
    "tracking_not_yet": "#F7DFCC",
    "tracking_with_errors": "#F5E4ED",
    "tracking_late": "#FAECCC",
    "tracking_revised_late": "#FAECCC",
    "tracking_accepted": "#CCECE3",
}
STATUS_ICONS = {"vuot": "▲", "dat": "✔", "khong_dat": "✖", "chua_co_so_lieu": "–"}

GRADE_ORDER = ("regressing", "limited_progress", "acceleration_needed", "on_track", "achieved", "insufficient_data")
GRADE_COLORS = {
    "achieved": OKABE_ITO["bluish_green"],
    "on_track": OKABE_ITO["blue"],
    "acceleration_needed": OKABE_ITO["orange"],
    "limited_progress": OKABE_ITO["reddish_purple"],
    "regressing": OKABE_ITO["vermillion"],
    "insufficient_data": OKABE_ITO["grey"],
}
GRADE_TINTS = {
    "achieved": "#CCECE3",
    "on_track": "#CCE3F0",
    "acceleration_needed": "#FAECCC",
    "limited_progress": "#F5E4ED",
    "regressing": "#F7DFCC",
    "insufficient_data": "#EEEEEE",
}
GRADE_ICONS = {
    "achieved": "✔",
    "on_track": "▲",
    "acceleration_needed": "⚠",
    "limited_progress": "►",
    "regressing": "▼",
    "insufficient_data": "–",
}

NTM_LEVEL_COLORS = {
    "chua_dat": OKABE_ITO["grey"],
    "ntm": OKABE_ITO["sky_blue"],
    "ntm_nang_cao": OKABE_ITO["blue"],
    "ntm_kieu_mau": OKABE_ITO["bluish_green"],
}
AWARD_LEVEL_COLORS = {
    "state": OKABE_ITO["vermillion"],
    "province": OKABE_ITO["orange"],
    "district": OKABE_ITO["blue"],
    "commune": OKABE_ITO["sky_blue"],
}
PARTY_RATING_COLORS = {
    "xuat_sac": OKABE_ITO["bluish_green"],
    "tot": OKABE_ITO["blue"],
    "hoan_thanh": OKABE_ITO["orange"],
    "khong_hoan_thanh": OKABE_ITO["vermillion"],
    None: OKABE_ITO["grey"],
}

# Series in a trend chart.
ACTUAL_COLOR = "#1A1A1A"
TARGET_COLOR = OKABE_ITO["orange"]
TERM_TARGET_COLOR = OKABE_ITO["reddish_purple"]
PROJECTION_COLOR = OKABE_ITO["blue"]

# Fonts with full Vietnamese glyphs on Debian (fonts-liberation2, fonts-dejavu-core) and in browsers.
FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
