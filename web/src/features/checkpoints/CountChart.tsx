// ECharts of entries and exits: bars per hour of a day, or lines per day. Only the parts of
// ECharts used here are bundled.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const IN_COLOUR = '#1f6fb2';
export const OUT_COLOUR = '#c77c02';

export interface CountSeries {
  name: string;
  values: number[];
  color: string;
}

export function CountChart({ type, categories, series, height = 260, testId, label }: { type: 'bar' | 'line'; categories: string[]; series: CountSeries[]; height?: number; testId?: string; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
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
        tooltip: { trigger: 'axis', axisPointer: { type: type === 'bar' ? 'shadow' : 'line' } },
        legend: { top: 0 },
        grid: { left: 4, right: 12, top: 36, bottom: 4, containLabel: true },
        xAxis: { type: 'category', data: categories, boundaryGap: type === 'bar', axisLabel: { hideOverlap: true, showMaxLabel: true } },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({
          name: s.name,
          type,
          data: s.values,
          itemStyle: { color: s.color },
          ...(type === 'line' ? { smooth: false, symbolSize: 5, lineStyle: { width: 2 } } : { barGap: '10%', barMaxWidth: 18 }),
        })),
      },
      true,
    );
  }, [type, categories, series]);

  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}
