import { Router } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import "~kit/design-system/styles/global.css";
import { UserLayout } from "./layout/UserLayout";

export default function App() {
  return (
    <Router root={UserLayout}>
      <FileRoutes />
    </Router>
  );
}
