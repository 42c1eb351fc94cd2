"""Vietnamese labels for the warehouse's codes (warehouse/lexicon/labels.toml)."""
from thidua.warehouse.labels import label, labels

__all__ = ["label", "labels"]
