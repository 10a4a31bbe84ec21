"""The customer-files tab, its list model and its dialogs."""
