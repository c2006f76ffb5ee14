/** Server-side ECharts: chart series → inline SVG strings (no browser, no JavaScript in the page). */
import * as echarts from 'echarts';
import { centsDecimal } from './table-model.ts';
import type { ChartSeries } from './chart-data.ts';

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Display value only (axis and bar length); the figures in words come from the exact printed text. */
function plotValue(cents: number): number {
  return Number(centsDecimal(cents));
}

function option(s: ChartSeries): echarts.EChartsCoreOption {
  const textStyle = { fontFamily: FONT };
  if (s.kind === 'pie') {
    return {
      animation: false,
      textStyle,
      title: { text: s.title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          top: 30,
          label: { formatter: '{b}\n{c} 万元 ({d}%)', textBorderWidth: 0 },
          data: s.items.map((i) => ({ name: i.name, value: plotValue(i.cents) })),
        },
      ],
    };
  }
  return {
    animation: false,
    textStyle,
    title: { text: s.title, left: 'center', textStyle: { fontSize: 14, fontFamily: FONT } },
    grid: { left: 150, right: 70, top: 40, bottom: 30 },
    xAxis: { type: 'value', name: s.unit },
    yAxis: { type: 'category', inverse: true, data: s.items.map((i) => i.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: s.items.map((i) => plotValue(i.cents)), label: { show: true, position: 'right', textBorderWidth: 0 }, itemStyle: { color: '#b03a2e' } }],
  };
}

export function renderChartSvg(s: ChartSeries, width = 560): string {
  const height = s.kind === 'pie' ? 300 : Math.max(160, 70 + s.items.length * 34);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option(s));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
