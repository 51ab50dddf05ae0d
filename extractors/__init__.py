"""Pure extractors: cleaned text -> typed spans with offsets and rule ids.

Importing this package registers every extractor in ``extractors.base.REGISTRY`` (in this
order, which is the order ``pipeline.extract`` runs them).
"""

from extractors import (  # noqa: F401  (imported for registration)
    authority,
    changes,
    circular,
    dates,
    exemptions,
    instruments,
    masks,
    modes,
    observations,
    officials,
    quotas,
    reasons,
)
from extractors.base import REGISTRY, Context, Span, extractor

__all__ = ["REGISTRY", "Context", "Span", "extractor"]
