"""Qt user interface: the only layer that imports PySide6 (app/data_lock.py takes QtCore's
QLockFile for the window and the command line alike; no widgets outside this package)."""
