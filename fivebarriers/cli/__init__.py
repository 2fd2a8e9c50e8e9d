"""The command line (`python -m fivebarriers`): one module per command group."""
