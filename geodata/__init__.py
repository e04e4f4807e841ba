"""The returns dataset: cited tables, boundary layers, and the code that loads and checks them.

Run ``python -m geodata check`` to validate everything, ``python -m geodata build`` to
rebuild the boundary layers from their pinned public-domain source.
"""

#: Bump when a figure, a source or a layer changes (cited in "Cite this view").
DATASET_VERSION = "1.1.0"

from .errors import DataError  # noqa: E402
from .loader import Dataset, load_dataset  # noqa: E402
from .records import localized  # noqa: E402

__all__ = ["DATASET_VERSION", "DataError", "Dataset", "load_dataset", "localized"]
