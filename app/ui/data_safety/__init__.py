"""Data safety in the window: backups, restore, the data-file check, start-up of the data file."""
