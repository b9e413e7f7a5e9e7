"""Metrics: plain functions over the store. No Streamlit. Each docstring defines its metric."""
