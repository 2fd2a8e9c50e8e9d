import sys

from fivebarriers.cli import main

sys.exit(main())
