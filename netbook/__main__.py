import sys

from netbook.cli import main

sys.exit(main())
