"""Answer the question: the phone page a workshop's room answers on (no
sign-in, no personal data). The page is in fivebarriers.views.vote."""

from fivebarriers.views import vote
from fivebarriers.views.page_run import through_app

through_app()

vote.page()
