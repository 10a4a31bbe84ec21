"""PDF and Excel outputs: they take plain data and return files; no database session, no Qt."""
