// Each demo role's main task, walked through the desk in a real browser (headless Chromium with
// playwright-core), as a school's staff would do it: the teacher records a signal; the
// aandachtsfunctionaris opens a dossier from it, records the collegial consultation, the support
// team's meeting (its time as the desk offers it), a signed conversation with the parents and a
// weighing, shares a verslag with a parent, who signs it in the portal on a phone, and moves the
// dossier to its decision; the director makes the melding, looks at the dossier's timeline,
// records a time-out and prints its letter, keeps a letter to the parents, ticks an action of the
// actieplan calamiteit and ticks through the protocol after a death; the administrator finds the
// first day's steps and adds a teacher, whom the director confirms and who then opens the
// signals; the board looks at its figures' chart and downloads the workbook. Pictures of the
// timeline and the board's chart go to browser/screenshots. The teacher also reports a suspicion
// about a staff member, which the board finds.
//
// It fails when a role lands anywhere but its workspace, when a page shows one of the app's
// labels in English (a string of translations/nl.csv whose Dutch differs), when the need-to-know
// guard refused a request the desk made, or when a step cannot be done (a field the user cannot
// see, a button that is not there). It saves a screenshot of each step and prints the clicks
// each task took. The teacher's signal carries typed HTML (an image on a listener of the walk's
// own): it fails when any browser or the server's PDF step fetched it. Needs `bench serve` with the demo data (meldcode_app.demo.create_demo_data);
// the board's workbook is made by a background worker, which the walk runs once (BENCH, SITE).
//
//   cd browser && npm install && BASE_URL=http://meldcode.test:8000 node walk.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { chromium } from "playwright-core";

const base = process.env.BASE_URL || "http://meldcode.test:8000";
const password = process.env.DEMO_PASSWORD || "Meldcode-Demo-2026";
const out = process.env.OUT || "screenshots/walk";
const bench = process.env.BENCH || "/work/bench";
const site = process.env.SITE || new URL(base).hostname;
const domain = "demo.meldcode.example";
mkdirSync(out, { recursive: true });
mkdirSync(new URL("./screenshots/", import.meta.url), { recursive: true });

// The app's English strings whose Dutch differs: seeing one on a page is a missed translation.
function csvRows(text) {
	const rows = [];
	let row = [], field = "", quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ",") { row.push(field); field = ""; }
		else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
		else if (c !== "\r") field += c;
	}
	if (field || row.length) { row.push(field); rows.push(row); }
	return rows;
}
const translations = csvRows(readFileSync(new URL("../meldcode_app/translations/nl.csv", import.meta.url), "utf8"));
const dutch = new Set(translations.map(([, nl]) => (nl || "").trim()));
const english = new Set(
	translations
		.filter(([en, nl]) => en && nl && en.trim() !== nl.trim() && !dutch.has(en.trim()) && /[a-z]/.test(en))
		.map(([en]) => en.trim())
);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync"],
});
const problems = [];
const warnings = [];
const pages = [];
const clicks = {};
let task = "";
let shots = 0;

function count(n = 1) {
	clicks[task] = (clicks[task] || 0) + n;
}

async function login(user, workspace) {
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "nl-NL", acceptDownloads: true });
	const page = await context.newPage();
	pages.push(page);
	page.setDefaultTimeout(30000); // generous: CI shares two cores with its own server and worker
	page.on("response", async (response) => {
		if (response.status() !== 403) return;
		const body = await response.text().catch(() => "");
		if (/not available this way|niet beschikbaar/.test(body)) problems.push(`${user}: the guard refused ${response.url()}`);
	});
	page.on("pageerror", (error) => warnings.push(`${user}: Frappe's page script said ${error.message}`));
	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL(/\/app/);
	await page.waitForSelector(".workspace-sidebar-item, .desk-sidebar .sidebar-item-container", { state: "attached" }).catch(() => {});
	await settle(page);
	const landed = new URL(page.url()).pathname;
	if (workspace && landed !== `/app/${workspace}`) problems.push(`${user} landed on ${landed}, not /app/${workspace}`);
	const sidebar = await page.locator(".desk-sidebar .sidebar-item-label").allInnerTexts();
	console.log(`${user} lands on ${landed}; sidebar: ${sidebar.join(", ")}`);
	await look(page, `${user.split("@")[0]}-landing`);
	return page;
}

async function settle(page) {
	await page.waitForLoadState("networkidle").catch(() => {});
	await page.waitForTimeout(800);
}

// Visible leaf texts of the page that are one of the app's English strings.
async function untranslated(page) {
	const texts = await page.evaluate(() => {
		const found = new Set();
		const visible = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
		for (const el of document.querySelectorAll("body *")) {
			if (["SCRIPT", "STYLE", "TEXTAREA", "OPTION", "svg"].includes(el.tagName)) continue;
			if (el.closest(".ql-editor, .like-disabled-input, .static-area, .control-value, .frappe-control[data-fieldtype='Data'] .control-value")) continue;
			const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(" ").trim();
			if (own && visible(el)) found.add(own);
			for (const attr of ["placeholder", "title"]) {
				const v = el.getAttribute(attr);
				if (v && visible(el)) found.add(v.trim());
			}
		}
		return [...found];
	});
	return texts.filter((t) => english.has(t) || english.has(t.replace(/[:*]$/, "").trim()));
}

