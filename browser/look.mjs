// A look at the app in a real browser: logs in as the demo aandachtsfunctionaris, opens the
// workspace and a dossier, moves it one step and opens the Gespreksverslag print preview,
// saving a screenshot of each. Needs `bench serve` and `meldcode_app.demo.create_demo_data`.
//
//   cd browser && npm install && BASE_URL=http://meldcode.test:8000 node look.mjs
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL || "http://meldcode.test:8000";
const user = process.env.DEMO_USER || "af@demo.meldcode.example";
const password = process.env.DEMO_PASSWORD || "Meldcode-Demo-2026";
const out = process.env.OUT || "screenshots";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "nl-NL" });
const shot = async (name) => {
	await page.waitForTimeout(3500);
	await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
	console.log(`saved ${out}/${name}.png`);
};
const api = async (path) => (await (await page.request.get(`${base}${path}`)).json()).data;

await page.goto(`${base}/login`);
await page.fill("#login_email", user);
await page.fill("#login_password", password);
await page.click(".btn-login");
await page.waitForURL(/\/app/);

await page.goto(`${base}/app/meldcode`);
await shot("1-workspace");

// A dossier at the start of the route, and the move that takes it one step further.
const nextMove = {
	"Step 1 Signalling": /Start Collegial Consultation|Collegiale consultatie starten/,
	"Step 2 Collegial Consultation": /Plan Conversation|Gesprek plannen/,
};
const filters = encodeURIComponent(JSON.stringify([["workflow_state", "in", Object.keys(nextMove)]]));
const fields = encodeURIComponent(JSON.stringify(["name", "workflow_state"]));
const [dossier] = await api(`/api/resource/Meldcode Dossier?filters=${filters}&fields=${fields}&order_by=workflow_state%20asc&limit_page_length=1`);
await page.goto(`${base}/app/meldcode-dossier/${dossier.name}`);
await shot("2-dossier");

await page.getByRole("button", { name: /Actions|Acties/ }).click();
await page.getByText(nextMove[dossier.workflow_state]).click();
await page.waitForTimeout(2500);
await shot("3-dossier-moved");

const convFilters = encodeURIComponent(JSON.stringify([["conversation_type", "=", "Parents"], ["docstatus", "=", 1]]));
const [conversation] = await api(`/api/resource/Meldcode Conversation?filters=${convFilters}&limit_page_length=1`);
await page.goto(`${base}/app/print/Meldcode Conversation/${conversation.name}`);
await page.waitForTimeout(2000);
await shot("4-gespreksverslag-preview");

await browser.close();
