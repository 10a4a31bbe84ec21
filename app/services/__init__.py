"""Business rules in plain Python: the GUI and the CLI both call these; no Qt here."""
