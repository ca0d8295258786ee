// @refresh reload
import { createHandler, StartServer } from "@solidjs/start/server";
import { createDocument } from "~kit/document/AppDocument";

const Document = createDocument({
  title: "Resume Builder — ATS-friendly resumes, live preview, PDF export",
  description:
    "Write your resume with a live preview, pick from ATS-friendly templates, get AI writing help and export to PDF, DOCX, TXT or JSON Resume.",
});

export default createHandler(() => <StartServer document={Document} />);
