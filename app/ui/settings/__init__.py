"""The settings dialog (dialog.py) and its pages."""
