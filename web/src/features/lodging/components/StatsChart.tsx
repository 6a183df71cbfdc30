// Notifications per day as stacked bars, one colour per kind of establishment (citizens' own
// declarations too), with the late ones of each day as a line.
import { useMemo } from 'react';
import { EChart } from '../../../components/EChart.tsx';

export interface DaySeries {
  name: string;
  color: string;
  values: number[];
}

export function StatsChart({ days, series, late, lateName, height = 320 }: { days: string[]; series: DaySeries[]; late: number[]; lateName: string; height?: number }) {
  const option = useMemo(
    () => ({
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
    }),
    [days, series, late, lateName],
  );
  return <EChart option={option} height={height} testId="stats-chart" label={series.map((s) => s.name).join(', ')} />;
}
