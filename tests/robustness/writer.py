"""A child process that writes quality records the way the app does, for crash and disk tests.

Run as `python tests/robustness/writer.py DATA_DIR [COUNT]`: opens the data file with
open_database (WAL, synchronous=FULL, as the app), then creates customers one by one through
customer_service (each with its audit rows in the same transaction) and edits every third one.
After each commit it prints "ACK <code>" (flushed): a record the user was told is saved.
A storage failure ends it with "FAIL <kind> <message>" and exit code 3.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.db import open_database  # noqa: E402
from app.services import customer_service, storage_errors  # noqa: E402
from app.services.customer_service import ContactData, CustomerData  # noqa: E402


def main() -> int:
    if hasattr(signal, "SIGXFSZ"):  # past the file-size limit: an error, not a killed process
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    folder = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    padding = "备注" * int(sys.argv[3]) if len(sys.argv) > 3 else ""
    engine = open_database(folder)
    print("READY", flush=True)
    start = customer_service.count(engine)
    for n in range(start, start + count):
        data = CustomerData(
            code=f"W{n:06d}",
            name=f"写入测试顾客{n}",
            notes=padding,
            contacts=[ContactData(name=f"联系人{n}", phone="0571-8888 1234")],
        )
        try:
            stored = customer_service.create(engine, data, "writer")
            if n % 3 == 0:
                stored.address = f"地址 {n}"
                customer_service.update(engine, stored, "writer")
        except storage_errors.STORAGE_ERRORS as error:
            print(f"FAIL {storage_errors.kind(error)} {' '.join(str(error).split())}", flush=True)
            return 3
        print(f"ACK {data.code}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
