"""One client of tests/services/test_numbers_across_clients.py: registers complaint tickets.

Run as `python -m tests.services.number_client URL CUSTOMER_ID COUNT NAME FOLDER`: it opens the
database, says it is ready (FOLDER/ready-NAME), waits for FOLDER/go so that every client starts
registering at the same moment, then registers COUNT tickets, one transaction each.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.db import make_engine
from app.services import complaint_service
from tests.services.complaint_factory import ticket_data


def main(url: str, customer_id: int, count: int, name: str, folder: Path) -> int:
    engine = make_engine(url)
    with engine.connect():
        pass  # connected before the start signal
    (folder / f"ready-{name}").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    for i in range(count):
        complaint_service.create(
            engine, ticket_data(customer_id, description=f"{name} {i}"), f"client-{name}"
        )
    engine.dispose()
    return 0


if __name__ == "__main__":
    url, customer_id, count, name, folder = sys.argv[1:6]
    sys.exit(main(url, int(customer_id), int(count), name, Path(folder)))
