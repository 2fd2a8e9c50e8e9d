"""The workshop: the storyboard of slides, the live Present page helpers, the
PowerPoint deck and the printable handout."""
