// Entries and exits: bars per hour of a day, or lines per day.
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';

export const IN_COLOUR = '#1f6fb2';
export const OUT_COLOUR = '#c77c02';

export interface CountSeries {
  name: string;
  values: number[];
  color: string;
}

export function CountChart({ type, categories, series, height = 260, testId, label }: { type: 'bar' | 'line'; categories: string[]; series: CountSeries[]; height?: number; testId?: string; label: string }) {
  const option = useMemo(
    () => ({
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
    }),
    [type, categories, series],
  );
  return <EChart option={option} height={height} testId={testId} label={label} />;
}
