// ECharts bar charts of scores (0–100 %): the four goals of one unit, or the overall score of the
// weakest units of a province. Only the parts of ECharts used here are bundled.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
  color?: string;
  /** One colour per bar (instead of `color`). */
  colors?: string[];
}

/** Horizontal bars: one row per category, one bar per series, 0–100 %. */
export function ScoreChart({ categories, series, height, onPick, testId }: { categories: string[]; series: Series[]; height: number; onPick?: (index: number) => void; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => pick.current?.(p.dataIndex));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${Number(v).toFixed(1)} %` },
        legend: series.length > 1 ? { top: 0 } : { show: false },
        grid: { left: 8, right: 40, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 5) * 5 - 5), max: 100, axisLabel: { formatter: '{value} %' } },
        yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
        series: series.map((s) => ({
          name: s.name,
          type: 'bar',
          data: s.values.map((v, i) => (s.colors?.[i] ? { value: v, itemStyle: { color: s.colors[i] } } : v)),
          ...(s.color ? { itemStyle: { color: s.color } } : {}),
          label: { show: true, position: 'right', formatter: (p: { value: number }) => p.value.toFixed(1) },
          cursor: onPick ? 'pointer' : 'default',
        })),
      },
      true,
    );
  }, [categories, series, onPick]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={categories.join(', ')} />;
}
