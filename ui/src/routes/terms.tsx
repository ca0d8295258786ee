import { LegalPage, SUPPORT_EMAIL } from "~/legal/LegalPage";

export default function TermsPage() {
  return (
    <LegalPage title="Terms of service">
      <p>
        These terms govern your use of Resume Builder, an online service for writing, designing,
        sharing and exporting resumes. By creating an account you accept them.
      </p>
      <h2>Your account</h2>
      <ul>
        <li>
          You must give a working email address and keep your password to yourself. Turn on
          two-factor authentication for extra protection.
        </li>
        <li>
          You are responsible for what happens under your account. Tell us at once if you think
          someone else has used it.
        </li>
        <li>
          One person per account. Accounts created automatically or to get around a suspension are
          removed.
        </li>
      </ul>
      <h2>Your content</h2>
      <ul>
        <li>
          Your resumes, photos and other content stay yours. You give us only the permission needed
          to store, display, render and export them for you, and to show a resume publicly when you
          share it.
        </li>
        <li>
          Do not publish content that is unlawful, deceptive, spam, or that infringes someone else's
          rights. Shared pages are checked automatically and by our moderators; content that breaks
          these rules can be taken offline, and repeated violations lead to strikes, suspension or a
          ban. You can appeal every decision.
        </li>
      </ul>
      <h2>Plans and payment</h2>
      <ul>
        <li>
          The Free plan costs nothing. Paid plans are billed monthly in advance through our payment
          processor, Stripe, and renew until you cancel; a cancellation takes effect at the end of
          the period already paid.
        </li>
        <li>
          If a payment fails we retry and tell you by email; after a grace period the account moves
          to the Free plan, keeping your content.
        </li>
        <li>
          You receive an invoice and a receipt by email for every payment. Prices include or add tax
          as the law of your country requires.
        </li>
      </ul>
      <h2>The service</h2>
      <p>
        We work to keep Resume Builder available and your data safe (encrypted connections, hourly
        backups), but the service is provided "as is": we do not guarantee that it is uninterrupted
        or that any resume gets you a job. To the extent the law allows, our liability is limited to
        what you paid us in the twelve months before the claim. Nothing here limits rights you have
        as a consumer under the law of your country.
      </p>
      <h2>Ending</h2>
      <p>
        You can stop using the service at any time and delete your account from your profile page
        (it is deleted 14 days later unless you sign in and cancel). We may suspend or close
        accounts that break these terms, as described above. We will announce material changes to
        these terms by email at least 30 days before they apply.
      </p>
      <h2>Contact</h2>
      <p>
        Questions about these terms: <a href={`mailto:${SUPPORT_EMAIL}`}>{SUPPORT_EMAIL}</a>, or see
        the <a href="/contact">contact page</a>.
      </p>
    </LegalPage>
  );
}
