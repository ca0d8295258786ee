import { Router } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import "~kit/design-system/styles/global.css";
import { AdminLayout } from "./layout/AdminLayout";

/** Must equal server.baseURL in app.config.ts. */
const BASE_PATH = "/admin";

export default function App() {
  return (
    <Router base={BASE_PATH} root={AdminLayout}>
      <FileRoutes />
    </Router>
  );
}