async function look(page, name) {
	await settle(page);
	const english = await untranslated(page);
	if (english.length) problems.push(`${name}: untranslated ${JSON.stringify(english)}`);
	shots += 1;
	await page.screenshot({ path: `${out}/${String(shots).padStart(2, "0")}-${name}.png` });
}

// The pictures the closing note shows: browser/screenshots/<name>.png.
async function keep(page, locator, name) {
	await locator.screenshot({ path: new URL(`./screenshots/${name}.png`, import.meta.url).pathname });
}

async function click(page, locator) {
	count();
	await locator.first().click();
	await settle(page);
}

const field = (page, name) => page.locator(`.frappe-control[data-fieldname="${name}"]:visible`).first();

async function fill(page, name, value) {
	count();
	const control = field(page, name);
	const input = control.locator("input, textarea").first();
	await input.fill(value);
	await input.dispatchEvent("change");
	await input.evaluate((el) => el.blur());
	await page.waitForTimeout(300);
}

async function editor(page, name, value) {
	count();
	await field(page, name).locator(".ql-editor").fill(value);
}

async function choose(page, name, value) {
	count();
	await field(page, name).locator("select").selectOption(value);
	await page.waitForTimeout(400);
}

async function tick(page, name) {
	count();
	await field(page, name).locator("input[type=checkbox]").first().check();
	await page.waitForTimeout(300);
}

async function link(page, name, text) {
	count(2);
	const input = field(page, name).locator("input").first();
	await input.click();
	await input.fill(""); // a link that starts filled in (a default) is typed over
	await input.pressSequentially(text, { delay: 30 });
	const item = page.locator(".awesomplete:visible [role=option]").first();
	await item.waitFor();
	await item.click();
	await page.waitForTimeout(400);
}

async function row(page, table, values) {
	count();
	const grid = field(page, table);
	const [first] = Object.keys(values);
	// A mandatory table starts with one empty row: fill that one first.
	const empty = await page.evaluate(([t, f]) => (cur_frm.doc[t] || []).findIndex((r) => !r[f]), [table, first]);
	if (empty < 0) await grid.locator(".grid-add-row").click();
	const last = empty < 0 ? grid.locator(".grid-body .grid-row").last() : grid.locator(".grid-body .grid-row").nth(empty);
	for (const [name, value] of Object.entries(values)) {
		count();
		const cell = last.locator(`.grid-static-col[data-fieldname="${name}"]`);
		const input = last.locator(`.frappe-control[data-fieldname="${name}"] input, .frappe-control[data-fieldname="${name}"] textarea, .frappe-control[data-fieldname="${name}"] select`).first();
		await cell.click();
		// On a busy machine the row may open its editors after the click has passed: click again.
		if (!(await input.isVisible().catch(() => false))) {
			await page.waitForTimeout(1000);
			if (!(await input.isVisible().catch(() => false))) await cell.click();
		}
		if ((await input.evaluate((el) => el.tagName)) === "SELECT") await input.selectOption(value);
		else {
			await input.fill("");
			await input.pressSequentially(value, { delay: 20 });
			await page.waitForTimeout(600);
			const item = page.locator(".awesomplete:visible [role=option]").first();
			if (await item.isVisible().catch(() => false)) await item.click();
			else await input.press("Tab");
		}
		await page.waitForTimeout(300);
	}
}

async function save(page) {
	count();
	await page.keyboard.press("Control+s");
	await page.waitForFunction(() => !cur_frm.is_dirty() && !cur_frm.is_new(), null, { timeout: 15000 });
	await settle(page);
}

async function submit(page) {
	await save(page);
	count(2);
	await page.locator(".page-actions .primary-action:visible").click();
	await page.locator(".modal:visible .btn-primary").click();
	await page.waitForFunction(() => cur_frm.doc.docstatus === 1, null, { timeout: 30000 });
	await settle(page);
}

async function action(page, label) {
	count(2);
	await page.getByRole("button", { name: /Acties|Actions/ }).click();
	await page.locator(".dropdown-menu:visible .dropdown-item", { hasText: label }).first().click();
	await page.waitForTimeout(1500);
	const confirm = page.locator(".modal:visible .btn-primary");
	if (await confirm.isVisible().catch(() => false)) await confirm.click();
	await settle(page);
}

async function newRecord(page, label) {
	count(2);
	const group = page.locator('.inner-group-button[data-label="Nieuw"]:visible');
	await group.locator("button").first().click();
	await group.locator(".dropdown-menu .dropdown-item", { hasText: label }).first().click();
	await settle(page);
}

// A record found in its list by the ID filter, as someone given its number would.
async function openFromList(page, name) {
	count();
	await page.locator('.standard-filter-section .frappe-control[data-fieldname="name"] input').fill(name);
	// The list refreshes after the filter is typed: a row clicked before that is replaced unopened
	// (a CI run's director stayed on the list).
	await page.waitForFunction(
		(n) => {
			const rows = [...document.querySelectorAll(".list-row-container")].filter((row) => row.offsetParent);
			return rows.length > 0 && rows.every((row) => row.textContent.includes(n));
		},
		name,
		{ timeout: 30000 }
	);
	await settle(page);
	await click(page, page.locator(".list-row-container", { hasText: name }).locator("a.ellipsis").first());
}

