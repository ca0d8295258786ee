import { createRouter } from "../../lib/router";
import { resumeCrudRoutes } from "./crud";
import { resumeHistoryRoutes } from "./history";
import { resumeImportRoutes } from "./import";

/** `/api/resumes/*`: documents, their bin, versions and import. */
export const resumeRoutes = createRouter()
  .route("/", resumeImportRoutes)
  .route("/", resumeCrudRoutes)
  .route("/", resumeHistoryRoutes);
