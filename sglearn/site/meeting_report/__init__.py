"""What a safeguarding governance meeting needs, as of one date (``sglearn report``).

Built on the site's aggregation (``sglearn.site.aggregate``), so the meeting and the published
dashboards never disagree about what is overdue or late. Internal: cases held from
publication are counted too, and counts are not suppressed. Same cases and as-of date give
byte-identical output. ``figures`` builds the report; ``formatting`` writes it out.
"""

from __future__ import annotations

from sglearn.site.meeting_report.figures import (
    ActionLine,
    EvidenceLine,
    MeetingReport,
    ReferralLine,
    ThemeLine,
    build_meeting_report,
)
from sglearn.site.meeting_report.formatting import (
    FORMATS,
    render,
    render_csv,
    render_json,
    render_markdown,
)

__all__ = [
    "FORMATS",
    "ActionLine",
    "EvidenceLine",
    "MeetingReport",
    "ReferralLine",
    "ThemeLine",
    "build_meeting_report",
    "render",
    "render_csv",
    "render_json",
    "render_markdown",
]
