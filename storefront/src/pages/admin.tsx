import { useState } from "preact/hooks";
import { catalog, orders, payments, gateway, ok, type Product, type ProductRequest, type Category, type OrderSummary, type DeadLetter, type BlockEntry as Entry } from "../api/client";
import { ProblemError, toProblem } from "../api/problem";
import { accessToken } from "../auth";
import { OrderTable } from "./shop";
import { Done, ErrorMessage, Loading, Page, price, useAction, useLoad, when } from "../ui";

type ProductPage = { items?: Product[]; totalItems?: number };

const EMPTY = { sku: "", name: "", description: "", categoryId: "", amount: "", currency: "ETB", imageUrls: "", initialStock: "0" };

function ProductForm({ product, categories, onSaved }: { product?: Product; categories: Category[]; onSaved: (p: Product) => void }) {
  const [f, setF] = useState(
    product
      ? {
          sku: product.sku ?? "",
          name: product.name ?? "",
          description: product.description ?? "",
          categoryId: product.categoryId ?? "",
          amount: String(product.price?.amount ?? ""),
          currency: product.price?.currency ?? "ETB",
          imageUrls: (product.imageUrls ?? []).join("\n"),
          initialStock: "0",
        }
      : EMPTY,
  );
  const action = useAction();
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const id = product?.id ?? "new";
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const body: ProductRequest = {
        sku: f.sku || undefined,
        name: f.name,
        description: f.description || undefined,
        categoryId: f.categoryId || undefined,
        price: { amount: Number(f.amount), currency: f.currency },
        imageUrls: f.imageUrls.split(/\s+/).filter(Boolean),
        initialStock: product ? undefined : Number(f.initialStock),
      } as ProductRequest;
      const saved = product
        ? await ok<Product>(
            catalog.PUT("/api/v1/products/{id}", {
              params: { path: { id: product.id! }, header: { "If-Match": `"${product.version}"` } },
              body,
            } as never) as never,
          )
        : await ok<Product>(catalog.POST("/api/v1/products", { body }) as never);
      onSaved(saved);
      if (!product) setF(EMPTY);
    }, product ? "Saved." : "Product created.");
  };
  return (
    <form onSubmit={submit} class="stack" aria-label={product ? `Edit ${product.name}` : "New product"}>
      {!product && (
        <label>
          SKU <input name="sku" required value={f.sku} onInput={set("sku")} />
        </label>
      )}
      <label>
        Name <input name="name" required value={f.name} onInput={set("name")} />
      </label>
      <label>
        Description <textarea name="description" value={f.description} onInput={set("description")} />
      </label>
      <label>
        Category
        <select name="categoryId" value={f.categoryId} onChange={set("categoryId")}>
          <option value="">(none)</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Price <input name="amount" type="number" min="0" step="0.01" required value={f.amount} onInput={set("amount")} />
      </label>
      <label>
        Currency <input name="currency" required pattern="[A-Z]{3}" value={f.currency} onInput={set("currency")} />
      </label>
      <label>
        Image URLs (one per line) <textarea name="imageUrls" value={f.imageUrls} onInput={set("imageUrls")} />
      </label>
      {!product && (
        <label>
          Initial stock <input name="initialStock" type="number" min="0" value={f.initialStock} onInput={set("initialStock")} />
        </label>
      )}
      <button type="submit" disabled={action.busy}>
        {product ? "Save" : "Create product"}
      </button>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

function StockForm({ product }: { product: Product }) {
  const stock = useLoad(
    () => ok<{ onHand?: number; reserved?: number; available?: number }>(
      catalog.GET("/api/v1/products/{productId}/stock", { params: { path: { productId: product.id! } } }) as never,
    ),
    [product.id],
  );
  const [delta, setDelta] = useState("");
  const [reason, setReason] = useState("");
  const action = useAction();
  return (
    <form
      class="stack"
      aria-label={`Stock of ${product.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          const level = await ok(
            catalog.POST("/api/v1/products/{productId}/stock/adjustments", {
              params: { path: { productId: product.id! } },
              body: { delta: Number(delta), reason },
            }) as never,
          );
          stock.setData(level as never);
          setDelta("");
        }, "Stock adjusted.");
      }}
    >
      <p role="status" class="stock-level">
        {stock.data ? `On hand ${stock.data.onHand}, reserved ${stock.data.reserved}, available ${stock.data.available}` : ""}
      </p>
      <label>
        Change (+ delivery, − breakage) <input name="delta" type="number" required value={delta} onInput={(e) => setDelta((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Reason <input name="reason" required value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" disabled={action.busy}>
        Adjust stock
      </button>
      <ErrorMessage error={action.error ?? stock.error} />
      <Done message={action.done} />
    </form>
  );
}

export function AdminProducts() {
  const [status, setStatus] = useState("");
  const list = useLoad(
    () =>
      ok<ProductPage>(
        catalog.GET("/api/v1/products", { params: { query: { size: 50, ...(status ? { status } : {}) } as never } }) as never,
      ),
    [status],
  );
  const cats = useLoad(() => ok<Category[]>(catalog.GET("/api/v1/categories") as never), []);
  const [open, setOpen] = useState<string | null>(null);
  const action = useAction();
  return (
    <Page title="Products (admin)">
      <details>
        <summary>New product</summary>
        <ProductForm categories={cats.data ?? []} onSaved={() => void list.reload()} />
      </details>
      <label>
        Status
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">all</option>
          <option value="ACTIVE">active</option>
          <option value="DISCONTINUED">discontinued</option>
        </select>
      </label>
      <ErrorMessage error={list.error ?? action.error} />
      <Loading loading={list.loading} />
      <ul class="admin-list">
        {(list.data?.items ?? []).map((p) => (
          <li key={p.id}>
            <h2>
              {p.name} <small>({p.sku}, {price(p.price)}, {p.status})</small>
            </h2>
            <button type="button" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id!)}>
              Manage<span class="sr-only"> {p.name}</span>
            </button>
            {p.status === "ACTIVE" && (
              <button
                type="button"
                class="danger"
                disabled={action.busy}
                onClick={() =>
                  action.run(async () => {
                    await catalog.POST("/api/v1/products/{id}/discontinue", { params: { path: { id: p.id! } } } as never);
                    await list.reload();
                  })
                }
              >
                Discontinue<span class="sr-only"> {p.name}</span>
              </button>
            )}
            {open === p.id && (
              <div class="manage">
                <ProductForm product={p} categories={cats.data ?? []} onSaved={() => void list.reload()} />
                <StockForm product={p} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}

const STATUSES = ["", "PENDING", "STOCK_RESERVED", "PAID", "CONFIRMED", "CANCELLED"];

export function AdminOrders() {
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(0);
  const list = useLoad(
    () =>
      ok<{ content?: OrderSummary[]; totalPages?: number }>(
        orders.GET("/api/v1/orders", { params: { query: { all: true, page, size: 50 } } }) as never,
      ),
    [page],
  );
  const action = useAction();
  // the API filters by owner only; the status filter narrows the page shown
  const rows = (list.data?.content ?? []).filter((o) => !status || o.status === status);
  return (
    <Page title="All orders (admin)">
      <label>
        Status
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s || "all"}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={list.error ?? action.error} />
      <Done message={action.done} />
      <Loading loading={list.loading} />
      <OrderTable
        rows={rows}
        actions={(o) =>
          o.status === "CONFIRMED" ? (
            <button
              type="button"
              disabled={action.busy}
              onClick={() =>
                action.run(async () => {
                  await payments.POST("/api/v1/payments/{orderId}/refund", {
                    params: { path: { orderId: o.id! } },
                    body: { reason: "refunded from the admin console" },
                  } as never);
                  await list.reload();
                }, `Refund of order ${o.id?.slice(0, 8)} accepted.`)
              }
            >
              Refund<span class="sr-only"> order {o.id?.slice(0, 8)}</span>
            </button>
          ) : null
        }
      />
      <nav aria-label="Pages">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          Previous page
        </button>{" "}
        <button type="button" disabled={page + 1 >= (list.data?.totalPages ?? 1)} onClick={() => setPage(page + 1)}>
          Next page
        </button>
      </nav>
    </Page>
  );
}

const SERVICES: Record<string, string> = {
  users: "/api/v1/users/admin/dead-letters",
  catalog: "/api/v1/products/admin/dead-letters",
  orders: "/api/v1/orders/admin/dead-letters",
  payments: "/api/v1/payments/admin/dead-letters",
  notifications: "/api/v1/notifications/admin/dead-letters",
};


/** Dead letters live in each service under its own prefix (platform/messaging); the path is a property there. */
async function raw<T>(method: string, path: string): Promise<T> {
  const token = await accessToken();
  const response = await fetch(path, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ProblemError(await toProblem(response), response.headers.get("X-Trace-Id"));
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export function DeadLetters() {
  const [service, setService] = useState("orders");
  const list = useLoad(() => raw<{ items: DeadLetter[]; total: number }>("GET", `${SERVICES[service]}?status=open&size=50`), [service]);
  const action = useAction();
  return (
    <Page title="Dead letters (admin)">
      <label>
        Service
        <select value={service} onChange={(e) => setService((e.target as HTMLSelectElement).value)}>
          {Object.keys(SERVICES).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <ErrorMessage error={list.error ?? action.error} />
      <Done message={action.done} />
      <Loading loading={list.loading} />
      {list.data && <p role="status">{list.data.total} open dead letters</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Key</th>
            <th scope="col">Error</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.topic}</td>
              <td>{d.key}</td>
              <td>{d.eventType}: {d.exception} {d.message}</td>
              <td>
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() =>
                    action.run(async () => {
                      await raw("POST", `${SERVICES[service]}/${d.id}/redrive`);
                      await list.reload();
                    }, "Redriven.")
                  }
                >
                  Redrive<span class="sr-only"> {d.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}


export function Blocklist() {
  const list = useLoad(() => ok<Entry[]>(gateway.GET("/api/v1/admin/blocklist", { params: { query: { limit: 200 } } } as never) as never), []);
  const [ip, setIp] = useState("");
  const [reason, setReason] = useState("");
  const [ttl, setTtl] = useState("");
  const action = useAction();
  return (
    <Page title="IP blocklist (admin)">
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void action.run(async () => {
            await gateway.POST("/api/v1/admin/blocklist", {
              body: { ip, reason: reason || undefined, ttlSeconds: ttl ? Number(ttl) : undefined },
            } as never);
            setIp("");
            await list.reload();
          }, `Blocked ${ip}.`);
        }}
      >
        <label>
          IP address <input name="ip" required value={ip} onInput={(e) => setIp((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Reason <input name="reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Block for (seconds, empty = until removed) <input name="ttl" type="number" min="1" value={ttl} onInput={(e) => setTtl((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={action.busy}>
          Block
        </button>
      </form>
      <ErrorMessage error={list.error ?? action.error} />
      <Done message={action.done} />
      <table>
        <thead>
          <tr>
            <th scope="col">IP</th>
            <th scope="col">Reason</th>
            <th scope="col">Until</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((b) => (
            <tr key={b.ip}>
              <td>{b.ip}</td>
              <td>{b.reason}</td>
              <td>{when(b.expiresAt as string) || "removed by hand"}</td>
              <td>
                <button
                  type="button"
                  disabled={action.busy}
                  onClick={() =>
                    action.run(async () => {
                      await gateway.DELETE("/api/v1/admin/blocklist/{ip}", { params: { path: { ip: b.ip! } } } as never);
                      await list.reload();
                    }, `Unblocked ${b.ip}.`)
                  }
                >
                  Unblock<span class="sr-only"> {b.ip}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
