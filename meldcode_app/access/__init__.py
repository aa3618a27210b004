"""Need-to-know, decided once (DOMAIN 7.5): who may read and change a case is decided by the
permission hooks (meldcode_app.permissions), every request is read before Frappe runs it
(meldcode_app.request_guard), and code Frappe runs on a user's behalf (templates, scripts, query
reports) never reaches a case record (sandboxed_code)."""
