"""The complaint-tickets tab, its list, dialogs and settings."""
