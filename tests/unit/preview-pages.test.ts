import { describe, expect, it } from "vitest";
import { renderResumeDocument } from "../../core/templates/index";
import { printRulesOnScreen } from "../../core/templates/paged";
import { SAMPLE_RESUME } from "../../core/templates/sample";
import {
  fitScale,
  formatFullness,
  MAX_ZOOM,
  MIN_ZOOM,
  parseZoom,
  zoomIn,
  zoomLabel,
  zoomOut,
} from "../../ui/src/resumes/editor/preview-zoom";

describe("paged preview document", () => {
  it("applies print rules and drops screen rules, leaving other queries alone", () => {
    const css =
      "@media screen{.a{x:1}}@media print{.b{x:2}}@media screen and (max-width:640px){.c{x:3}}" +
      "@media only print and (orientation:portrait){.d{x:4}}@media (max-width:640px){.e{x:5}}" +
      "@media screen, print{.f{x:6}}";
    expect(printRulesOnScreen(css)).toBe(
      "@media not all{.a{x:1}}@media all{.b{x:2}}@media not all{.c{x:3}}" +
        "@media all and (orientation:portrait){.d{x:4}}@media (max-width:640px){.e{x:5}}" +
        "@media all{.f{x:6}}",
    );
  });

  it("flows the body into page-sized columns shifted to the page asked for", () => {
    const plain = renderResumeDocument(SAMPLE_RESUME, { template: "sidebar" });
    expect(plain).not.toContain("paged-flow");
    const second = renderResumeDocument(SAMPLE_RESUME, {
      template: "sidebar",
      style: { pageSize: "Letter", marginMm: 12 },
      paged: { page: 1 },
    });
    expect(second).toContain('<body>\n<div class="paged-flow"><div class="page tpl-sidebar">');
    // Letter content box, rounded up to whole pixels as Chromium prints it
    expect(second).toContain("height:round(up, calc(11in - 2 * 12mm), 1px)");
    expect(second).toContain("width:round(up, calc(8.5in - 2 * 12mm), 1px)");
    expect(second).toContain("translateX(calc(-1 * 8.5in))");
    // the print-only rule of the template now applies, its screen rules no longer do
    expect(second).toContain("@media all{body{background:none}");
    expect(second).not.toMatch(/@media screen/);
    const first = renderResumeDocument(SAMPLE_RESUME, { paged: true });
    expect(first).toContain("round(up, calc(8.268in - 2 * 16mm), 1px)");
    expect(first).toContain("translateX(calc(-0 * 210mm))");
  });
});

describe("preview zoom and fullness", () => {
  it("steps through the zoom range from wherever the shown scale is", () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    // a fitted 0.8 goes to the neighbouring steps
    expect(zoomIn(0.8)).toBe(0.9);
    expect(zoomOut(0.8)).toBe(0.75);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
    expect(zoomOut(0.3)).toBe(MIN_ZOOM);
    expect(zoomLabel(0.67)).toBe("67 %");
  });

  it("fits the page to the pane within bounds, and reads back only known steps", () => {
    expect(fitScale(397, 794)).toBe(0.5);
    expect(fitScale(10_000, 794)).toBe(MAX_ZOOM);
    expect(fitScale(10, 794)).toBe(0.2);
    expect(fitScale(0, 794)).toBe(1);
    expect(parseZoom("1.25")).toBe(1.25);
    expect(parseZoom("fit")).toBe("fit");
    expect(parseZoom("1.3")).toBe("fit");
    expect(parseZoom(null)).toBe("fit");
  });

  it("says how many pages the resume fills, rounding the last page up to a tenth", () => {
    expect(formatFullness(1, 0.62)).toBe("0.7 pages");
    expect(formatFullness(2, 0.3)).toBe("1.3 pages");
    // one line on a new page is still a new page
    expect(formatFullness(2, 0.01)).toBe("1.1 pages");
    expect(formatFullness(1, 1)).toBe("1.0 pages");
    expect(formatFullness(3, 0.5)).toBe("2.5 pages");
  });
});
