// Small charts drawn on the server as SVG, no chart library. Each one is an image with a title
// and a description for screen readers, prints its numbers as text (nothing is told by colour
// alone), and comes with a real table of the same numbers: no chart is the only way to read them.
import { useTranslation } from "~/ui/translation";
import { formatDateWith, formatNumber, type Locale } from "~/utils/i18n";
import { StaticIsland } from "./static-island";
import { ScrollTable } from "./table";

/** The top of an axis: the maximum rounded up to 1, 2 or 5 times a power of ten. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max)!;
  return step * power;
}

/** Where a bar ends: its share of the axis, in [0, 1]. */
export function share(value: number, max: number): number {
  return max > 0 ? Math.min(Math.max(value / max, 0), 1) : 0;
}

const LONG_WEEK: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
const SHORT_WEEK: Intl.DateTimeFormatOptions = { month: "numeric", day: "numeric", timeZone: "UTC" };

function weekLabel(week: string, locale: Locale, long = false): string {
  return formatDateWith(locale, long ? LONG_WEEK : SHORT_WEEK, `${week}T00:00:00Z`);
}

interface ChartText {
  /** Unique on the page: the SVG's title and description hang off it. */
  id: string;
  title: string;
  /** One or two sentences that say what the chart shows (its main finding), for screen readers. */
  summary: string;
}

/**
 * A chart with its table. `draw` makes the chart's shapes and the table's `rows` its rows, each
 * only when its island renders (no hooks inside: see IslandChildren).
 */
function Figure({ id, title, summary, width, height, draw, table }: ChartText & { width: number; height: number; draw: () => React.ReactNode; table: React.ReactNode }) {
  return (
    <figure className="chart">
      <StaticIsland as="svg" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="chart-svg" focusable="false">
        {() => (
          <>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{summary}</desc>
            {draw()}
          </>
        )}
      </StaticIsland>
      {table}
    </figure>
  );
}

