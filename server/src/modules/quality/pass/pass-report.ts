// A pass report as a person reads it in a terminal: families, rules, and the weakest communes.
import type { PassReport } from './quality-checker.ts';
import type { Scorecard } from '../scorecard/scorecard.service.ts';
import { FAMILIES, type RulesConfig } from '../rules/rule-config.ts';

const n = (x: number) => x.toLocaleString('vi-VN');
const pad = (s: string, w: number) => (s.length >= w ? s.slice(0, w) : s + ' '.repeat(w - s.length));
const lpad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

export function formatPassReport(r: PassReport, card: Scorecard | null, config: RulesConfig): string {
  const lines: string[] = [];
  const mins = Math.floor(r.seconds / 60);
  lines.push(
    `Rà soát chất lượng dữ liệu #${r.passId} — ${r.province ? `tỉnh/thành ${r.province}` : 'toàn bộ'} — ${n(r.persons)} người, ${mins ? `${mins} phút ` : ''}${Math.round(r.seconds % 60)} giây, bộ nhớ đỉnh ${n(r.peakRssMB)} MB`,
    `(quality pass #${r.passId}: ${n(r.opened)} findings opened, ${n(r.resolved)} resolved, ${n(r.open.total)} open)`,
    '',
  );
  if (card) {
    lines.push(`${pad('Mục tiêu / goal', 28)}${lpad('điểm / score', 14)}${lpad('phát hiện / open', 18)}`);
    for (const f of FAMILIES) {
      const fam = config.families[f];
      lines.push(`${pad(`${fam.vi} / ${fam.en}`, 28)}${lpad(`${card.unit[f].toFixed(1)} %`, 14)}${lpad(n(r.open.byFamily[f]), 18)}`);
    }
    lines.push(`${pad('Tổng hợp / overall', 28)}${lpad(`${card.unit.overall.toFixed(1)} %`, 14)}${lpad(n(r.open.total), 18)}`);
    lines.push(`${pad('Mức đầy đủ / completeness', 28)}${lpad(`${card.unit.completeness.toFixed(1)} %`, 14)}`, '');
  }
  lines.push(`${pad('Quy tắc / rule', 28)}${pad('nhóm', 8)}${pad('mức', 8)}${lpad('mở / open', 12)}`);
  for (const rule of config.rules) {
    const count = r.open.byRule[rule.id] ?? 0;
    lines.push(`${pad(rule.id, 28)}${pad(config.families[rule.family].vi, 8)}${pad(rule.severity, 8)}${lpad(n(count), 12)}`);
  }
  if (card?.children.length) {
    const worst = card.children.filter((c) => c.persons > 0).slice(0, 10);
    lines.push('', 'Đơn vị thấp điểm nhất / lowest-scoring units:', `${pad('mã', 7)}${pad('tên / name', 30)}${lpad('người', 10)}${lpad('tổng', 8)}${lpad('đúng', 8)}${lpad('đủ', 8)}${lpad('sạch', 8)}${lpad('sống', 8)}`);
    for (const c of worst)
      lines.push(`${pad(c.code, 7)}${pad(c.name, 30)}${lpad(n(c.persons), 10)}${lpad(c.overall.toFixed(1), 8)}${lpad(c.correct.toFixed(1), 8)}${lpad(c.complete.toFixed(1), 8)}${lpad(c.clean.toFixed(1), 8)}${lpad(c.alive.toFixed(1), 8)}`);
  }
  if (r.duplicates) lines.push('', `Trùng lặp / duplicates: ${n(r.duplicates.found)} hồ sơ thừa, ${r.duplicates.seconds} giây`);
  return lines.join('\n');
}
