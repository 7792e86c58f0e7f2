import { signal } from "@preact/signals";
import { fetchEventSource } from "@microsoft/fetch-event-source";
import { accessToken } from "./auth";
import { notifications as api, ok, type Notification } from "./api/client";

/** My notifications as they arrive over the SSE stream (GET /api/v1/notifications/stream). */
export const live = signal<Notification[]>([]);
export const unread = signal(0);
export const connected = signal(false);

let controller: AbortController | null = null;

export async function refreshUnread() {
  const page = await ok<{ unread?: number; unreadCount?: number }>(
    api.GET("/api/v1/notifications", { params: { query: { page: 0, size: 1 } } }) as never,
  );
  unread.value = Number(page.unreadCount ?? page.unread ?? 0);
}

export function startStream() {
  if (controller) return;
  controller = new AbortController();
  let lastId: string | undefined;
  void fetchEventSource("/api/v1/notifications/stream", {
    signal: controller.signal,
    openWhenHidden: true,
    async fetch(input, init) {
      const headers = new Headers(init?.headers);
      const token = await accessToken();
      if (token) headers.set("Authorization", `Bearer ${token}`);
      if (lastId) headers.set("Last-Event-ID", lastId);
      return fetch(input, { ...init, headers });
    },
    async onopen(response) {
      if (!response.ok) throw new Error(`stream refused: ${response.status}`);
      connected.value = true;
    },
    onmessage(event) {
      if (event.event !== "notification" || !event.data) return;
      lastId = event.id || lastId;
      const n = JSON.parse(event.data) as Notification;
      live.value = [n, ...live.value.filter((x) => x.id !== n.id)];
      if (!n.readAt) unread.value += 1;
    },
    onclose() {
      connected.value = false;
    },
    onerror() {
      connected.value = false;
      return 3000; // reconnect with Last-Event-ID after 3 s
    },
  });
}

export function stopStream() {
  controller?.abort();
  controller = null;
  connected.value = false;
}
