import { api } from "~/auth/session";
import { APP_NAME } from "~/layout/UserLayout";
import { JobPage } from "~kit/jobs/JobPage";

export default function UserJobPage() {
  return <JobPage api={api} appName={APP_NAME} />;
}