async function onForm(page, doctype) {
	await page.waitForFunction(
		(dt) => window.cur_frm && cur_frm.doctype === dt && !cur_frm.is_new() && location.pathname.includes(frappe.router.slug(dt)),
		doctype,
		{ timeout: 45000 } // a busy machine (two cores, the CI's own server and worker) takes its time
	);
	await settle(page);
}

const state = (page) => page.evaluate(() => cur_frm.doc.workflow_state);
const pupil = `Walk-leerling ${Date.now() % 100000}`;

async function step(name, fn) {
	task = name;
	try {
		await fn();
		console.log(`done: ${name}`);
	} catch (error) {
		problems.push(`${name}: ${error.message.split("\n")[0]}`);
		for (const page of pages) await page.screenshot({ path: `${out}/failed-${name.replace(/\W+/g, "-")}-${pages.indexOf(page)}.png` }).catch(() => {});
	}
}

// The teacher records a signal.
let signal;
// Whatever fetches the typed image tells the listener.
const fetched = [];
const listener = createServer((request, response) => {
	fetched.push(request.url);
	response.writeHead(404);
	response.end();
});
await new Promise((resolve) => listener.listen(0, "127.0.0.1", resolve));
const typedHtml = `<img src="http://127.0.0.1:${listener.address().port}/typed.png">`;

const teacher = await login(`leerkracht@${domain}`, "meldcode");
await step("teacher records a signal", async () => {
	await click(teacher, teacher.locator(".shortcut-widget-box:visible", { hasText: "Meldcode Signaal" }));
	await click(teacher, teacher.locator(".primary-action:visible"));
	await look(teacher, "teacher-new-signal");
	for (const name of ["school", "signal_date", "signal_time"]) {
		const value = await teacher.evaluate((f) => cur_frm.doc[f], name);
		if (!value) problems.push(`a new signal starts without ${name}`);
	}
	await fill(teacher, "pupil_name", pupil);
	await fill(teacher, "location", "Klaslokaal groep 5");
	await fill(teacher, "situation", `Kwam zonder jas en ontbijt op school en zei dat er thuis niemand wakker was. ${typedHtml}`);
	await choose(teacher, "nature", "Fact");
	await save(teacher);
	signal = await teacher.evaluate(() => cur_frm.doc.name);
	await look(teacher, "teacher-signal-saved");
});

// The teacher reports a suspicion about a staff member to the board (write-only).
const letter = (n) => String.fromCharCode(65 + (n % 26));
const staffInitials = `${letter(Date.now())}.${letter(Math.floor(Date.now() / 26))}.${letter(Math.floor(Date.now() / 676))}.`;
await step("teacher reports a suspicion about a staff member", async () => {
	await teacher.goto(`${base}/app/meldcode`);
	await settle(teacher);
	await click(teacher, teacher.locator(".shortcut-widget-box:visible", { hasText: "Vermoeden over een medewerker melden" }));
	await look(teacher, "teacher-staff-report");
	const school = await teacher.locator('input[data-fieldname="school"]').inputValue();
	if (!school) problems.push("the staff report page starts without the teacher's school");
	await choose(teacher, "nature", "Sexual Intimidation");
	await choose(teacher, "accused_function", "Volunteer");
	await fill(teacher, "accused_initials", staffInitials);
	await fill(teacher, "information", "Een leerling vertelde dat een vrijwilliger haar na de gymles aanraakte.");
	await click(teacher, teacher.getByRole("button", { name: "Naar het bestuur sturen" }));
	await teacher.locator(".modal:visible", { hasText: "naar het bestuur gestuurd" }).waitFor();
	await look(teacher, "teacher-staff-report-sent");
});

const af = await login(`af@${domain}`, "meldcode");
let dossier;
await step("aandachtsfunctionaris opens a dossier", async () => {
	await click(af, af.locator(".shortcut-widget-box:visible", { hasText: "Meldcode Signaal" }));
	await openFromList(af, signal);
	await click(af, af.getByRole("button", { name: "Dossier openen" }));
	await onForm(af, "Meldcode Dossier");
	dossier = await af.evaluate(() => cur_frm.doc.name);
	if (await af.locator(".form-sidebar .form-tags:visible").count()) throw new Error("the dossier's sidebar offers labels");
	await look(af, "af-dossier-opened");
});

// Round 81: a list's group-by menu draws the values it groups without a formatter; in case records
// the app draws them as text (a line of a case record holds no markup since round 82, so this is
// for values stored before), and grouping by a value still filters.
await step("a signal list grouped by its location filters by it", async () => {
	await af.evaluate(() => frappe.model.user_settings.save("Meldcode Signal", "group_by_fields", ["location"]));
	await af.goto(`${base}/app/meldcode-signal`);
	await settle(af);
	await click(af, af.locator(".group-by-field a[data-fieldname='location']"));
	await settle(af);
	const shown = await af.locator(".group-by-dropdown .group-by-value").allInnerTexts();
	if (!shown.includes("Klaslokaal groep 5")) problems.push(`the group-by menu showed ${JSON.stringify(shown)}`);
	await click(af, af.locator(".group-by-dropdown .group-by-item", { hasText: "Klaslokaal groep 5" }).first());
	await settle(af);
	const names = await af.evaluate(() => cur_list.data.map((row) => row.name));
	if (!names.includes(signal)) problems.push(`grouping by the location did not find ${signal}: ${names}`);
	await af.evaluate(() => frappe.model.user_settings.save("Meldcode Signal", "group_by_fields", []));
	await look(af, "af-signals-grouped");
	await af.goto(`${base}/app/meldcode-dossier/${dossier}`);
	await onForm(af, "Meldcode Dossier");
});

