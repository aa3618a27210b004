"""The board's security status: pending grants and how long they wait, who holds a function and
is a System Manager too, staff without two-factor authentication, whether server scripts run,
and the grants decided in the last 30 days (meldcode_app.access.security_status)."""

from meldcode_app.access.security_status import columns, rows


def execute(filters: dict | None = None) -> tuple[list, list]:
	return columns(), rows()
