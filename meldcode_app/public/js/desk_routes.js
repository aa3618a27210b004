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
}
