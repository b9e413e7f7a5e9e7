"""Typed settings: one object, read from ``OPSDASH_*`` environment variables and
``.streamlit/secrets.toml`` (table ``[opsdash]``). Environment wins over secrets.

Every setting is documented in the README ("Settings"). Plain Python: no Streamlit import.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

Language = Literal["zh", "en"]

DEFAULT_DATA_DIR = Path("data")
# Local mode only: hosted mode refuses to start with this key.
DEFAULT_COOKIE_KEY = "opsdash-local-development-key-not-secret"
SECRETS_FILES = (Path(".streamlit/secrets.toml"), Path.home() / ".streamlit/secrets.toml")


class _SecretsTomlSource(PydanticBaseSettingsSource):
    """Reads the ``[opsdash]`` table of Streamlit's secrets.toml, so a hosted deployment
    (Streamlit Community Cloud) configures opsdash where it configures everything else."""

    def get_field_value(self, field, field_name):  # pragma: no cover - unused by pydantic here
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        files = [Path(p) for p in os.environ.get("OPSDASH_SECRETS_FILE", "").split(os.pathsep) if p]
        for path in files or SECRETS_FILES:
            if path.is_file():
                with path.open("rb") as fh:
                    table = tomllib.load(fh).get("opsdash", {})
                return {
                    k.lower(): v
                    for k, v in table.items()
                    if k.lower() in self.settings_cls.model_fields
                }
        return {}


class Settings(BaseSettings):
    """All of opsdash's configuration."""

    model_config = SettingsConfigDict(env_prefix="OPSDASH_", extra="ignore", frozen=True)

    data_dir: Path = Field(DEFAULT_DATA_DIR, description="Folder for the SQLite store and uploads.")
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the store; default: SQLite file data_dir/opsdash.db.",
    )
    timezone: str = Field("UTC", description="Reporting timezone: defines day boundaries.")
    language: Language = Field("zh", description="Default UI language: zh or en.")
    currency_symbol: str = Field(
        "¥",
        description="Symbol shown before money amounts while the store has no currency "
        "(the first money import sets it; opsdash.store.currency).",
    )
    max_upload_mb: int = Field(200, ge=1, le=2000, description="Largest file an import accepts.")
    parse_timeout_seconds: int = Field(
        180, ge=5, le=3600, description="Longest time reading one upload may take (wall and CPU)."
    )
    parse_memory_mb: int = Field(
        4096, ge=256, le=65536, description="Most memory reading one upload may use."
    )
    hosted: bool = Field(False, description="Hosted mode: refuse insecure defaults.")
    cookie_key: str = Field(
        DEFAULT_COOKIE_KEY,
        description="Secret signing the sign-in cookie; hosted mode needs 32+ random characters.",
    )
    cookie_name: str = Field("opsdash_auth", description="Name of the sign-in cookie.")
    cookie_secure: bool | None = Field(
        None,
        description="Mark the sign-in cookie Secure (HTTPS only); default: in hosted mode.",
    )
    key_funnel: str | None = Field(
        None,
        description="The brief's key funnel when none is saved from the Users page: event "
        "names, comma-separated (opsdash.brief.funnel).",
    )
    secrets_key: str | None = Field(
        None,
        description="Key the notification channels' webhook URLs and secrets are encrypted "
        "with at rest (Fernet, HKDF-derived); default: the cookie key.",
    )
    cookie_expiry_days: float = Field(
        1.0,
        ge=0,
        le=30,
        description="Days a sign-in lasts at most, across reloads (0: until reload); the "
        "server ends it then whatever the cookie says.",
    )
    lockout_attempts: int = Field(
        5, ge=1, le=100, description="Failed sign-ins in a row that lock an account."
    )
    lockout_minutes: int = Field(
        15, ge=1, le=1440, description="Minutes a locked account stays locked."
    )
    prefetch_threads: int = Field(
        2,
        ge=0,
        le=16,
        description="Threads computing a page's sections in parallel (0: one after another).",
    )
    persistent_disk: bool | None = Field(
        None,
        description="Whether data_dir survives restarts; default: guessed from the platform.",
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown timezone {value!r} (use an IANA name such as Asia/Shanghai)"
            ) from exc
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls,
        init_settings,
        env_settings,
        dotenv_settings,
        file_secret_settings,
    ):
        return (init_settings, env_settings, _SecretsTomlSource(settings_cls))

    @property
    def store_url(self) -> str:
        """The database URL in force: the configured one, or the default SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'opsdash.db').resolve()}"

    @property
    def secure_cookie(self) -> bool:
        """Whether the sign-in cookie is marked Secure: ``cookie_secure``, else hosted mode."""
        return self.hosted if self.cookie_secure is None else self.cookie_secure

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
