// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";
import { createDocument } from "~kit/document/AppDocument";

const Document = createDocument({
  title: "Resume Builder Admin",
  description: "Operator console of Resume Builder.",
  robots: "noindex, nofollow",
});

export default createHandler(() => <StartServer document={Document} />);