const dossierUrl = () => `${base}/app/meldcode-dossier/${dossier}`;
async function backToDossier(page) {
	count();
	await page.goBack();
	await onForm(page, "Meldcode Dossier");
	await page.evaluate(() => cur_frm.reload_doc());
	await settle(page);
}

async function backToIncident(page) {
	count();
	await page.goBack();
	await onForm(page, "Safety Incident");
}

async function participants(page) {
	await row(page, "school_participants", { user: `af@${domain}`, part: "Leads" });
	await row(page, "school_participants", { user: `leerkracht@${domain}`, part: "Attends" });
}

await step("aandachtsfunctionaris records the collegial consultation", async () => {
	await action(af, "Collegiale consultatie starten");
	if ((await state(af)) !== "Step 2 Collegial Consultation") throw new Error(`the dossier is at ${await state(af)}`);
	await newRecord(af, "Collegiale consultatie");
	await look(af, "af-new-consultation");
	await participants(af);
	await fill(af, "goal", "De signalen wegen met een collega.");
	await fill(af, "report", "Signalen besproken met de intern begeleider; een gesprek met de ouders is nodig.");
	await submit(af);
	await look(af, "af-consultation-signed");
	await backToDossier(af);
});

await step("aandachtsfunctionaris records the support team's meeting with the time the desk offers", async () => {
	await newRecord(af, "Meldcode Gesprek");
	await choose(af, "conversation_type", "Support Team");
	await look(af, "af-new-support-team");
	await participants(af);
	await fill(af, "goal", "De zorg bespreken in het ondersteuningsteam.");
	await fill(af, "report", "Het ondersteuningsteam bespreekt de signalen en spreekt een vervolg af.");
	const nextWeek = await af.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.get_today(), 7)));
	await fill(af, "next_meeting_date", nextWeek);
	// The time as the desk offers it: its picker's "now", nothing typed.
	count(2);
	await field(af, "next_meeting_time").locator("input").click();
	await af.locator(".datepicker.active").getByText("Nu", { exact: true }).click();
	await fill(af, "next_meeting_attendees", "Intern begeleider en aandachtsfunctionaris");
	const offered = await af.evaluate(() => cur_frm.doc.next_meeting_time);
	if (!offered) throw new Error("the desk offered no time");
	await submit(af);
	await look(af, "af-support-team-signed");
	await backToDossier(af);
});

await step("aandachtsfunctionaris records a signed conversation with the parents", async () => {
	await action(af, "Gesprek plannen");
	if ((await state(af)) !== "Step 3 Conversation") throw new Error(`the dossier is at ${await state(af)}`);
	await newRecord(af, "Gesprek met de ouders");
	await look(af, "af-new-parents-conversation");
	await participants(af);
	await fill(af, "other_participants", "Moeder");
	await fill(af, "goal", "De signalen bespreken en horen hoe de ouders het zien.");
	await fill(af, "report", "De signalen zijn één voor één besproken. Moeder herkent de zorg.");
	await fill(af, "parents_reaction", "Moeder herkent de zorg en wil graag hulp.");
	const inTwoWeeks = await af.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.get_today(), 14)));
	await row(af, "agreements", { agreement: "Moeder neemt contact op met het CJG", owner_name: "Moeder", due_date: inTwoWeeks });
	await fill(af, "next_appointment", `${inTwoWeeks} 15:30:00`);
	await choose(af, "parents_signature", "Voor Gezien");
	await fill(af, "signed_on", await af.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.get_today())));
	await fill(af, "signed_at", "Fantasiedorp");
	await submit(af);
	await look(af, "af-parents-conversation-signed");
	await click(af, af.getByRole("button", { name: "Ondertekende PDF controleren" }));
	await af.locator(".desk-alert", { hasText: "is de PDF die ondertekend is" }).first().waitFor();
	await backToDossier(af);
});

// The parents read and sign a verslag in the portal: the aandachtsfunctionaris shares a follow-up
// conversation with a parent, who signs it "voor akkoord" with their view on a phone, and the
// team sees the signature and the view on the form.
const parentEmail = `ouder@${domain}`;
const parentsView = "Wij herkennen de zorg en werken mee aan de afspraken.";
let shared;
await step("aandachtsfunctionaris shares a verslag with a parent", async () => {
	await newRecord(af, "Gesprek met de ouders");
	await participants(af);
	await fill(af, "other_participants", "Vader");
	await fill(af, "goal", "De afspraken met vader doorlopen.");
	await fill(af, "report", "Vader is bijgepraat over de zorgen en over de afspraken met moeder.");
	await fill(af, "parents_reaction", "Vader wil meedenken.");
	const inTwoWeeks = await af.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.get_today(), 14)));
	await row(af, "agreements", { agreement: "Vader gaat mee naar het CJG", owner_name: "Vader", due_date: inTwoWeeks });
	await fill(af, "next_appointment", `${inTwoWeeks} 16:00:00`);
	await submit(af);
	shared = await af.evaluate(() => cur_frm.doc.name);
	await click(af, af.getByRole("button", { name: "Delen met ouders" }));
	count();
	await af.locator('.modal:visible .frappe-control[data-fieldname="emails"] input').fill(parentEmail);
	await click(af, af.locator(".modal:visible .btn-primary"));
	await af.locator(".desk-alert", { hasText: "Gedeeld" }).first().waitFor();
	await look(af, "af-verslag-shared");
	// The parent would choose a password through the link in the e-mail; the walk sets it.
	execFileSync("bench", ["--site", site, "set-password", parentEmail, password], { cwd: bench, stdio: "ignore", timeout: 120000 });
});

