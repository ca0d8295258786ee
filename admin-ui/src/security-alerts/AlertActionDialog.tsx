import { createSignal } from "solid-js";
import { adminApi } from "../api/admin-api";
import { actOnSecurityAlert, type SecurityAlertView } from "../api/security-intel";
import { NoteField } from "../kit/NoteField";
import { StepUpActionDialog } from "../standing/StepUpActionDialog";
import { alertKindName } from "./alert-view";

const WORDS = {
  acknowledge: {
    title: "Acknowledge",
    description: "Says you are looking into it. Repeats still count on this alert.",
    submit: "Acknowledge the alert",
    failure: "Not acknowledged",
  },
  resolve: {
    title: "Resolve",
    description:
      "Closes the alert. If it happens again, a new alert is raised and emailed to the alert address.",
    submit: "Resolve the alert",
    failure: "Not resolved",
  },
} as const;

/** Acknowledges or resolves an alert with a note, kept on the alert and in the audit log. */
export function AlertActionDialog(props: {
  alert: SecurityAlertView;
  action: "acknowledge" | "resolve";
  onClose: () => void;
  onDone: (alert: SecurityAlertView) => void;
}) {
  const [note, setNote] = createSignal("");
  const words = () => WORDS[props.action];
  return (
    <StepUpActionDialog
      title={`${words().title}: ${alertKindName(props.alert.kind)}`}
      description={words().description}
      formLabel={words().submit}
      submitLabel={words().submit}
      failureTitle={words().failure}
      check={() => note().trim().slice(0, 1000)}
      send={async (text, key) =>
        props.onDone(await actOnSecurityAlert(adminApi, props.alert.id, props.action, text, key))
      }
      onClose={props.onClose}
    >
      <NoteField value={note()} onChange={setNote} />
    </StepUpActionDialog>
  );
}
