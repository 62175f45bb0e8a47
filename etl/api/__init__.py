"""The dashboard feed: a read-only HTTP API over the analyst views and the offline dashboard page it serves."""
