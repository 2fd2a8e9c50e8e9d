"""Present: the workshop storyboard as a slideshow for a projector, with a
presenter view (?view=presenter) that drives it from a second window.
The page is in fivebarriers.views.present."""

from fivebarriers.views import present
from fivebarriers.views.page_run import through_app

through_app()

present.page()