// A parent logs in on a phone-sized window and lands on the portal.
async function portalLogin(user) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nl-NL" });
	const page = await context.newPage();
	pages.push(page);
	page.setDefaultTimeout(30000); // generous: CI shares two cores with its own server and worker
	page.on("pageerror", (error) => warnings.push(`${user}: Frappe's page script said ${error.message}`));
	await page.goto(`${base}/login?redirect-to=/meldcode-ouders`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL(/\/meldcode-ouders/);
	await settle(page);
	return page;
}

await step("the parent signs the verslag voor akkoord on a phone", async () => {
	const parent = await portalLogin(parentEmail);
	await look(parent, "parent-portal");
	await click(parent, parent.locator(`a.mc-card[href*="${shared}"]`));
	await parent.waitForURL(/verslag\?verslag=/);
	await look(parent, "parent-verslag");
	count(2);
	await parent.locator('#mc-sign input[value="Voor Akkoord"]').check();
	await parent.locator('#mc-sign textarea[name="view"]').fill(parentsView);
	await click(parent, parent.locator("#mc-sign button[type=submit]"));
	await parent.locator(".mc-notice", { hasText: "Ondertekend voor akkoord" }).waitFor({ timeout: 20000 });
	await look(parent, "parent-signed");
});

await step("the team sees the parent's signature on the form", async () => {
	await af.goto(`${base}/app/meldcode-conversation/${shared}`);
	await onForm(af, "Meldcode Conversation");
	const signed = await af.evaluate(() => ({
		signature: cur_frm.doc.parents_signature,
		by: cur_frm.doc.parent_signed_by || "",
		views: cur_frm.doc.addenda.map((a) => a.text).join(" "),
	}));
	if (signed.signature !== "Voor Akkoord" || !signed.by.includes(parentEmail) || !signed.views.includes(parentsView))
		throw new Error(`the form shows ${JSON.stringify(signed)}`);
	await field(af, "parent_signed_by").waitFor();
	await look(af, "af-sees-parent-signature");
	await af.goto(dossierUrl());
	await onForm(af, "Meldcode Dossier");
});

await step("aandachtsfunctionaris weighs and moves the dossier to its decision", async () => {
	await action(af, "Wegen starten");
	if ((await state(af)) !== "Step 4 Weighing") throw new Error(`the dossier is at ${await state(af)}`);
	await newRecord(af, "Meldcode Weging");
	await look(af, "af-new-weighing");
	await fill(af, "participants", "Aandachtsfunctionaris en directeur");
	await choose(af, "q1_suspicion", "Yes");
	await fill(af, "q1_rationale", "De signalen en het gesprek wijzen op een vermoeden.");
	await fill(af, "board_informed_on", await af.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.get_today())));
	await link(af, "board_informed_by", "directeur");
	await choose(af, "q2_unsafe", "No");
	await fill(af, "q2_rationale", "Geen acute of structurele onveiligheid.");
	await choose(af, "q3_help_possible", "No");
	await fill(af, "q3_rationale", "De school kan de hulp niet zelf organiseren.");
	await submit(af);
	await look(af, "af-weighing-signed");
	await backToDossier(af);
	await action(af, "Besluiten");
	if ((await state(af)) !== "Step 5 Deciding") throw new Error(`the dossier is at ${await state(af)}`);
	await look(af, "af-dossier-at-decision");
});

const director = await login(`directeur@${domain}`, "meldcode");
await step("director makes the melding", async () => {
	await click(director, director.locator(".shortcut-widget-box:visible", { hasText: "Meldcode Dossier" }));
	await openFromList(director, dossier);
	await onForm(director, "Meldcode Dossier");
	await newRecord(director, "Melding bij Veilig Thuis");
	await look(director, "director-new-melding");
	await fill(director, "contact_datetime", await director.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.now_datetime())));
	await choose(director, "mode", "By Phone");
	await choose(director, "parents_informed", "Yes");
	await fill(director, "parents_informed_on", await director.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.get_today())));
	await fill(director, "parents_informed_by", "Aandachtsfunctionaris en directeur");
	await fill(director, "parents_reaction", "Moeder begrijpt de melding.");
	await row(director, "facts", { fact: "Kwam drie keer zonder ontbijt", source: "Eigen waarneming leerkracht" });
	await submit(director);
	await look(director, "director-melding-signed");
	await backToDossier(director);
	await action(director, "Melden bij Veilig Thuis");
	if ((await state(director)) !== "Reported to Veilig Thuis") throw new Error(`the dossier is at ${await state(director)}`);
	await look(director, "director-dossier-reported");
});

