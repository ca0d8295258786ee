import { createRouter } from "../../lib/router";
import { resumeCrudRoutes } from "./crud";
import { resumeHistoryRoutes } from "./history";
import { resumeImportRoutes } from "./import";
import { resumeShareRoutes } from "./share";

/** `/api/resumes/*`: documents, their bin, versions, import and share links. */
export const resumeRoutes = createRouter()
  .route("/", resumeImportRoutes)
  .route("/", resumeCrudRoutes)
  .route("/", resumeHistoryRoutes)
  .route("/", resumeShareRoutes);
