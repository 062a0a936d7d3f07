"""The review site: a warehouse's numbers shown in their reports' own text (`keji review`)."""
from review.site import SiteError, SiteSummary, write_site

__all__ = ["SiteError", "SiteSummary", "write_site"]