// The dossier as one picture: the director sees the case on its time axis, each dot a record.
await step("director looks at the dossier's timeline", async () => {
	const started = Date.now();
	await director.goto(dossierUrl());
	await onForm(director, "Meldcode Dossier");
	const picture = director.locator(".meldcode-timeline:visible");
	await picture.waitFor();
	console.log(`the dossier's timeline was drawn ${Date.now() - started} ms after opening the dossier`);
	const dots = await picture.locator("a").count();
	if (dots < 5) throw new Error(`the timeline shows ${dots} records and terms`);
	await picture.scrollIntoViewIfNeeded();
	await look(director, "director-dossier-timeline");
	await keep(director, picture, "timeline");
	count();
	await picture.locator("a[href*='/app/veilig-thuis-contact/']").first().click();
	await onForm(director, "Veilig Thuis Contact");
	await backToDossier(director);
});

// A print format chosen in Frappe's print view, as a director would before sending a letter;
// returns the text of its preview.
async function printed(page, format) {
	count();
	await page.keyboard.press("Control+p");
	await page.waitForURL(/\/app\/print\//);
	await settle(page);
	await link(page, "print_format", format);
	const preview = page.frameLocator("iframe.print-format-container").locator("body");
	await page.waitForFunction(
		(f) => document.querySelector(".print-preview-sidebar input[data-fieldname='print_format']")?.value === f,
		format
	);
	await settle(page);
	return preview.innerText();
}

// The director records a time-out (seed 003, Protocol schorsen en verwijderen) and prints the
// letter that confirms it to the parents.
await step("director records a time-out and prints the letter to the parents", async () => {
	await director.goto(`${base}/app/meldcode`);
	await settle(director);
	await click(director, director.locator(".link-item:visible", { hasText: "Time-out, schorsing" }));
	await click(director, director.locator(".primary-action:visible"));
	await look(director, "director-new-time-out");
	await choose(director, "measure", "Time-Out");
	for (const name of ["school", "start_date"]) {
		if (!(await director.evaluate((f) => cur_frm.doc[f], name))) problems.push(`a new measure starts without ${name}`);
	}
	await fill(director, "pupil_name", pupil);
	await fill(director, "reasons", "Sloeg een klasgenoot en bleef na twee waarschuwingen agressief.");
	await tick(director, "director_approved");
	await fill(director, "parents_told_at", await director.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.now_datetime())));
	await save(director);
	await look(director, "director-time-out-saved");
	const text = await printed(director, "Brief Time-out");
	for (const words of ["Aan: de ouders/verzorgers van", "time-out", pupil]) {
		if (!text.includes(words)) throw new Error(`the letter about the time-out does not say "${words}"`);
	}
	await look(director, "director-time-out-letter");
});

// After the demo's serious incident the director fills in the letter to the parents of the group
// involved and keeps it as sent.
await step("director keeps the letter to the parents of the group", async () => {
	await director.goto(`${base}/app/meldcode`);
	await settle(director);
	await click(director, director.locator(".shortcut-widget-box:visible", { hasText: "Incident sociale veiligheid" }));
	// The incident's number, as the director would have it from the ToDo or the team.
	const incident = await director.evaluate(async () => (await frappe.db.get_list("Safety Incident", { filters: { calamity: 1 }, limit: 1 }))[0]?.name);
	if (!incident) throw new Error("the director finds no serious incident with an actieplan calamiteit");
	await openFromList(director, incident);
	await onForm(director, "Safety Incident");
	await click(director, director.locator(".section-head:visible", { hasText: "Brieven aan ouders" }));
	await fill(director, "letter_group", "6");
	await fill(director, "letter_situation", "twee");
	await save(director);
	const text = await printed(director, "Ouderbrief Betrokken Groep");
	if (!text.includes("groep 6")) throw new Error("the letter to the parents does not name the group");
	await look(director, "director-parents-letter");
	await backToIncident(director);
	await click(director, director.getByRole("button", { name: "Verstuurde brief bewaren" }));
	await director.locator(".modal:visible select").selectOption("Ouderbrief Betrokken Groep");
	count();
	await click(director, director.locator(".modal:visible .btn-primary"));
	await director.locator(".desk-alert", { hasText: "bij het incident bewaard" }).first().waitFor();
	await director.locator(".form-attachments .attachment-row", { hasText: "ouderbrief_betrokken_groep" }).first().waitFor();
	await look(director, "director-letter-kept");
});

// The incident's actieplan calamiteit is a run of the protocol: the director ticks an action.
await step("director ticks an action of the actieplan calamiteit", async () => {
	const incident = await director.evaluate(async () => (await frappe.db.get_list("Safety Incident", { filters: { calamity: 1 }, limit: 1 }))[0]?.name);
	await director.goto(`${base}/app/safety-incident/${incident}`);
	await onForm(director, "Safety Incident");
	await click(director, director.locator(".page-actions button:visible", { hasText: "Protocoluitvoeringen" }));
	await click(director, director.locator(".list-row-container a.ellipsis").first());
	await onForm(director, "Meldcode Protocol Run");
	const open = await tickNext(director);
	const ticked = await director.evaluate((i) => cur_frm.doc.steps[i], open);
	if (!ticked.done || !ticked.done_by || !ticked.done_on) throw new Error("the ticked action does not say who ticked it and when");
	const shown = await field(director, "steps").locator(".grid-body .grid-row").nth(open).locator('.grid-static-col[data-fieldname="done_by_name"]').innerText();
	if (!shown.trim() || shown.includes("@")) throw new Error(`the checklist shows who ticked as "${shown}", not by name`);
	await look(director, "director-calamity-ticked");
});

