"""Downloadable reports built from the metrics (Markdown, HTML)."""
