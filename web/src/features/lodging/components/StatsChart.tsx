// Notifications per day as ECharts stacked bars, one colour per kind of establishment (citizens'
// own declarations too), with the late ones of each day as a line. Only the ECharts parts used here
// are bundled.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DaySeries {
  name: string;
  color: string;
  values: number[];
}

export function StatsChart({ days, series, late, lateName, height = 320 }: { days: string[]; series: DaySeries[]; late: number[]; lateName: string; height?: number }) {
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
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: days },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          ...series.map((s) => ({ name: s.name, type: 'bar', stack: 'notifications', data: s.values, itemStyle: { color: s.color }, emphasis: { focus: 'series' } })),
          { name: lateName, type: 'line', data: late, itemStyle: { color: '#b3261e' }, lineStyle: { type: 'dashed' }, showSymbol: false },
        ],
      },
      true,
    );
  }, [days, series, late, lateName]);

  return <div ref={el} style={{ width: '100%', height }} data-testid="stats-chart" role="img" aria-label={series.map((s) => s.name).join(', ')} />;
}
