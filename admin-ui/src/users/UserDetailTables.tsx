import { A } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { Badge } from "~kit/design-system/components/Badge";
import { Table } from "~kit/design-system/components/Table";
import { formatDateTime } from "~kit/format";
import { type AdminUserDetail, userResumeHref } from "../api/users";
import { BAN_REASON_NAMES, SANCTION_KIND_LABELS } from "../standing/labels";

/** The tables of an account's page (README "Admin: users"), each with a line for "none". */

const When = (props: { at: string | null; none?: string }) => (
  <Show when={props.at} fallback={<span class="ds-muted">{props.none ?? "—"}</span>}>
    {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
  </Show>
);

function Listed<T>(props: {
  caption: string;
  headings: string[];
  rows: T[];
  empty: string;
  children: (row: T) => JSX.Element;
}) {
  return (
    <Show when={props.rows.length} fallback={<p class="ds-muted">{props.empty}</p>}>
      <Table caption={props.caption} hideCaption>
        <thead>
          <tr>
            <For each={props.headings}>{(heading) => <th scope="col">{heading}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>{(row) => <tr>{props.children(row)}</tr>}</For>
        </tbody>
      </Table>
    </Show>
  );
}

/** `canRead`: the role may open a resume (`content.read`); the title then links to it. */
export function ResumesTable(props: {
  userId: string;
  resumes: AdminUserDetail["resumes"];
  canRead: boolean;
}) {
  return (
    <Listed
      caption="Resumes"
      headings={["Title", "Updated", "Shared"]}
      rows={props.resumes}
      empty="No resumes."
    >
      {(resume) => (
        <>
          <th scope="row">
            <Show when={props.canRead} fallback={resume.title}>
              <A href={userResumeHref(props.userId, resume.id)}>{resume.title}</A>
            </Show>{" "}
            <Show when={resume.deleted_at}>
              <Badge tone="neutral">Deleted</Badge>
            </Show>
            <br />
            <span class="ds-mono ds-muted users-id">{resume.id}</span>
          </th>
          <td>
            <When at={resume.updated_at} />
          </td>
          <td>
            <Show when={resume.share} fallback={<span class="ds-muted">Never shared</span>}>
              {(share) => (
                <>
                  {share().enabled ? "Link on" : "Link off"}, {share().publication_state},{" "}
                  {share().views} views
                </>
              )}
            </Show>
          </td>
        </>
      )}
    </Listed>
  );
}

export function ExportsTable(props: { exports: AdminUserDetail["exports"] }) {
  return (
    <Listed
      caption="Recent exports"
      headings={["Resume", "Format", "Status", "Started", "Finished"]}
      rows={props.exports}
      empty="No exports."
    >
      {(item) => (
        <>
          <th scope="row">{item.resume_title ?? item.resume_id ?? "—"}</th>
          <td>{item.format?.toUpperCase() ?? "—"}</td>
          <td>
            {item.status}
            <Show when={item.error}>{(error) => <>: {error().message}</>}</Show>
          </td>
          <td>
            <When at={item.created_at} />
          </td>
          <td>
            <When at={item.finished_at} />
          </td>
        </>
      )}
    </Listed>
  );
}

export function SessionsTable(props: { sessions: AdminUserDetail["sessions"] }) {
  return (
    <Listed
      caption="Signed-in devices"
      headings={["Device", "Address", "Signed in", "Last used", "Expires"]}
      rows={props.sessions}
      empty="Not signed in anywhere."
    >
      {(session) => (
        <>
          <th scope="row">{session.user_agent ?? "Unknown device"}</th>
          <td class="ds-mono">{session.ip ?? "—"}</td>
          <td>
            <When at={session.started_at} />
          </td>
          <td>
            <When at={session.last_seen_at} />
          </td>
          <td>
            <When at={session.expires_at} />
          </td>
        </>
      )}
    </Listed>
  );
}

export function SignInsTable(props: { signIns: AdminUserDetail["sign_ins"] }) {
  return (
    <Listed
      caption="Sign-in attempts"
      headings={["When", "Address", "Result"]}
      rows={props.signIns}
      empty="No sign-in attempts recorded."
    >
      {(attempt) => (
        <>
          <th scope="row">
            <When at={attempt.at} />
          </th>
          <td class="ds-mono">{attempt.ip ?? "—"}</td>
          <td>
            <Badge tone={attempt.succeeded ? "success" : "warning"}>
              {attempt.succeeded ? "Signed in" : "Failed"}
            </Badge>
          </td>
        </>
      )}
    </Listed>
  );
}

export function SanctionsSummary(props: { standing: AdminUserDetail["standing"] }) {
  return (
    <Listed
      caption="Suspensions and bans"
      headings={["Type", "Reason", "From", "Until", "Appeal"]}
      rows={props.standing.sanctions}
      empty="Never suspended or banned."
    >
      {(sanction) => (
        <>
          <th scope="row">
            {SANCTION_KIND_LABELS[sanction.kind]}{" "}
            <Show when={sanction.active}>
              <Badge tone="error">In force</Badge>
            </Show>
          </th>
          <td>{BAN_REASON_NAMES[sanction.reason]}</td>
          <td>
            <When at={sanction.starts_at} />
          </td>
          <td>
            <When at={sanction.ends_at} none="Until lifted" />
          </td>
          <td>{sanction.appeal_status ?? "None"}</td>
        </>
      )}
    </Listed>
  );
}
