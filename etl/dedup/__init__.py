"""Deduplication: one article per story (`articles`), one event per real-world event (`events`), and how much to
trust it (`confidence`)."""
