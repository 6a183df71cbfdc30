// Bar charts of scores (0–100 %): the four goals of one unit, or the overall score of the weakest
// units of a province.
import { useMemo } from 'react';
import { EChart } from '../../components/EChart.tsx';

export interface Series {
  name: string;
  values: number[];
  color?: string;
  /** One colour per bar (instead of `color`). */
  colors?: string[];
}

/** Horizontal bars: one row per category, one bar per series, 0–100 %. */
export function ScoreChart({ categories, series, height, onPick, testId }: { categories: string[]; series: Series[]; height: number; onPick?: (index: number) => void; testId?: string }) {
  const option = useMemo(
    () => ({
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
    }),
    [categories, series, onPick],
  );
  return <EChart option={option} height={height} onPick={onPick} testId={testId} label={categories.join(', ')} />;
}
