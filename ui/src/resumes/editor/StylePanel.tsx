import { For, type JSX, Show } from "solid-js";
import { liveEntitlements } from "~/billing/live-plans";
import { plansWith } from "~/billing/plans";
import { FONTS, PAGE_SIZES, type ResumeStyle } from "~core/resume/schema";
import {
  FONT_INFO,
  resolveDocumentStyle,
  TEMPLATES,
  type TemplateInfo,
} from "~core/templates/index";
import { SAMPLE_RESUME } from "~core/templates/sample";
import { Badge } from "~kit/design-system/components/Badge";
import { setStyle } from "../document";
import { useEditor } from "./editor-state";
import { LanguageFields } from "./LayoutPanel";
import { PageThumbnail } from "./PageThumbnail";
import { announce } from "./reorder";

const SWATCHES = ["#1d4ed8", "#1f3a5f", "#0f766e", "#7c3aed", "#be123c", "#8a6d3b", "#111827"];

/** A slider with its value spelled out beside the label. */
function Range(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  onValue: (value: number) => void;
}) {
  return (
    <div class="ds-field">
      <label class="ds-field__label" for={props.id}>
        {props.label}: {props.value} {props.unit}
      </label>
      <input
        id={props.id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={`${props.value} ${props.unit}`}
        onInput={(event) => props.onValue(Number(event.currentTarget.value))}
      />
    </div>
  );
}

/** Template gallery (each card renders this resume with that template) and style pickers. */
export function StylePanel(props: { plan: string }) {
  const editor = useEditor();
  const style = () => resolveDocumentStyle(editor.snapshot());
  const premiumAllowed = () => liveEntitlements(props.plan).premiumTemplates;
  // left in a premium template by a downgrade: the style stays as it is (the server refuses
  // a change) until the resume moves to a template of the plan
  const frozen = () =>
    !premiumAllowed() && TEMPLATES.some((t) => t.id === style().template && t.premium);
  const change = (patch: Partial<ResumeStyle>, key?: string) =>
    editor.edit((doc) => setStyle(doc, patch), key);

  const pickTemplate = (template: TemplateInfo) => {
    // a template comes with the font and colour it was designed with
    change({ template: template.id, ...template.defaults });
    announce(`Template ${template.name} applied`);
  };

  return (
    <div class="style-panel ds-stack">
      <fieldset class="editor-group">
        <legend>Template</legend>
        <div class="template-gallery">
          <For each={TEMPLATES}>
            {(template) => {
              const locked = () => template.premium && !premiumAllowed();
              return (
                <label
                  class="template-card"
                  classList={{
                    "is-selected": style().template === template.id,
                    "is-locked": locked(),
                  }}
                >
                  <input
                    type="radio"
                    name="template"
                    class="template-card__radio"
                    value={template.id}
                    checked={style().template === template.id}
                    disabled={locked()}
                    aria-describedby={`template-${template.id}-about`}
                    onChange={() => pickTemplate(template)}
                  />
                  <span class="template-card__thumb">
                    <PageThumbnail data={SAMPLE_RESUME} template={template.id} />
                  </span>
                  <span class="template-card__name">
                    {template.name}
                    <Show when={template.premium}>
                      <Badge tone={locked() ? "warning" : "info"}>Premium</Badge>
                    </Show>
                  </span>
                  <span id={`template-${template.id}-about`} class="template-card__about">
                    {template.description}
                    {locked() ? ` Available on ${plansWith("premiumTemplates")}.` : ""}
                  </span>
                </label>
              );
            }}
          </For>
        </div>
      </fieldset>

      <Show when={frozen()}>
        <p class="ds-muted" id="style-frozen">
          This template is not part of your plan: its style stays as it is, and a PDF needs a
          template of your plan. Pick one above to change the style, or upgrade.
        </p>
      </Show>
      <fieldset
        class="editor-group style-panel__grid"
        disabled={frozen()}
        aria-describedby={frozen() ? "style-frozen" : undefined}
      >
        <legend>Style</legend>
        <div class="ds-field">
          <label class="ds-field__label" for="style-accent">
            Accent colour
          </label>
          <div class="style-panel__colour">
            <input
              id="style-accent"
              type="color"
              value={style().accentColor}
              onInput={(event) => change({ accentColor: event.currentTarget.value }, "accent")}
            />
            <For each={SWATCHES}>
              {(colour) => (
                <button
                  type="button"
                  class="style-panel__swatch"
                  style={{ background: colour }}
                  aria-label={`Accent colour ${colour}`}
                  aria-pressed={style().accentColor.toLowerCase() === colour}
                  onClick={() => change({ accentColor: colour })}
                />
              )}
            </For>
          </div>
        </div>
        <Select
          id="style-font"
          label="Font"
          value={style().font}
          onValue={(font) => change({ font: font as ResumeStyle["font"] })}
        >
          <For each={FONTS}>{(font) => <option value={font}>{FONT_INFO[font].name}</option>}</For>
        </Select>
        <Range
          id="style-size"
          label="Font size"
          unit="pt"
          min={8}
          max={14}
          step={0.5}
          value={style().fontSize}
          onValue={(fontSize) => change({ fontSize }, "fontSize")}
        />
        <Range
          id="style-spacing"
          label="Line spacing"
          unit="×"
          min={1}
          max={2}
          step={0.05}
          value={style().lineSpacing}
          onValue={(lineSpacing) => change({ lineSpacing }, "lineSpacing")}
        />
        <Range
          id="style-margins"
          label="Margins"
          unit="mm"
          min={5}
          max={40}
          step={1}
          value={style().marginMm}
          onValue={(marginMm) => change({ marginMm }, "marginMm")}
        />
        <Select
          id="style-page"
          label="Page size"
          value={style().pageSize}
          onValue={(pageSize) => change({ pageSize: pageSize as ResumeStyle["pageSize"] })}
        >
          <For each={PAGE_SIZES}>{(size) => <option value={size}>{size}</option>}</For>
        </Select>
      </fieldset>
      <LanguageFields />
    </div>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  children: JSX.Element;
}) {
  return (
    <div class="ds-field">
      <label class="ds-field__label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="ds-field__control"
        value={props.value}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        {props.children}
      </select>
    </div>
  );
}
