import { createSignal } from "solid-js";
import { useEditor } from "~/resumes/editor/editor-state";
import { resolveStyle } from "~core/resume/layout";
import { Button } from "~kit/design-system/components/Button";
import { ExportDialog } from "./ExportDialog";

/** The editor toolbar's Export button and its dialog, for the resume being edited. */
export function ExportButton() {
  const editor = useEditor();
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <Button size="sm" variant="outline" icon="download" onClick={() => setOpen(true)}>
        Export
      </Button>
      <ExportDialog
        open={open()}
        onOpenChange={setOpen}
        resumeId={editor.id()}
        pageSize={resolveStyle(editor.snapshot()).pageSize}
        beforeExport={() => editor.save()}
      />
    </>
  );
}
