"""QualityDesk: customer service and customer feedback records for a quality department."""

__version__ = "0.1.0"