// Tick the first open step of a protocol run's grid and save; returns its index.
async function tickNext(page) {
	const open = await page.evaluate(() => cur_frm.doc.steps.findIndex((r) => !r.done));
	if (open < 0) throw new Error("every step of the protocol is ticked already");
	count();
	const item = field(page, "steps").locator(".grid-body .grid-row").nth(open);
	await item.locator('.grid-static-col[data-fieldname="done"]').click();
	await item.locator('.frappe-control[data-fieldname="done"] input[type=checkbox]').check();
	await save(page);
	return open;
}

// A death in the school community: the director starts "Omgaan met overlijden en rouw" and ticks
// through its eight steps and the sleuteltrio's actions a-g.
await step("director ticks through the protocol after a death", async () => {
	await director.goto(`${base}/app/meldcode`);
	await settle(director);
	await click(director, director.locator(".shortcut-widget-box:visible", { hasText: "protocoluitvoering" }));
	await click(director, director.locator(".page-actions .primary-action:visible"));
	await director.waitForFunction(() => window.cur_frm?.doctype === "Meldcode Protocol Run" && cur_frm.is_new(), null, { timeout: 20000 });
	count(2);
	const protocol = field(director, "protocol").locator("input").first();
	await protocol.click();
	await protocol.pressSequentially("overlijden", { delay: 30 });
	await director.locator(".awesomplete:visible [role=option]", { hasText: "Omgaan met overlijden en rouw" }).first().click();
	await director.waitForTimeout(400);
	await fill(director, "description", "Overlijden van een ouder van een leerling uit groep 5 (demo).");
	await save(director);
	const steps = await director.evaluate(() => cur_frm.doc.steps.length);
	if (steps !== 14) throw new Error(`the protocol has ${steps} steps, not the eight steps with the sleuteltrio's a-g`);
	for (let n = 0; n < steps; n += 1) await tickNext(director);
	const status = await director.evaluate(() => cur_frm.doc.status);
	if (status !== "Finished") throw new Error(`the run is ${status} after every step was ticked`);
	await look(director, "director-protocol-death-finished");
});

// The administrator finds the first day's steps on the workspace and opens the routes from them.
const admin = await login(`beheer@${domain}`, "meldcode");
await step("administrator opens the route from the first day's steps", async () => {
	const guide = admin.locator(".onboarding-widget-box:visible");
	await guide.waitFor();
	if (!(await guide.innerText()).includes("De eerste dag van een school")) throw new Error("the first day's steps are not on the workspace");
	await click(admin, guide.locator(".onboarding-step", { hasText: "route van de school" }));
	await click(admin, guide.getByRole("button", { name: "Routes openen" }));
	await admin.waitForURL(/meldcode-route/);
	await look(admin, "admin-routes");
});

// Four eyes: the administrator adds a teacher, the director confirms, the teacher then starts.
const newTeacher = `nieuw@${domain}`;
await step("administrator adds a teacher to the school's staff", async () => {
	await admin.goto(`${base}/app/meldcode-school/00ZZ`);
	await onForm(admin, "Meldcode School");
	const staff = field(admin, "staff");
	const earlier = await admin.evaluate((user) => cur_frm.doc.staff.findIndex((r) => r.user === user), newTeacher);
	if (earlier >= 0) {
		// A walk before added them: take them off first (access ends at once), then add again.
		count(2);
		await staff.locator(".grid-body .grid-row").nth(earlier).locator(".grid-row-check").check();
		await staff.locator(".grid-remove-rows").click();
		await save(admin);
	}
	await row(admin, "staff", { user: newTeacher, function: "Teacher" });
	await admin.locator(".title-text:visible").first().click(); // leave the grid before saving
	await save(admin);
	await look(admin, "admin-adds-teacher");
});

await step("director confirms the new teacher's access from the Meldcode workspace", async () => {
	await director.goto(`${base}/app/meldcode`);
	await settle(director);
	const card = director.locator(".number-widget-box:visible", { hasText: "Toegang die op mijn besluit wacht" });
	await card.waitFor();
	await look(director, "director-grant-awaiting");
	await click(director, director.locator(".shortcut-widget-box:visible", { hasText: /toegangsverlening/i }));
	await settle(director);
	await click(director, director.locator(".list-row-container", { hasText: "Nieuwe leerkracht" }).locator("a.ellipsis").first());
	await onForm(director, "Meldcode Access Grant");
	await click(director, director.getByRole("button", { name: "Bevestigen" }));
	await click(director, director.locator(".modal:visible .btn-primary"));
	await director.waitForFunction(() => cur_frm.doc.status === "Active", null, { timeout: 15000 });
	await look(director, "director-grant-confirmed");
});

const started = await login(newTeacher, "meldcode");
await step("the new teacher opens the school's list of signals", async () => {
	await click(started, started.locator(".shortcut-widget-box:visible", { hasText: "Meldcode Signaal" }));
	await started.waitForURL(/meldcode-signal/);
	await settle(started);
	await look(started, "new-teacher-signals");
});

