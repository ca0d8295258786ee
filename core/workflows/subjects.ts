/**
 * What a run is about, for people: `workflow_runs.subject` is a machine key (`user:42`,
 * `resume:r1`, `backup:2026-11-25T14-00-00Z`, `invoice:in_1`, `share:s1`); operators see a
 * label and a link into the admin app instead (README "Workflow runs").
 */

export interface SubjectKey {
  kind: string;
  id: string;
}

/** Splits `kind:id` at the first colon; a subject without one is all id. */
export function parseSubject(subject: string): SubjectKey {
  const colon = subject.indexOf(":");
  if (colon <= 0) return { kind: "", id: subject };
  return { kind: subject.slice(0, colon), id: subject.slice(colon + 1) };
}

/** What the server looked up for a page of runs; a missing entry means the record is gone. */
export interface SubjectLookups {
  users: ReadonlyMap<string, { email: string }>;
  resumes: ReadonlyMap<string, { title: string; userId: string }>;
  invoices: ReadonlyMap<string, { number: string | null; userId: string }>;
  /** A backup id to the time it was taken, or null when the id is not a backup's. */
  backupTime: (id: string) => Date | null;
}

export interface SubjectView {
  label: string;
  /** A path in the admin app, or null when there is nothing to open. */
  href: string | null;
}

/** The account page an operator opens for a person (the admin Users section). */
export const userHref = (userId: string) => `/users/${encodeURIComponent(userId)}`;

export function subjectView(subject: string, lookups: SubjectLookups): SubjectView {
  const { kind, id } = parseSubject(subject);
  switch (kind) {
    case "user": {
      const user = lookups.users.get(id);
      return { label: user ? user.email : `Deleted user ${id}`, href: userHref(id) };
    }
    case "resume": {
      const resume = lookups.resumes.get(id);
      if (!resume) return { label: `Deleted resume ${id}`, href: null };
      const owner = lookups.users.get(resume.userId);
      const by = owner ? ` (${owner.email})` : "";
      return { label: `Resume “${resume.title}”${by}`, href: userHref(resume.userId) };
    }
    case "invoice": {
      const invoice = lookups.invoices.get(id);
      if (!invoice) return { label: `Invoice ${id}`, href: null };
      const owner = lookups.users.get(invoice.userId);
      const by = owner ? ` (${owner.email})` : "";
      return { label: `Invoice ${invoice.number ?? id}${by}`, href: userHref(invoice.userId) };
    }
    case "backup": {
      const at = lookups.backupTime(id);
      const when = at
        ? at
            .toISOString()
            .replace("T", " ")
            .replace(/:\d\d\.\d{3}Z$/, " UTC")
        : id;
      return { label: `Backup of ${when}`, href: "/backups" };
    }
    case "":
      return { label: id, href: null };
    default:
      // Moderation checks (`share:…`, `export:…`, `avatar:…`): the kind reads as a word.
      return { label: `${kind.replaceAll("_", " ")} ${id}`, href: null };
  }
}

/** The ids a page of subjects needs looked up, by table. */
export function subjectIds(subjects: readonly string[]) {
  const ids = { users: new Set<string>(), resumes: new Set<string>(), invoices: new Set<string>() };
  for (const subject of subjects) {
    const { kind, id } = parseSubject(subject);
    if (kind === "user") ids.users.add(id);
    else if (kind === "resume") ids.resumes.add(id);
    else if (kind === "invoice") ids.invoices.add(id);
  }
  return ids;
}
