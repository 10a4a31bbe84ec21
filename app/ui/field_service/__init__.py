"""The field-service tab and its dialogs: service reports, visits, bringing a laptop's records home."""
