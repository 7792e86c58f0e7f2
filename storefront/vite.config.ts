import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";

// Dev server: proxies the API to the gateway of a running platform (same origin, as when served by it).
const gateway = process.env.GATEWAY ?? "http://localhost:8080";
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "dist", sourcemap: false },
  server: { proxy: { "/api": gateway, "/actuator": gateway, "/v3": gateway } },
  test: { environment: "jsdom", include: ["test/**/*.test.tsx", "test/**/*.test.ts"] },
});
