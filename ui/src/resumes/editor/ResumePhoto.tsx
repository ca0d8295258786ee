import { createSignal } from "solid-js";
import { removeResumePhoto, uploadResumePhoto } from "~/api/media";
import { api } from "~/auth/session";
import { PhotoPicker } from "~/media/PhotoPicker";
import { mediaKeyOf, type PhotoModerationState } from "~core/media/photo-rules";
import { safeImage } from "~core/templates/portrait";
import { updateBasics } from "../document";
import { useEditor } from "./editor-state";

/**
 * The resume's photo: upload one (stored and served here, README "Photos") and the editor
 * puts its address in `basics.image`, saved with the rest of the document; an outside
 * https address typed in "Photo URL" keeps working. Removing an uploaded photo deletes it
 * and clears the field.
 */
export function ResumePhoto() {
  const editor = useEditor();
  const image = () => {
    const value = editor.doc.basics?.image;
    return typeof value === "string" ? value.trim() : "";
  };
  const name = () => (typeof editor.doc.basics?.name === "string" ? editor.doc.basics.name : "");
  // Known only for a photo uploaded in this visit: the document keeps just its address.
  const [moderation, setModeration] = createSignal<PhotoModerationState | null>(null);
  const setImage = (value: string | undefined) =>
    editor.edit((doc) => updateBasics(doc, { image: value }), "basics.image");

  return (
    <PhotoPicker
      id="basics-photo-upload"
      current={safeImage(image())}
      alt={name() ? `Photo of ${name()}` : "Resume photo"}
      upload={(file) => uploadResumePhoto(api, editor.id(), file)}
      moderation={moderation()}
      onUploaded={(photo) => {
        setModeration(photo.moderation);
        setImage(photo.url);
      }}
      remove={
        mediaKeyOf(image())
          ? async () => {
              await removeResumePhoto(api, editor.id());
              setModeration(null);
              setImage(undefined);
            }
          : undefined
      }
    />
  );
}