const board = await login(`bestuur@${domain}`, "meldcode-board");
await step("board downloads the workbook", async () => {
	await click(board, board.locator(".shortcut-widget-box:visible, .link-item:visible", { hasText: "Cijfers" }));
	await look(board, "board-figures");
	const chart = board.locator(".chart-wrapper:visible, .report-chart:visible, .chart-container:visible").first();
	if (await chart.count()) await keep(board, chart, "board-figures-chart");
	else warnings.push("the board's figures of the demo are too small to draw: no chart");
	await click(board, board.getByRole("button", { name: "Werkboek downloaden" }));
	try {
		execFileSync("bench", ["--site", site, "worker", "--queue", "long", "--burst"], { cwd: bench, stdio: "ignore", timeout: 300000 });
	} catch (error) {
		throw new Error(`the background worker did not run: ${error.message}`);
	}
	await board.reload(); // no socket.io here: the dropdown shows the new notification after a reload
	await board.waitForTimeout(2000);
	await click(board, board.locator(".notifications-icon, [data-original-title='Notifications'], .dropdown-notifications > a"));
	const download = board.waitForEvent("download", { timeout: 30000 }).catch((error) => error);
	await click(board, board.locator(".notification-item, .recent-item", { hasText: /werkboek|workbook|xlsx/i }));
	const file = await download;
	if (file instanceof Error) throw file;
	const path = `${out}/${file.suggestedFilename()}`;
	await file.saveAs(path);
	console.log(`the board's workbook: ${path}`);
	await look(board, "board-workbook-downloaded");
});

await step("board finds the suspicion about a staff member", async () => {
	await board.goto(`${base}/app/meldcode-board`);
	await settle(board);
	await click(board, board.locator(".link-item:visible", { hasText: "Melding misbruik door medewerker" }));
	await click(board, board.locator(".list-row-container a.ellipsis").first()); // the newest first
	await onForm(board, "Meldcode Staff Report");
	const initials = await board.evaluate(() => cur_frm.doc.accused_initials);
	if (initials !== staffInitials) throw new Error(`the newest report names ${initials}, not ${staffInitials}`);
	await look(board, "board-staff-report");
});

// Someone who never uses the meldcode writes and searches words about an incident: never refused.
const office = await login(`administratie@${domain}`, null);
await step("the office saves and searches a note about a safety incident", async () => {
	await office.goto(`${base}/app/todo/new`);
	await settle(office);
	count();
	await field(office, "description").locator(".ql-editor:visible").first().click();
	await office.keyboard.type("Minor safety incident during gym class; Veilig Thuis contact opgenomen door de ouders.");
	await office.waitForTimeout(1000); // the editor hands its text to the form after a pause
	await link(office, "allocated_to", `administratie@${domain}`); // Frappe's ToDo: one's own, or a manager's
	await save(office);
	count(2);
	await office.locator("#navbar-search").fill("safety incident");
	await office.keyboard.press("Enter");
	await settle(office);
	await look(office, "office-todo-and-search");
});

// Round 80: Frappe puts some route parts into the page as HTML; a link to such an address (in a
// note or a mail) ran a script with the session of whoever clicked it. It opens the home instead;
// an ordinary address of the same kind opens as it is.
await step("a desk address holding markup opens the home and runs nothing", async () => {
	const planted = encodeURIComponent(`<img src=x onerror="window.meldcodeRan=1">`);
	for (const path of [`/app/dashboard-view/${planted}`, `/app/todo/view/calendar/${planted}`, `/app/Form/${planted}`]) {
		await teacher.goto(`${base}${path}`);
		await settle(teacher);
		if (await teacher.evaluate(() => window.meldcodeRan)) problems.push(`${path} ran a script`);
		if (new URL(teacher.url()).pathname.includes("%3C")) problems.push(`${path} stayed open`);
	}
	await teacher.goto(`${base}/app/todo/view/calendar/default`);
	await settle(teacher);
	if (!teacher.url().endsWith("/app/todo/view/calendar/default")) problems.push("an ordinary calendar address moved");
	// Round 81: a new record's values from the link that opened it are drawn as HTML.
	for (const field of ["description", "assigned_by_full_name"]) {
		await teacher.goto(`${base}/app/todo/new?${field}=${planted}`);
		await settle(teacher);
		if (await teacher.evaluate(() => window.meldcodeRan)) problems.push(`a new ToDo's ${field} from its link ran a script`);
	}
	await teacher.goto(`${base}/app/todo/new?description=Bel%20de%20ouders`);
	await settle(teacher);
	if ((await teacher.evaluate(() => cur_frm.doc.description)) !== "Bel de ouders") problems.push("a new ToDo lost its plain value from its link");
});

await browser.close();
listener.close();
if (fetched.length) problems.push(`typed HTML made a browser or the server fetch: ${fetched.join(", ")}`);
for (const [name, n] of Object.entries(clicks)) console.log(`${name}: ${n} clicks and entries`);
if (warnings.length) console.log(`\nwarnings (not failures):\n${warnings.join("\n")}`);
if (problems.length) {
	console.error(`\n${problems.length} problem(s):\n${problems.join("\n")}`);
	process.exit(1);
}
console.log("every role landed on its workspace, every step was done in Dutch, nothing was refused");
