import {
  createEffect,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  onMount,
  Show,
} from "solid-js";
import type uPlot from "uplot";
import { Table } from "~kit/design-system/components/Table";
import { daySeconds, isEmptySeries } from "./report-view";

/** One line (or bar) of a chart: its name and one value per day. */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface TimeSeriesChartProps {
  /** Says what the chart shows; the figure's caption and the data table's. */
  caption: string;
  /** UTC days, YYYY-MM-DD, one per value of each series. */
  days: string[];
  series: ChartSeries[];
  /** A value in the data table and the legend. */
  format: (value: number) => string;
  /** A value on the y axis, shorter when that reads better (e.g. "$1.2K"); `format` otherwise. */
  formatAxis?: (value: number) => string;
  /** Bars suit one count per day; lines suit balances and several series. */
  kind?: "line" | "bars";
  /** What an all-zero range says instead of a flat chart. */
  empty: string;
}

const HEIGHT = 260;
const PALETTE_SIZE = 8;

/** uPlot draws on a canvas, so the theme's colours are read from the CSS variables. */
function themeColors(element: HTMLElement) {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read("--color-text-muted"),
    grid: read("--color-border"),
    font: `12px ${read("--font-sans") || "sans-serif"}`,
    series: Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--chart-${i + 1}`)),
  };
}

const dayLabel = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeZone: "UTC",
});
const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

function chartOptions(
  UPlot: typeof uPlot,
  props: TimeSeriesChartProps,
  width: number,
  colors: ReturnType<typeof themeColors>,
): uPlot.Options {
  const axis = {
    stroke: colors.text,
    font: colors.font,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
  const bars = props.kind === "bars" ? UPlot.paths.bars?.({ size: [0.6, 48] }) : undefined;
  const axisFormat = props.formatAxis ?? props.format;
  return {
    width,
    height: HEIGHT,
    // report days are UTC days: label them so in every time zone
    tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
    // counts and money start at zero; a little headroom above the highest value
    scales: {
      x: { time: true },
      y: { range: (_u, min, max) => UPlot.rangeNum(Math.min(0, min), max, 0.1, true) },
    },
    cursor: { points: { size: 6 } },
    series: [
      {
        label: "Day",
        value: (_u, seconds) =>
          seconds == null ? "—" : formatDay(new Date(seconds * 1000).toISOString().slice(0, 10)),
      },
      ...props.series.map((one, i) => {
        const color = colors.series[i % PALETTE_SIZE] ?? colors.text;
        return {
          label: one.label,
          stroke: color,
          width: 2,
          fill: bars ? color : undefined,
          paths: bars,
          points: { show: !bars && props.days.length <= 31 },
          value: (_u: uPlot, value: number | null) => (value == null ? "—" : props.format(value)),
        };
      }),
    ],
    axes: [
      axis,
      { ...axis, size: 64, values: (_u, splits) => splits.map((value) => axisFormat(value)) },
    ],
  };
}

/** The chart's numbers: a row per day, a column per series. */
function DataRows(props: TimeSeriesChartProps) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <For each={props.series}>
            {(one) => (
              <th scope="col" class="ds-table__num">
                {one.label}
              </th>
            )}
          </For>
        </tr>
      </thead>
      <tbody>
        <For each={props.days}>
          {(day, i) => (
            <tr>
              <th scope="row">
                <time datetime={day}>{formatDay(day)}</time>
              </th>
              <For each={props.series}>
                {(one) => <td class="ds-table__num">{props.format(one.values[i()] ?? 0)}</td>}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </>
  );
}

/**
 * A day-by-day chart (uPlot) with its caption and the same numbers as a table, so they can be
 * read without the canvas: the table sits behind a toggle for sighted users and is what the
 * figure offers assistive technology. uPlot touches `window` when loaded, so it is imported in
 * the browser once the figure is mounted, never by server-side rendering, and stays out of the
 * pages that draw no chart. It is redrawn in the other palette when the theme changes, and
 * resized with its container.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  let figure!: HTMLElement;
  let plotArea: HTMLDivElement | undefined;
  const [UPlot, setUPlot] = createSignal<typeof uPlot>();
  const [theme, setTheme] = createSignal(0);
  const [showTable, setShowTable] = createSignal(false);
  const tableId = `chart-table-${createUniqueId()}`;
  const empty = () => isEmptySeries(props.series);

  onMount(() => {
    let live = true;
    void Promise.all([import("uplot"), import("uplot/dist/uPlot.min.css")]).then(([module]) => {
      if (live) setUPlot(() => module.default);
    });
    const themeWatch = new MutationObserver(() => setTheme((n) => n + 1));
    themeWatch.observe(document.documentElement, { attributeFilter: ["data-theme"] });
    onCleanup(() => {
      live = false;
      themeWatch.disconnect();
    });
  });

  createEffect(() => {
    const Chart = UPlot();
    theme();
    const area = plotArea;
    if (!Chart || !area || empty()) return;
    const data: uPlot.AlignedData = [
      props.days.map(daySeconds),
      ...props.series.map((one) => one.values),
    ];
    const chart = new Chart(
      chartOptions(Chart, props, area.clientWidth || 600, themeColors(figure)),
      data,
      area,
    );
    const resize = new ResizeObserver(() => {
      if (area.clientWidth > 0) chart.setSize({ width: area.clientWidth, height: HEIGHT });
    });
    resize.observe(area);
    onCleanup(() => {
      resize.disconnect();
      chart.destroy();
    });
  });

  return (
    <figure class="report-chart" ref={figure}>
      <figcaption class="report-chart__caption">{props.caption}</figcaption>
      <Show when={!empty()} fallback={<p class="report-chart__empty ds-muted">{props.empty}</p>}>
        <div
          class="report-chart__plot"
          role="img"
          aria-label={`${props.caption}: a chart of the table below`}
          ref={plotArea}
        />
        <button
          type="button"
          class="report-chart__toggle"
          aria-expanded={showTable()}
          aria-controls={tableId}
          onClick={() => setShowTable((shown) => !shown)}
        >
          {showTable() ? "Hide the numbers" : "Show the numbers"}
          <span class="ds-visually-hidden">: {props.caption}</span>
        </button>
        {/* hidden, the table stays readable to assistive technology but takes no focus stop */}
        <Show
          when={showTable()}
          fallback={
            // the wrapper clips: a table itself ignores the 1px size and would stretch the page
            <div id={tableId} class="ds-visually-hidden">
              <table>
                <caption>{props.caption}</caption>
                <DataRows {...props} />
              </table>
            </div>
          }
        >
          <div id={tableId} class="report-chart__table">
            <Table caption={props.caption} hideCaption>
              <DataRows {...props} />
            </Table>
          </div>
        </Show>
      </Show>
    </figure>
  );
}
