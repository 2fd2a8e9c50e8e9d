"""Words, rules and style for the Present page (plain Python; the page draws).

The slide number lives in the URL (?slide=5) so a facilitator can bookmark
and jump; a number that is not a slide gets a clear message and slide 1."""

from __future__ import annotations

# A constant style block, scoped to the page's keyed containers (Streamlit gives
# a container with key K the class st-key-K). It holds no data, so it is safe to
# pass to st.html. Sizes are for the back of a room: body text never below 28 px
# (1.6% of the width on a wide screen), titles from 38 px.
STYLE = """<style>
[data-testid="stMainBlockContainer"]:has(.st-key-slide) { padding-top: 3.5rem; }
.st-key-slide { padding: 0 8px; }
.st-key-slide p, .st-key-slide li { font-size: max(28px, 1.6vw) !important; line-height: 1.35 !important;
  color: #0B0C0C; }
.st-key-slide li { margin-bottom: 10px; }
.st-key-slide h1 { font-size: max(38px, 2.6vw) !important; line-height: 1.15 !important;
  padding: 4px 0 12px 0 !important; }
.st-key-slide_kicker p { font-weight: 700; color: #12436D !important;
  border-top: 8px solid #12436D; padding-top: 8px; }
.st-key-slide_source p { font-size: 20px !important; color: #505A5F !important; }
.st-key-slide [class*="st-key-tile_value"] p { font-size: max(44px, 3vw) !important; font-weight: 700;
  color: #12436D !important; margin-bottom: 0; }
.st-key-slide button[role="tab"] p { font-size: 22px !important; }
.st-key-slide [data-testid="stCaptionContainer"] p { font-size: 20px !important; }
.st-key-slide_controls button p { font-size: 26px !important; }
.st-key-slide_counter p { font-size: 30px !important; font-weight: 700;
  text-align: center; }
.st-key-speaker_notes p { font-size: 24px !important; line-height: 1.45 !important; }
</style>"""

FILTER_LABELS = {"barrier": "barrier", "place": "place", "programme": "programme"}


def parse_slide(raw: str | None, total: int) -> tuple[int, str | None]:
    """The 1-based slide to show and, for a bad value, the message to give."""
    if raw is None or raw == "":
        return 1, None
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if 1 <= number <= total:
        return number, None
    return 1, f"The link asks for slide “{raw}”, but this deck has slides 1 to {total}. Showing slide 1."


def bad_filter_message(name: str, raw: str) -> str:
    return f"The link asks for {name} “{raw}”, which is not in the data. Showing all {name}s."


def counter(number: int, total: int) -> str:
    return f"{number} of {total}"
