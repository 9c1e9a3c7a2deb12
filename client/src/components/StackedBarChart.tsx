/**
 * A small stacked bar chart in plain SVG (decision 025: no chart library — recharts, visx and
 * nivo each add 40–150 kB gzip for what is here ~2 kB, and none makes the chart the accessible
 * form of the numbers anyway). It is an extra beside a real table: one `role="img"` with a title
 * and a summary, the totals written on the bars, and patterns of colour AND position only.
 */
export interface Bar {
  label: string;
  segments: Array<{ key: string; value: number }>;
}

export function StackedBarChart(props: {
  title: string;
  summary: string;
  bars: readonly Bar[];
  series: ReadonlyArray<{ key: string; label: string; colour: string }>;
}) {
  const height = 180;
  const barWidth = 34;
  const gap = 14;
  const top = 18;
  const bottom = 34;
  const max = Math.max(1, ...props.bars.map((bar) => total(bar)));
  const width = props.bars.length * (barWidth + gap) + gap;
  const scale = (value: number) => (value / max) * (height - top - bottom);
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={`${props.title}. ${props.summary}`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {props.bars.map((bar, index) => {
          const x = gap + index * (barWidth + gap);
          let y = height - bottom;
          return (
            <g key={bar.label}>
              {bar.segments.map((segment) => {
                const h = scale(segment.value);
                y -= h;
                const colour = props.series.find((s) => s.key === segment.key)?.colour ?? '#000';
                return h > 0 ? (
                  <rect key={segment.key} x={x} y={y} width={barWidth} height={h} fill={colour} />
                ) : null;
              })}
              <text x={x + barWidth / 2} y={y - 4} textAnchor="middle" fontSize="11">
                {total(bar)}
              </text>
              <text x={x + barWidth / 2} y={height - bottom + 14} textAnchor="middle" fontSize="10">
                {bar.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {props.series.map((series) => (
            <li key={series.key}>
              <span
                className="legend__swatch"
                style={{ background: series.colour }}
                aria-hidden="true"
              />
              {series.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function total(bar: Bar): number {
  return bar.segments.reduce((sum, segment) => sum + segment.value, 0);
}
