"""overview page (basic version from the app shell)."""

import streamlit as st

from opsdash.store.summary import dataset_counts
from opsdash.ui.components import require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
st.title(ctx.t("overview.title"))
require_data(ctx)
st.subheader(ctx.t("common.section.summary"))
table(
    ctx.cached(dataset_counts).rename(
        columns={"dataset": ctx.t("common.dataset"), "rows": ctx.t("common.rows")}
    )
)
