# opsdash for a shared, hosted deployment (see docs/deploy.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OPSDASH_HOSTED=1 \
    OPSDASH_DATA_DIR=/data \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin opsdash \
    && mkdir -p /data \
    && chown opsdash:opsdash /data

WORKDIR /app
# Dependencies first (cached while only the app changes).
COPY pyproject.toml README.md ./
COPY opsdash ./opsdash
RUN pip install .
COPY app.py ./
COPY pages ./pages
COPY .streamlit/config.toml ./.streamlit/config.toml

USER opsdash
EXPOSE 8501
VOLUME ["/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# Migrate the store and print what hosted mode would refuse (the app shows the same list
# instead of the sign-in form until it is fixed), then serve.
CMD ["sh", "-c", "opsdash users check-hosted; exec python -m opsdash.ui.serve --server.address=0.0.0.0 --server.port=8501"]
