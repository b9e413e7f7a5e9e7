"""``python -m opsdash.ui.serve [streamlit run options]``: ``streamlit run app.py`` without
Streamlit's pages/-folder mode.

Streamlit starts a process in that mode because a ``pages/`` folder sits next to app.py: the
process's first run then draws a navigation of raw file names (app, abtest, activities, ...)
and an empty page before app.py's first ``st.navigation`` call switches the mode off (see
:func:`opsdash.ui.context.leave_pages_folder_mode`, which stays as the fallback for a plain
``streamlit run app.py``). Switching it off before the server starts means that first run
never happens."""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path("app.py")  # like `streamlit run app.py`: from the checkout (or image) folder


def main(argv: list[str] | None = None) -> int:
    """Run the dashboard's server with ``argv`` as extra ``streamlit run`` options."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False  # what st.navigation would set on the first run
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
