import { describe, expect, test } from 'vitest';
import { barChartOption, pieChartOption, timeChartOption } from '@/utils/chartOptions';

// The options are plain objects; these read them as ECharts would.
type Loose = Record<string, any>;

describe('timeChartOption', () => {
  const labels = ['12/01', '12/02'];
  const money = (v: number) => `$${v.toFixed(2)}`;

  test('one series per spec on a category axis of the labels', () => {
    const option = timeChartOption({
      labels,
      series: [
        { name: 'Requests', values: [3, 4], kind: 'bar' },
        { name: 'Errors', values: [0, 1], kind: 'bar', color: '#f53f3f' },
      ],
      format: String,
      integer: true,
    }) as Loose;
    expect(option.series[1].color).toBe('#f53f3f');
    expect(option.series[0].color).toBeUndefined();
    expect(option.xAxis).toMatchObject({ type: 'category', data: labels, boundaryGap: true });
    expect(option.yAxis.minInterval).toBe(1);
    expect(option.series.map((s: Loose) => [s.name, s.type, s.data])).toEqual([
      ['Requests', 'bar', [3, 4]],
      ['Errors', 'bar', [0, 1]],
    ]);
    expect(option.legend.show).not.toBe(false);
    expect(option.backgroundColor).toBe('transparent');
  });

  test('lines keep gaps, stack when asked, and hide the legend for one series', () => {
    const option = timeChartOption({ labels, series: [{ name: 'Cost', values: [null, 2], area: true, stack: 's' }], format: money }) as Loose;
    const [line] = option.series;
    expect(line).toMatchObject({ type: 'line', data: [null, 2], connectNulls: false, stack: 's', smooth: false });
    expect(line.areaStyle).toBeDefined();
    expect(option.legend.show).toBe(false);
    expect(option.xAxis.boundaryGap).toBe(false);
    expect(option.yAxis.minInterval).toBe(0);
  });

  test('formats tooltip values and axis labels with the given functions', () => {
    const option = timeChartOption({ labels, series: [{ name: 'Cost', values: [1, 2] }], format: money, axisFormat: (v) => `~${v}` }) as Loose;
    expect(option.tooltip.valueFormatter(1.5)).toBe('$1.50');
    expect(option.tooltip.valueFormatter(null)).toBe('—');
    expect(option.yAxis.axisLabel.formatter(3)).toBe('~3');
  });

  test('drops dots on long series', () => {
    const long = Array.from({ length: 49 }, (_, i) => String(i));
    const option = timeChartOption({ labels: long, series: [{ name: 'x', values: long.map(Number) }], format: String }) as Loose;
    expect(option.series[0].showSymbol).toBe(false);
  });
});

describe('barChartOption', () => {
  test('puts the first (largest) item on top', () => {
    const option = barChartOption(['big', 'mid', 'small'], [9, 5, 1], 'Requests', String) as Loose;
    // ECharts draws category 0 at the bottom.
    expect(option.yAxis.data).toEqual(['small', 'mid', 'big']);
    expect(option.series[0].data).toEqual([1, 5, 9]);
    expect(option.series[0].name).toBe('Requests');
    expect(option.xAxis.minInterval).toBe(0);
    expect((barChartOption(['a'], [1], 'Requests', String, String, true) as Loose).xAxis.minInterval).toBe(1);
  });
});

describe('pieChartOption', () => {
  test('one slice per item, formatted tooltips', () => {
    const items = [
      { name: 'mock', value: 5 },
      { name: 'openai', value: 2 },
    ];
    const option = pieChartOption(items, 'Requests', (v) => `${v} req`) as Loose;
    expect(option.series[0]).toMatchObject({ type: 'pie', name: 'Requests', data: items });
    expect(option.tooltip.valueFormatter(5)).toBe('5 req');
  });
});
