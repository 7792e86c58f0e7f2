// Browser journeys against a running platform (deploy/local/up): Playwright (playwright-core) drives
// Debian's Chromium; nothing downloads a browser. axe-core checks every page; every page is screenshotted.
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { mkdirSync } from "node:fs";

const BASE = process.env.SHOP_URL ?? "http://localhost:8080";
const MAIL = process.env.GREENMAIL_API ?? "http://localhost:8086";
const SHOTS = process.env.SCREENSHOTS ?? "target/screenshots";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
mkdirSync(SHOTS, { recursive: true });

const violations = [];
const failures = [];
let shot = 0;

async function check(page, name) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: `${SHOTS}/${String(++shot).padStart(2, "0")}-${name}.png`, fullPage: true });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) violations.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  console.log(`  page ${name}: ${bad.length} serious/critical axe violations`);
}

async function login(page, username) {
  await page.getByRole("button", { name: "Log in" }).first().click();
  await page.waitForURL(/\/realms\/shop\/protocol\/openid-connect\/auth/); // Keycloak's own login page
  await page.fill("#username", username);
  await page.fill("#password", username); // the dev realm's demo password (README); typed into Keycloak's page, not ours
  await page.click("#kc-login");
  await page.waitForURL((url) => url.href.startsWith(BASE));
  await page.getByRole("link", { name: username, exact: true }).waitFor();
}

async function api(page, path, init = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const { token } = JSON.parse(sessionStorage.getItem("shop.tokens") ?? "{}");
      const r = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), Authorization: `Bearer ${token}` } });
      return { status: r.status, body: r.headers.get("content-type")?.includes("json") ? await r.json() : null };
    },
    { path, init },
  );
}

