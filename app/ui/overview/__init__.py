"""The overview tab 概览: key figures, charts with drill-down, the management reports."""