function NumbersTable({
  caption,
  headers,
  rows,
  collapsed,
}: {
  caption: string;
  headers: string[];
  rows: () => { key: string; cells: (string | number)[] }[];
  collapsed: boolean;
}) {
  const { t } = useTranslation();
  const table = (
    <ScrollTable label={t("stats.chart.tableRegion", { title: caption })}>
      <table className="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? "num" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <StaticIsland as="tbody">
          {() =>
            rows().map((r) => (
              <tr key={r.key}>
                {r.cells.map((c, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))
          }
        </StaticIsland>
      </table>
    </ScrollTable>
  );
  if (!collapsed) return table;
  return (
    <details className="chart-numbers">
      <summary>{t("stats.chart.showTable", { title: caption })}</summary>
      {table}
    </details>
  );
}

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** The value as printed beside the bar and in the table (defaults to the formatted number). */
  text?: string;
  /** The table's cells after the label, when they differ from the printed value. */
  cells?: string[];
}

const BAR_WIDTH = 400;

/** Horizontal bars, one per row, each with its label above and its value printed after it. */
export function BarChart({
  rows,
  locale,
  headers,
  collapsedTable = false,
  ...text
}: ChartText & { rows: BarRow[]; locale: Locale; headers: string[]; collapsedTable?: boolean }) {
  const max = niceMax(Math.max(0, ...rows.map((r) => r.value)));
  const rowHeight = 44;
  const valueRoom = 150;
  const height = rows.length * rowHeight + 8;
  return (
    <Figure
      {...text}
      width={BAR_WIDTH}
      height={height}
      table={
        <NumbersTable
          caption={text.title}
          headers={headers}
          rows={() => rows.map((r) => ({ key: r.key, cells: [r.label, ...(r.cells ?? [r.text ?? formatNumber(r.value, locale)])] }))}
          collapsed={collapsedTable}
        />
      }
      draw={() =>
        rows.map((r, i) => {
          const y = i * rowHeight;
          const w = share(r.value, max) * (BAR_WIDTH - valueRoom);
          return (
            <g key={r.key} className="chart-row">
              <text x={0} y={y + 16} className="chart-label">
                {r.label}
              </text>
              <rect x={0} y={y + 22} width={Math.max(w, r.value > 0 ? 2 : 0)} height={16} className="chart-bar" />
              <text x={w + 6} y={y + 35} className="chart-value">
                {r.text ?? formatNumber(r.value, locale)}
              </text>
            </g>
          );
        })
      }
    />
  );
}

/** The pipeline as a funnel: bars centred on one axis, each with its count and share of the first. */
export function FunnelChart({
  steps,
  locale,
  headers,
  ...text
}: ChartText & { steps: { key: string; label: string; value: number }[]; locale: Locale; headers: [string, string, string] }) {
  const first = steps[0]?.value ?? 0;
  const max = Math.max(first, ...steps.map((s) => s.value));
  const rowHeight = 50;
  const height = steps.length * rowHeight + 4;
  const percent = (v: number) => (first > 0 ? `${formatNumber(Math.round((v / first) * 100), locale)}%` : "–");
  return (
    <Figure
      {...text}
      width={BAR_WIDTH}
      height={height}
      table={
        <NumbersTable
          caption={text.title}
          headers={headers}
          rows={() => steps.map((s) => ({ key: s.key, cells: [s.label, formatNumber(s.value, locale), percent(s.value)] }))}
          collapsed={false}
        />
      }
      draw={() =>
        steps.map((s, i) => {
          const y = i * rowHeight;
          const w = share(s.value, max) * BAR_WIDTH;
          return (
            <g key={s.key} className="chart-row">
              <rect x={(BAR_WIDTH - w) / 2} y={y + 2} width={Math.max(w, s.value > 0 ? 2 : 0)} height={22} className="chart-bar funnel-bar" />
              <text x={BAR_WIDTH / 2} y={y + 42} textAnchor="middle" className="chart-label funnel-label">
                {`${i + 1}. ${s.label}: ${formatNumber(s.value, locale)} (${percent(s.value)})`}
              </text>
            </g>
          );
        })
      }
    />
  );
}

const WEEK_WIDTH = 420;

/** One column per week, with a labelled axis; each column carries its number as a tooltip. */
export function WeekChart({
  weeks,
  locale,
  headers,
  ...text
}: ChartText & { weeks: { week: string; count: number }[]; locale: Locale; headers: [string, string] }) {
  const max = niceMax(Math.max(0, ...weeks.map((w) => w.count)));
  // Room for the longest axis label (about 9 units a character at the axis font size).
  const left = Math.max(32, formatNumber(max, locale).length * 9 + 12);
  const top = 10;
  const plot = 180;
  const height = top + plot + 34;
  // Room on the right for the last axis label, centred under the last column.
  const slot = weeks.length ? (WEEK_WIDTH - left - 22) / weeks.length : 0;
  const every = Math.max(1, Math.ceil(weeks.length / 6));
  const ticks = [0, max / 2, max];
  return (
    <Figure
      {...text}
      width={WEEK_WIDTH}
      height={height}
      table={
        <NumbersTable
          caption={text.title}
          headers={headers}
          rows={() => weeks.map((w) => ({ key: w.week, cells: [weekLabel(w.week, locale, true), formatNumber(w.count, locale)] }))}
          collapsed
        />
      }
      draw={() => (
        <>
          {ticks.map((tick) => {
            const y = top + plot - share(tick, max) * plot;
            return (
              <g key={tick} className="chart-grid">
                <line x1={left} x2={WEEK_WIDTH - 22} y1={y} y2={y} />
                <text x={left - 6} y={y + 5} textAnchor="end" className="chart-axis">
                  {formatNumber(tick, locale)}
                </text>
              </g>
            );
          })}
          {weeks.map((w, i) => {
            const h = share(w.count, max) * plot;
            const x = left + i * slot;
            return (
              <g key={w.week}>
                <rect x={x + slot * 0.15} y={top + plot - h} width={slot * 0.7} height={h} className="chart-bar">
                  <title>{`${weekLabel(w.week, locale, true)}: ${formatNumber(w.count, locale)}`}</title>
                </rect>
                {i % every === 0 ? (
                  <text x={x + slot / 2} y={top + plot + 22} textAnchor="middle" className="chart-axis">
                    {weekLabel(w.week, locale)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </>
      )}
    />
  );
}

export { weekLabel };
