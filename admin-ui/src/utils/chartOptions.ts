import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// ECharts options of the console's charts, built from plain columns so the
// pages stay declarative and this stays testable without a canvas.

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export interface SeriesSpec {
  name: string;
  values: (number | null)[];
  kind?: 'line' | 'bar';
  stack?: string; // series with the same stack pile up
  area?: boolean;
  color?: string; // a fixed colour (errors in red); otherwise the theme's
}

type Formatter = (value: number) => string;

function tooltipValue(format: Formatter) {
  return (value: unknown): string => (typeof value === 'number' ? format(value) : '—');
}

export interface TimeChartSpec {
  labels: string[]; // the buckets, already formatted
  series: SeriesSpec[];
  format: Formatter; // tooltip values
  axisFormat?: Formatter; // y axis labels (shorter), default `format`
  integer?: boolean; // counts: no 0.5 request ticks
}

export function timeChartOption({ labels, series, format, axisFormat = format, integer = false }: TimeChartSpec): ChartOption {
  const bars = series.some((s) => s.kind === 'bar');
  return {
    // The card's background shows through, in both themes.
    backgroundColor: 'transparent',
    grid: { left: 8, right: 28, top: series.length > 1 ? 36 : 16, bottom: 8 },
    tooltip: { trigger: 'axis', valueFormatter: tooltipValue(format), confine: true },
    legend: series.length > 1 ? { top: 0, type: 'scroll' } : { show: false },
    xAxis: { type: 'category', data: labels, boundaryGap: bars },
    yAxis: { type: 'value', minInterval: integer ? 1 : 0, axisLabel: { formatter: (value: number) => axisFormat(value) } },
    series: series.map((s): LineSeriesOption | BarSeriesOption =>
      s.kind === 'bar'
        ? { name: s.name, type: 'bar', data: s.values, stack: s.stack, barMaxWidth: 24, color: s.color }
        : {
            name: s.name,
            type: 'line',
            data: s.values,
            stack: s.stack,
            color: s.color,
            // Straight segments: a smoothed curve overshoots and draws values that never were.
            smooth: false,
            connectNulls: false,
            // Dots on few points help reading; on 700 they are noise.
            showSymbol: labels.length <= 31,
            areaStyle: s.area ? { opacity: 0.15 } : undefined,
          },
    ),
  };
}

// Horizontal bars, largest on top (names top to bottom as given).
export function barChartOption(
  names: string[],
  values: number[],
  seriesName: string,
  format: Formatter,
  axisFormat: Formatter = format,
  integer = false,
): ChartOption {
  return {
    backgroundColor: 'transparent',
    grid: { left: 8, right: 24, top: 8, bottom: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipValue(format), confine: true },
    legend: { show: false },
    xAxis: { type: 'value', minInterval: integer ? 1 : 0, axisLabel: { formatter: (value: number) => axisFormat(value) } },
    // ECharts draws the first category at the bottom; reversed, the largest is on top.
    yAxis: {
      type: 'category',
      data: names.slice().reverse(),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [{ name: seriesName, type: 'bar', data: values.slice().reverse(), barMaxWidth: 20 }],
  };
}

export function pieChartOption(items: { name: string; value: number }[], seriesName: string, format: Formatter): ChartOption {
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item', valueFormatter: tooltipValue(format), confine: true },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        data: items,
        label: { show: false },
        avoidLabelOverlap: true,
      },
    ],
  };
}
