import { createRouter } from "../../lib/router";
import { resumeCrudRoutes } from "./crud";
import { resumeHistoryRoutes } from "./history";
import { resumeImportRoutes } from "./import";
import { resumePhotoRoutes } from "./photo";
import { resumeShareRoutes } from "./share";

/** `/api/resumes/*`: documents, their bin, versions, import, share links and photos. */
export const resumeRoutes = createRouter()
  .route("/", resumeImportRoutes)
  .route("/", resumeCrudRoutes)
  .route("/", resumeHistoryRoutes)
  .route("/", resumeShareRoutes)
  .route("/", resumePhotoRoutes);
