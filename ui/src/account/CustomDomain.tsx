import { A } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { copyText } from "~/account/copy-text";
import {
  checkCustomDomain,
  fetchCustomDomain,
  markLocalDnsAdded,
  removeCustomDomain,
  saveCustomDomain,
} from "~/api/custom-domain";
import { listResumes } from "~/api/resumes";
import { api } from "~/auth/session";
import type { CustomDomainView } from "~core/contract/custom-domains";
import { Alert } from "~kit/design-system/components/Alert";
import { Badge, type BadgeTone } from "~kit/design-system/components/Badge";
import { Button, buttonClass } from "~kit/design-system/components/Button";
import { Card } from "~kit/design-system/components/Card";
import { Select } from "~kit/design-system/components/Select";
import { SkeletonText } from "~kit/design-system/components/Skeleton";
import { Table } from "~kit/design-system/components/Table";
import { TextField } from "~kit/design-system/components/TextField";
import { describeError } from "~kit/forms/describe-error";
import { LoadError } from "~kit/forms/LoadError";

const STATE_LABELS: Record<CustomDomainView["state"], [string, BadgeTone]> = {
  pending: ["Waiting for DNS", "warning"],
  active: ["Active", "success"],
  failed: ["Failed", "error"],
};

/**
 * "Custom domain" (README "Custom domains"): one resume's share page on the account's own
 * hostname. Plans without it see what it is and where to upgrade.
 */
export function CustomDomain() {
  const [loaded, { mutate, refetch }] = createResource(() => fetchCustomDomain(api));
  const [resumes] = createResource(() => listResumes(api));
  const [hostname, setHostname] = createSignal("");
  const [resumeId, setResumeId] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }
  const show = (domain: CustomDomainView | null) => {
    const current = loaded();
    if (current) mutate({ ...current, domain });
  };

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    void run(async () => {
      const picked = resumeId() || resumes()?.items[0]?.id || "";
      show(
        await saveCustomDomain(api, { hostname: hostname(), resume_id: picked, ssl_method: "txt" }),
      );
    });
  };

  return (
    <Card title="Custom domain">
      <div class="ds-stack">
        <Show when={problem()}>{(message) => <Alert tone="error">{message()}</Alert>}</Show>
        <Switch>
          <Match when={loaded.error}>
            <LoadError what="Your custom domain" error={loaded.error} onRetry={refetch} />
          </Match>
          <Match when={loaded()?.domain}>
            {(domain) => (
              <>
                <p>
                  <strong>{domain().hostname}</strong>{" "}
                  <Badge tone={STATE_LABELS[domain().state][1]}>
                    {STATE_LABELS[domain().state][0]}
                  </Badge>
                </p>
                <p class="ds-muted">
                  Certificate: {domain().ssl_status.replaceAll("_", " ")}. Last checked{" "}
                  {new Date(domain().checked_at).toLocaleString()}.
                  <Show when={domain().state === "active"}>
                    {" "}
                    Your page is live at <a href={domain().url}>{domain().url}</a>.
                  </Show>
                </p>
                <For each={domain().errors}>{(error) => <Alert tone="warning">{error}</Alert>}</For>
                <p>Add these records at your DNS provider:</p>
                <Table caption="DNS records to add" hideCaption>
                  <thead>
                    <tr>
                      <th scope="col">Type</th>
                      <th scope="col">Name</th>
                      <th scope="col">Value</th>
                      <th scope="col">For</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={domain().records}>
                      {(record) => (
                        <tr>
                          <td>{record.type}</td>
                          <td>
                            <code>{record.name}</code>
                          </td>
                          <td>
                            <code>{record.value}</code>{" "}
                            <Button
                              variant="ghost"
                              size="sm"
                              onClick={() => void copyText(record.value, "Value copied")}
                            >
                              Copy
                            </Button>
                          </td>
                          <td>{record.purpose}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </Table>
                <div class="ds-cluster">
                  <Button
                    loading={busy()}
                    onClick={() => void run(async () => show(await checkCustomDomain(api)))}
                  >
                    Check now
                  </Button>
                  <Show when={domain().local && domain().state === "pending"}>
                    <Button
                      variant="outline"
                      disabled={busy()}
                      onClick={() => void run(() => markLocalDnsAdded(api, domain().hostname))}
                    >
                      Mark DNS as added (local only)
                    </Button>
                  </Show>
                  <Button
                    variant="outline"
                    disabled={busy()}
                    onClick={() => void run(async () => mutate(await removeCustomDomain(api)))}
                  >
                    Remove domain
                  </Button>
                </div>
              </>
            )}
          </Match>
          <Match when={loaded() && !loaded()?.entitled}>
            <p class="ds-muted">
              Show your resume on your own domain, like cv.yourname.com. Custom domains come with
              the Enterprise plan.
            </p>
            <div>
              <A href="/pricing" class={buttonClass("primary", "sm")}>
                See plans
              </A>
            </div>
          </Match>
          <Match when={loaded()}>
            {(current) => (
              <form class="auth-form security__form" onSubmit={add} noValidate>
                <p class="ds-muted">
                  Show a resume's share page on your own hostname. You will add a CNAME record
                  pointing at <code>{current().cname_target}</code> and two TXT records we show
                  next. Turn on the resume's share link first.
                </p>
                <TextField
                  id="custom-hostname"
                  label="Hostname"
                  placeholder="cv.example.com"
                  value={hostname()}
                  onChange={setHostname}
                />
                <Select
                  label="Resume"
                  options={(resumes()?.items ?? []).map((resume) => ({
                    value: resume.id,
                    label: resume.title,
                  }))}
                  value={resumeId() || resumes()?.items[0]?.id}
                  onChange={setResumeId}
                />
                <div>
                  <Button type="submit" loading={busy()}>
                    Add domain
                  </Button>
                </div>
              </form>
            )}
          </Match>
          <Match when={true}>
            <SkeletonText lines={3} label="Loading your custom domain…" />
          </Match>
        </Switch>
      </div>
    </Card>
  );
}
