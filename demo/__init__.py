"""``khiw demo``: the sample office on a fresh SQLite database, every station on one screen."""
