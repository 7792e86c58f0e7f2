import { render } from "preact";
import { App } from "./app";
import { initAuth } from "./auth";
import "./style.css";

const root = document.getElementById("app")!;
initAuth()
  .catch(() => undefined)
  .finally(() => render(<App />, root));
