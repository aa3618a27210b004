// Loaded in every desk page (hooks.py). A desk address whose parts hold markup is no address of
// the desk: Frappe puts some route parts into the page as HTML (a dashboard view's title, a
// calendar's, /app/Form/…), where a link to /app/dashboard-view/%3Cimg … onerror=…%3E, in a
// note or a mail, ran a script with the session of whoever clicked it (round 80). Such an address
// opens the desk's home instead.
if (!frappe.meldcode_desk_routes) {
	frappe.meldcode_desk_routes = true;
	const holds_markup = () => {
		try {
			return /[<>]/.test(decodeURIComponent(window.location.pathname));
		} catch (e) {
			return true; // an address that is no address
		}
	};
	const route = frappe.router.route;
	frappe.router.route = function (...args) {
		if (holds_markup()) window.history.replaceState(null, null, "/app");
		return route.apply(this, args);
	};
	// A new record takes its first values from the link that opened it (?field=value), and the
	// desk draws them as HTML: /app/todo/new?description=<img … onerror=…> ran a script as whoever
	// followed the link (round 81). A value that could leave its text is left out.
	const get_new_doc = frappe.model.get_new_doc;
	frappe.model.get_new_doc = function (...args) {
		for (const [field, value] of Object.entries(frappe.route_options || {})) {
			if (typeof value === "string" && /[<>"`]/.test(value)) delete frappe.route_options[field];
		}
		return get_new_doc.apply(this, args);
	};
}
