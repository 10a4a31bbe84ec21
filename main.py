"""`python main.py` starts QualityDesk like the `qualitydesk` command does."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
