import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

/** A write whose completion the test decides. */
function controlledWrites() {
  const calls: { items: number[]; done: (fail?: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<number[]>((resolve, reject) => calls.push({ items, done: (fail) => (fail ? reject(fail) : resolve(items.map((i) => i * 10))) }));
  return { calls, write };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes what was submitted together in one call and answers each submitter', async () => {
    const { calls, write } = controlledWrites();
    const g = groupCommit(write);
    const answers = [1, 2, 3].map((i) => g.submit(i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1, 2, 3]]);
    calls[0]!.done();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });

  it('writes one batch at a time, at most `maxBatch` items each, and sends what waited when one ends', async () => {
    const { calls, write } = controlledWrites();
    const g = groupCommit(write, 2);
    const answers = [1, 2, 3].map((i) => g.submit(i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1, 2]]);
    calls[0]!.done();
    await Promise.all(answers.slice(0, 2));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1, 2], [3]]);
    calls[1]!.done();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });

  it('fails only the submitters of the batch that failed', async () => {
    const { calls, write } = controlledWrites();
    const g = groupCommit(write);
    const a = g.submit(1);
    await tick();
    const b = g.submit(2);
    calls[0]!.done(new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await tick();
    calls[1]!.done();
    expect(await b).toBe(20);
  });
});
