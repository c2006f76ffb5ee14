/**
 * Server-side ECharts: chart series → inline SVG strings (no browser, no JavaScript in the page).
 *
 * Read like the tables beside them: figures printed as the tables print them ("1,684.78", from the
 * exact cents, never from the plotted float), text at least 12 px where the page shows the chart
 * (CHART_MIN_WIDTH: the page never scales a chart below it, so 13-px text stays ≥ 12 px), and the
 * page's own colours (CHART_PALETTE, from html.ts's CSS variables).
 */
import * as echarts from 'echarts';
import { formatCents } from '../core/money.ts';
import { centsDecimal } from './table-model.ts';
import type { ChartSeries } from './chart-data.ts';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** The page's ink, muted text and rule colours (html.ts :root --ink, #57606a, --line). */
export const CHART_INK = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';
/** Series colours: the page's accent first, then its greys and tints of the accent. */
export const CHART_PALETTE = ['#9e1b14', '#57606a', '#c4645d', '#8c959f', '#e3aaa5', '#2f3a45'] as const;

/** Text sizes in px at the chart's own width. */
export const CHART_FONT = { label: 13, title: 15 } as const;
/** Charts are drawn this wide; the page lets them shrink to CHART_MIN_WIDTH at most (13 × 480/520 ≥ 12). */
export const CHART_WIDTH = 520;
export const CHART_MIN_WIDTH = 480;

/** Display value only (axis and bar length); the figures in words come from the exact printed text. */
function plotValue(cents: number): number {
  return Number(centsDecimal(cents));
}

/** Axis ticks as the tables print numbers: thousands separated (ticks are round, so no decimals needed). */
const axisNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function option(s: ChartSeries): echarts.EChartsCoreOption {
  const textStyle = { fontFamily: FONT, fontSize: CHART_FONT.label, color: CHART_INK };
  const title = { text: s.title, left: 'center', textStyle: { fontSize: CHART_FONT.title, fontFamily: FONT, color: CHART_INK, fontWeight: 'bold' } };
  const printed = (i: number) => formatCents(s.items[i]!.cents);
  if (s.kind === 'pie') {
    return {
      animation: false,
      color: [...CHART_PALETTE],
      textStyle,
      title,
      series: [
        {
          type: 'pie',
          radius: ['32%', '55%'],
          top: 34,
          label: {
            fontSize: CHART_FONT.label,
            lineHeight: 18,
            color: CHART_INK,
            textBorderWidth: 0,
            alignTo: 'edge',
            edgeDistance: 8,
            formatter: (p: { dataIndex: number; name: string; percent: number }) => `${p.name}\n${printed(p.dataIndex)} ${s.unit}\n${p.percent.toFixed(2)}%`,
          },
          labelLine: { lineStyle: { color: MUTED } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: s.items.map((i) => ({ name: i.name, value: plotValue(i.cents) })),
        },
      ],
    };
  }
  return {
    animation: false,
    color: [...CHART_PALETTE],
    textStyle,
    title,
    grid: { left: 160, right: 90, top: 44, bottom: 34 },
    xAxis: {
      type: 'value',
      name: s.unit,
      nameTextStyle: { fontSize: CHART_FONT.label, color: MUTED },
      axisLabel: { fontSize: CHART_FONT.label, color: MUTED, formatter: (v: number) => axisNumber.format(v) },
      splitLine: { lineStyle: { color: RULE } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: s.items.map((i) => i.name),
      axisLabel: { fontSize: CHART_FONT.label, color: CHART_INK, width: 150, overflow: 'truncate' },
      axisLine: { lineStyle: { color: MUTED } },
    },
    series: [
      {
        type: 'bar',
        data: s.items.map((i) => plotValue(i.cents)),
        label: { show: true, position: 'right', fontSize: CHART_FONT.label, color: CHART_INK, textBorderWidth: 0, formatter: (p: { dataIndex: number }) => printed(p.dataIndex) },
        itemStyle: { color: CHART_PALETTE[0] },
      },
    ],
  };
}

export function renderChartSvg(s: ChartSeries, width = CHART_WIDTH): string {
  const height = s.kind === 'pie' ? 300 : Math.max(170, 80 + s.items.length * 36);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option(s));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
