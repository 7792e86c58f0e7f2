import { accessToken } from "../auth";
import { ErrorMessage, Loading, Page, useLoad } from "../ui";
import { messageOf } from "../api/problem";

/** The six services as the gateway exposes them to SREs: /actuator/services/<name>/{health,prometheus}. */
export const SERVICES = ["user-service", "catalog-service", "order-service", "payment-service", "notification-service"];

export interface ServiceStatus {
  name: string;
  health: string;
  outboxPending?: number;
  outboxOldestAge?: number;
  outboxParked?: number;
  deadLetters?: number;
  error?: string;
}

/** One gauge from a Prometheus text exposition (summed over its label sets); undefined when absent. */
export function gauge(text: string, name: string): number | undefined {
  let total: number | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/);
    if (m && m[1] === name) {
      const v = Number(m[3]);
      if (!Number.isNaN(v)) total = (total ?? 0) + v;
    }
  }
  return total;
}

async function get(path: string, token: string | null): Promise<Response> {
  return fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

export async function serviceStatus(name: string): Promise<ServiceStatus> {
  const token = await accessToken();
  try {
    const health = await get(`/actuator/services/${name}/health`, token);
    const body = health.headers.get("content-type")?.includes("json") ? await health.json() : {};
    const status: ServiceStatus = { name, health: body.status ?? `HTTP ${health.status}` };
    const metrics = await get(`/actuator/services/${name}/prometheus`, token);
    if (metrics.ok) {
      const text = await metrics.text();
      status.outboxPending = gauge(text, "shop_outbox_pending");
      status.outboxOldestAge = gauge(text, "shop_outbox_oldest_pending_age_seconds");
      status.outboxParked = gauge(text, "shop_outbox_parked");
      status.deadLetters = gauge(text, "shop_dead_letters");
    } else {
      status.error = `metrics: HTTP ${metrics.status}`;
    }
    return status;
  } catch (e) {
    return { name, health: "UNREACHABLE", error: messageOf(e) };
  }
}

const n = (v?: number) => (v === undefined ? "–" : Number.isInteger(v) ? String(v) : v.toFixed(1));

export function StatusPage() {
  const gatewayHealth = useLoad(async () => {
    const r = await fetch("/actuator/health");
    return ((await r.json()) as { status?: string }).status ?? `HTTP ${r.status}`;
  }, []);
  const { data, error, loading, reload } = useLoad(() => Promise.all(SERVICES.map(serviceStatus)), []);
  return (
    <Page title="Platform status">
      <p>
        Gateway: <strong class={`health ${gatewayHealth.data}`}>{gatewayHealth.data ?? "…"}</strong>{" "}
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
      </p>
      <ErrorMessage error={error ?? gatewayHealth.error} />
      <Loading loading={loading} />
      {data && (
        <table>
          <caption>Health, outbox lag and dead letters of each service</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Health</th>
              <th scope="col">Outbox pending</th>
              <th scope="col">Oldest pending (s)</th>
              <th scope="col">Parked</th>
              <th scope="col">Dead letters</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td>
                  <strong class={`health ${s.health}`}>{s.health}</strong> {s.error && <span>({s.error})</span>}
                </td>
                <td>{n(s.outboxPending)}</td>
                <td>{n(s.outboxOldestAge)}</td>
                <td>{n(s.outboxParked)}</td>
                <td>{n(s.deadLetters)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
