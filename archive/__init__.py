"""jingwen archive: SQLite storage with provenance, Chinese search, Datasette."""
