import sys

from fivebarriers.cli.main import main

sys.exit(main())
