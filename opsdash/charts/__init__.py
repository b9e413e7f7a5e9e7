"""Altair chart builders: DataFrame in, alt.Chart out; look and formats from theme."""
