// A look at the app in a real browser, as the demo users: the aandachtsfunctionaris opens the
// workspace, the dossier list, a dossier (moves it one step), the Gespreksverslag print preview, a
// new weighing with its dossier search and the open-dossiers report; the teacher a new signal;
// the board its workspace and figures, the staff reports and who read them. Saves a screenshot of each, and fails when the need-to-know
// guard refused anything the desk asked for on the way (a door the case team needs was shut) or
// the page showed an error. Needs `bench serve` and `meldcode_app.demo.create_demo_data`.
//
//   cd browser && npm install && BASE_URL=http://meldcode.test:8000 node look.mjs
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL || "http://meldcode.test:8000";
const password = process.env.DEMO_PASSWORD || "Meldcode-Demo-2026";
const out = process.env.OUT || "screenshots";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync"],
});
const refused = [];

async function login(user) {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "nl-NL" });
	page.on("response", async (response) => {
		if (response.status() !== 403) return;
		const body = await response.text().catch(() => "");
		if (/not available this way|niet beschikbaar/.test(body)) refused.push(`${user}: ${response.url()}`);
	});
	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL(/\/app/);
	return page;
}

const shot = async (page, name) => {
	await page.waitForTimeout(3500);
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
	console.log(`saved ${out}/${name}.png`);
};
const api = async (page, path) => (await (await page.request.get(`${base}${path}`)).json()).data;

// The aandachtsfunctionaris.
const af = await login("af@demo.meldcode.example");
await af.goto(`${base}/app/meldcode`);
await shot(af, "1-workspace");
await af.goto(`${base}/app/meldcode-dossier`);
await shot(af, "2-dossier-list");

// A dossier at the start of the route, and the move that takes it one step further.
const nextMove = {
	"Step 1 Signalling": /Start Collegial Consultation|Collegiale consultatie starten/,
	"Step 2 Collegial Consultation": /Plan Conversation|Gesprek plannen/,
};
const filters = encodeURIComponent(JSON.stringify([["workflow_state", "in", Object.keys(nextMove)]]));
const fields = encodeURIComponent(JSON.stringify(["name", "workflow_state"]));
const [dossier] = await api(af, `/api/resource/Meldcode Dossier?filters=${filters}&fields=${fields}&order_by=workflow_state%20asc&limit_page_length=1`);
await af.goto(`${base}/app/meldcode-dossier/${dossier.name}`);
await shot(af, "3-dossier");
await af.getByRole("button", { name: /Actions|Acties/ }).click();
await af.getByText(nextMove[dossier.workflow_state]).click();
await af.waitForTimeout(2500);
await shot(af, "4-dossier-moved");

const convFilters = encodeURIComponent(JSON.stringify([["conversation_type", "=", "Parents"], ["docstatus", "=", 1]]));
const [conversation] = await api(af, `/api/resource/Meldcode Conversation?filters=${convFilters}&limit_page_length=1`);
await af.goto(`${base}/app/print/Meldcode Conversation/${conversation.name}`);
await af.waitForTimeout(2000);
await shot(af, "5-gespreksverslag-preview");

await af.goto(`${base}/app/meldcode-weighing/new`);
await af.waitForTimeout(2000);
await af.locator('input[data-fieldname="dossier"]').click();
await af.locator('input[data-fieldname="dossier"]').fill("MD");
await shot(af, "6-new-weighing-dossier-search");

await af.goto(`${base}/app/query-report/Meldcode Open Dossiers`);
await shot(af, "7-open-dossiers-report");

// The teacher.
const teacher = await login("leerkracht@demo.meldcode.example");
await teacher.goto(`${base}/app/meldcode-signal/new`);
await shot(teacher, "8-teacher-new-signal");

// The board.
const board = await login("bestuur@demo.meldcode.example");
await board.goto(`${base}/app/meldcode-board`);
await shot(board, "9-board-workspace");
await board.goto(`${base}/app/query-report/Meldcode Board Figures`);
await shot(board, "10-board-figures");
await board.goto(`${base}/app/meldcode-staff-report`);
await shot(board, "11-board-staff-reports");
await board.goto(`${base}/app/query-report/Meldcode Staff Suspicion Access Audit`);
await shot(board, "12-board-staff-report-access-audit");

await browser.close();
if (refused.length) {
	console.error(`the need-to-know guard refused what the desk asked for:\n${refused.join("\n")}`);
	process.exit(1);
}
console.log("no request of the desk was refused by the need-to-know guard");
