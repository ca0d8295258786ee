import { A } from "@solidjs/router";
import { LegalPage, PRIVACY_EMAIL, SUPPORT_EMAIL } from "~/legal/LegalPage";

export default function ContactPage() {
  return (
    <LegalPage title="Contact us" dated={false}>
      <p>We read every message and answer as soon as we can.</p>
      <h2>Help with your account or a resume</h2>
      <p>
        Signed in, <A href="/support/new">open a support request</A>: it keeps the conversation with
        your account, and you get an email when we reply. Otherwise write to{" "}
        <a href={`mailto:${SUPPORT_EMAIL}`}>{SUPPORT_EMAIL}</a>.
      </p>
      <h2>Privacy and your data</h2>
      <p>
        To use your rights (access, correction, deletion, export), write to{" "}
        <a href={`mailto:${PRIVACY_EMAIL}`}>{PRIVACY_EMAIL}</a>. See the{" "}
        <A href="/privacy">privacy notice</A>.
      </p>
      <h2>Invoices and payments</h2>
      <p>Every invoice and receipt email names the address to write to about it.</p>
    </LegalPage>
  );
}
