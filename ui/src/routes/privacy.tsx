import { LegalPage, PRIVACY_EMAIL } from "~/legal/LegalPage";

export default function PrivacyPage() {
  return (
    <LegalPage title="Privacy notice">
      <p>
        This notice explains what personal data Resume Builder keeps, why, who processes it for us,
        how long we keep it and how you use your rights under the GDPR and similar laws.
      </p>
      <h2>What we keep</h2>
      <ul>
        <li>
          <strong>Account:</strong> your name, email address, a salted hash of your password (never
          the password itself), two-factor secrets (encrypted), passkeys' public keys, and the
          profile you give (headline, location, website, photo).
        </li>
        <li>
          <strong>Resumes:</strong> their content, earlier versions, photos you upload, and the
          files you export.
        </li>
        <li>
          <strong>Security:</strong> your sessions with browser name, network address and a device
          identifier, and sign-in attempts, to protect the account and tell you about new sign-ins.
        </li>
        <li>
          <strong>Billing:</strong> your plan, invoices and payment status. Card numbers go straight
          to Stripe; we see only the brand, last four digits and expiry.
        </li>
        <li>
          <strong>Usage:</strong> counts of features used, to enforce plan limits and improve the
          product. No advertising trackers.
        </li>
        <li>
          <strong>Emails:</strong> a copy of the emails we send you (security notices, invoices,
          receipts, replies from support).
        </li>
      </ul>
      <h2>Why (legal basis)</h2>
      <p>
        To provide the service you signed up for (contract), to keep it secure and prevent abuse
        (legitimate interest), and to keep invoices as tax law requires (legal obligation).
      </p>
      <h2>Processors</h2>
      <ul>
        <li>
          <strong>Cloudflare, Inc.</strong> hosts the service: the application, database, file
          storage, email delivery and backups run on Cloudflare's network.
        </li>
        <li>
          <strong>Stripe, Inc.</strong> processes payments and keeps the payment details you enter
          at checkout.
        </li>
        <li>
          If you sign in with Google, GitHub or Microsoft, that provider tells us your name and
          email address.
        </li>
      </ul>
      <p>
        Both processors act under data processing agreements and transfer data outside the EU under
        the European Commission's standard contractual clauses.
      </p>
      <h2>How long we keep it</h2>
      <ul>
        <li>
          Account, profile and resumes: while your account exists. "Delete my account" on your
          profile page deletes them 14 days later (sign in before then to cancel); invoices stay as
          tax law requires, and our audit records keep only a pseudonym. An account whose address
          was never confirmed is removed after 7 days.
        </li>
        <li>
          Sessions end 30 days after their last use; their records (device, address) stay with the
          account to protect it, and go with it.
        </li>
        <li>Backups: 30 days, after which deleted data is gone from them too.</li>
        <li>Invoices and payment records: as long as tax law requires (up to 10 years).</li>
      </ul>
      <h2>Your rights</h2>
      <p>
        You may access your data, have it corrected, deleted or exported in a portable format,
        object to or restrict its processing, and withdraw consent. Much of this you can do
        yourself: edit your profile and resumes, export them as PDF, DOCX or JSON, download
        everything the account holds with "Export my data", delete the account, and sign out devices
        from account security. For anything else, write to{" "}
        <a href={`mailto:${PRIVACY_EMAIL}`}>{PRIVACY_EMAIL}</a> from your account's address; we
        answer within 30 days. You may also complain to your data protection authority.
      </p>
    </LegalPage>
  );
}