async function step(name, fn) {
  const t0 = Date.now();
  console.log(`journey: ${name}`);
  try {
    await fn();
    console.log(`journey: ${name} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
    console.error(`journey: ${name} FAILED: ${e.stack}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
const context = async (width = 1280) => {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  ctx.setDefaultTimeout(30_000);
  return ctx;
};

const stamp = Date.now().toString(36);
const productName = `E2E lamp ${stamp}`;
let orderId = null;
let traceHref = null;

await step("admin creates a product and adjusts its stock", async () => {
  const page = await (await context()).newPage();
  await page.goto(`${BASE}/#/`);
  await login(page, "admin");
  await page.goto(`${BASE}/#/admin/products`);
  await page.getByText("New product").click();
  const form = page.getByRole("form", { name: "New product" });
  await form.getByLabel("SKU").fill(`E2E-${stamp}`);
  await form.getByLabel("Name").fill(productName);
  await form.getByLabel("Description").fill("A lamp made by the browser journey");
  await form.getByLabel("Price").fill("42.50");
  await form.getByLabel("Currency").fill("ETB");
  await form.getByLabel("Initial stock").fill("5");
  await form.getByRole("button", { name: "Create product" }).click();
  await form.getByRole("status").filter({ hasText: "Product created." }).waitFor();
  await check(page, "admin-products");
  await page.getByRole("button", { name: `Manage ${productName}` }).click();
  const stock = page.getByRole("form", { name: `Stock of ${productName}` });
  await stock.getByText("available 5").waitFor();
  await stock.getByLabel(/Change/).fill("3");
  await stock.getByLabel("Reason").fill("delivery");
  await stock.getByRole("button", { name: "Adjust stock" }).click();
  await stock.getByText("On hand 8, reserved 0, available 8").waitFor();
  await check(page, "admin-product-manage");
  for (const [path, name] of [["#/admin/dead-letters", "admin-dead-letters"], ["#/admin/blocklist", "admin-blocklist"]]) {
    await page.goto(`${BASE}/${path}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await check(page, name);
  }
  await page.context().close();
});

await step("alice searches, buys, sees CONFIRMED arrive live and gets the e-mail", async () => {
  const page = await (await context()).newPage();
  await page.goto(`${BASE}/#/`);
  await page.getByRole("heading", { name: "Newest products" }).waitFor();
  await check(page, "home");
  await login(page, "alice");
  const mailBefore = await fetch(`${MAIL}/api/user/alice@prodev.shop/messages/INBOX`).then((r) => (r.ok ? r.json() : [])).catch(() => []);
  const ordersBefore = (await api(page, "/api/v1/orders?size=1")).body.totalElements;
  await page.getByRole("link", { name: "Search" }).click();
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill(`"${productName}"`);
  await page.getByLabel("Sort").selectOption("price,asc");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: productName }).waitFor();
  await check(page, "search");
  await page.getByRole("link", { name: productName }).click();
  await page.getByText("In stock: 8 available").waitFor();
  await check(page, "product");
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("link", { name: "Cart (2)" }).click();
  await page.getByRole("button", { name: "Place order" }).waitFor();
  await check(page, "cart");
  await page.getByRole("button", { name: "Place order" }).dblclick(); // a double click places one order
  await page.waitForURL(/#\/orders\/[0-9a-f-]{36}/);
  orderId = page.url().split("/").pop();
  await page.locator("#order-status").filter({ hasText: "CONFIRMED" }).waitFor({ timeout: 90_000 });
  expect(await page.getByText("· live").count(), "the live stream was not connected");
  await check(page, "order-confirmed");
  traceHref = await page.locator("a.trace-link").getAttribute("href");
  expect(/\/zipkin\/traces\/[0-9a-f]{16,32}$/.test(traceHref ?? ""), `no trace link on the order page: ${traceHref}`);
  const ordersAfter = (await api(page, "/api/v1/orders?size=1")).body.totalElements;
  expect(ordersAfter === ordersBefore + 1, `a double click placed ${ordersAfter - ordersBefore} orders`);
  let mail = [];
  for (let i = 0; i < 30 && mail.length <= mailBefore.length; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    mail = await fetch(`${MAIL}/api/user/alice@prodev.shop/messages/INBOX`).then((r) => r.json());
  }
  const text = JSON.stringify(mail.slice(mailBefore.length));
  expect(mail.length > mailBefore.length, "no new e-mail for alice in GreenMail");
  expect(/confirm/i.test(text), `the new e-mail is not the confirmation: ${text.slice(0, 300)}`);
  await page.getByRole("link", { name: "My orders" }).click();
  await page.getByRole("link", { name: orderId.slice(0, 8) }).waitFor();
  await check(page, "my-orders");
  await page.getByRole("link", { name: /Notifications/ }).click();
  await page.getByText(/unread/).first().waitFor();
  await check(page, "notifications");
  await page.getByRole("link", { name: "alice", exact: true }).click();
  await page.getByRole("heading", { name: "Delete my account" }).waitFor();
  await check(page, "account");
  // a phone's width
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${BASE}/#/orders/${orderId}`);
  await page.locator("#order-status").waitFor();
  await check(page, "order-phone");
  await page.context().close();
});

await step("admin refunds alice's order", async () => {
  expect(orderId, "no order from alice's journey");
  const page = await (await context()).newPage();
  await page.goto(`${BASE}/#/`);
  await login(page, "admin");
  await page.goto(`${BASE}/#/admin/orders`);
  await page.getByLabel("Status").selectOption("CONFIRMED");
  const refund = page.getByRole("button", { name: `Refund order ${orderId.slice(0, 8)}` });
  await refund.waitFor();
  await check(page, "admin-orders");
  await refund.click();
  await page.getByRole("status").filter({ hasText: `Refund of order ${orderId.slice(0, 8)} accepted.` }).waitFor();
  const payment = await api(page, `/api/v1/payments/${orderId}`);
  expect(/REFUND/.test(payment.body?.status ?? ""), `payment after refund: ${JSON.stringify(payment.body)}`);
  await page.context().close();
});

await step("SRE reads the status page and opens the order's trace in Zipkin", async () => {
  expect(traceHref, "no trace link from alice's journey");
  const page = await (await context()).newPage();
  await page.goto(`${BASE}/#/`);
  await login(page, "sre");
  await page.getByRole("link", { name: "Status" }).click();
  await page.getByRole("rowheader", { name: "order-service" }).waitFor();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "order-service" }) });
  await row.getByText("UP").waitFor();
  await check(page, "sre-status");
  await page.goto(traceHref);
  await page.getByText(/gateway/i).first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/${String(++shot).padStart(2, "0")}-zipkin-trace.png`, fullPage: true });
  const traceId = traceHref.split("/").pop();
  const spans = await fetch(`http://localhost:9411/api/v2/trace/${traceId}`).then((r) => r.json());
  const services = new Set(spans.map((s) => s.localEndpoint?.serviceName));
  expect(services.has("gateway") && services.has("order-service"), `trace ${traceId} has ${[...services]}`);
  await page.context().close();
});

await browser.close();
for (const v of violations) console.error(`axe: ${v}`);
for (const f of failures) console.error(`failed: ${f}`);
console.log(`journeys: ${failures.length} failed, ${violations.length} serious/critical axe violations, ${shot} screenshots in ${SHOTS}`);
process.exit(failures.length || violations.length ? 1 : 0);
