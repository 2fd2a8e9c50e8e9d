"""What each page shows: page helpers, the shared Streamlit widgets, navigation,
sign-in and exports. Pages in pages/ stay thin and call these."""
