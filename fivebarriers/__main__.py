import sys

try:
    from fivebarriers.cli.main import main
except KeyboardInterrupt:  # Ctrl-C while the program is still starting: nothing was done
    print("interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
