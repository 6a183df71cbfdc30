// Online public services (issue 6), on PostgreSQL with 1,000,000 applications in the table:
// - submit: citizens declare a temporary absence online — each request reads the applicant's record
//   for the prefill, checks the form and stores the application, its event and its outbox row —
//   with 32 concurrent clients for 20 s per round: requests/s and p99;
// - desk queue: one-stop officers of the province's communes open their queues (50 clients,
//   20 s per round): p95 against the target 100 ms;
// - a linked birth chain end to end (birth registration → permanent residence → child health
//   insurance, seven officials' approvals, the saga advancing through the outbox): from submission to
//   completion with officials acting at once, p95 over the runs.
// Each figure is the median over the rounds. The app runs in its own process (servers/services-server.ts).
import { log, median, percentile, startServer, type Row } from './lib.ts';
import type { ServicesBenchHello } from './servers/services-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `clients` closed loops for `seconds`: latencies (ms) of the calls that succeeded, and failures. */
async function drive(clients: number, seconds: number, call: (i: number) => Promise<boolean>): Promise<{ ms: number[]; failed: number; wallMs: number }> {
  const ms: number[] = [];
  let failed = 0;
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await call(n++).catch(() => false);
        if (ok) ms.push(performance.now() - t0);
        else failed++;
      }
    }),
  );
  return { ms, failed, wallMs: performance.now() - start };
}

function vnToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export async function servicesBench(pgUrl: string, people: number, applications: number, rounds: number): Promise<Row[]> {
  log(`services: starting the app on PostgreSQL with ${applications} applications (first run inserts them)`);
  const server = await startServer<ServicesBenchHello>('bench/servers/services-server.ts', [pgUrl, String(people), String(applications)]);
  const h = server.info;
  const post = (token: string, path: string, body: object) =>
    fetch(`${h.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = (token: string, path: string) => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  try {
    const submitRps: number[] = [];
    const submitP99: number[] = [];
    const queueP95: number[] = [];
    const queueRps: number[] = [];
    let submitFailed = 0;
    const today = vnToday();
    for (let round = 1; round <= rounds; round++) {
      const s = await drive(32, 20, async (i) => {
        const c = h.citizens[i % h.citizens.length]!;
        const r = await post(c.token, '/api/v1/applications', {
          serviceId: 'temporary-absence-declaration',
          values: { 'absence.case': 'voluntary', 'absence.from': today, 'absence.destination': 'Thành phố Hồ Chí Minh', 'absence.reason': 'Đi làm việc theo hợp đồng' },
        });
        await r.arrayBuffer();
        return r.status === 201;
      });
      submitRps.push((s.ms.length / s.wallMs) * 1000);
      submitP99.push(percentile(s.ms, 99));
      submitFailed += s.failed;
      log(`services round ${round}: submit ${submitRps.at(-1)!.toFixed(0)}/s p99 ${submitP99.at(-1)!.toFixed(1)} ms (${s.failed} failed)`);
      const q = await drive(50, 20, async (i) => {
        const r = await get(h.desks[i % h.desks.length]!, '/api/v1/desk/queue?limit=50');
        await r.arrayBuffer();
        return r.status === 200;
      });
      queueP95.push(percentile(q.ms, 95));
      queueRps.push((q.ms.length / q.wallMs) * 1000);
      log(`services round ${round}: queue p95 ${queueP95.at(-1)!.toFixed(1)} ms at ${queueRps.at(-1)!.toFixed(0)}/s (${q.failed} failed)`);
    }

    // the linked birth chain, officials acting as soon as each step reaches them
    const sagaMs: number[] = [];
    const runs = Math.min(h.parents.length, 20 * rounds);
    for (let k = 0; k < runs; k++) {
      const mother = h.parents[k]!;
      const t0 = performance.now();
      const r = await post(mother.token, '/api/v1/applications', {
        serviceId: 'birth-residence-health-insurance',
        values: {
          'applicant.relationToChild': 'mother',
          'child.fullName': 'Nguyễn Thị An',
          'child.birthDate': today,
          'child.sex': 'F',
          'child.birthPlaceKind': 'other',
          'child.birthPlace': 'Tại nhà',
          'child.ethnicity': '01',
          'child.nationality': 'VN',
          'paternity.fatherKnown': true,
          'registration.copies': 0,
          'residence.relationToHead': 'child',
          'care.facility': 'Trạm y tế phường',
        },
        documents: { witnessStatement: { attachmentId: ((await (await post(mother.token, '/api/v1/attachments', { fileName: 'cam-doan.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF cam đoan').toString('base64') })).json()) as { id: string }).id } },
      });
      if (r.status !== 201) throw new Error(`linked submit: ${r.status} ${await r.text()}`);
      const parent = (await r.json()) as { id: string };
      let finished = false;
      for (let guard = 0; guard < 2000 && !finished; guard++) {
        const a = (await (await get(mother.token, `/api/v1/applications/${parent.id}`)).json()) as {
          status: string;
          steps: { id: string; status: string; step: { role: string } | null; communeCode: string }[];
        };
        if (a.status === 'completed' || a.status === 'refused') {
          finished = a.status === 'completed';
          if (!finished) throw new Error('linked chain refused');
          break;
        }
        const open = a.steps.find((x) => x.status === 'in_progress' && x.step);
        if (!open) {
          await sleep(5);
          continue;
        }
        const unit = open.step!.role === 'social_insurance_officer' ? '31' : open.communeCode;
        const d = await post(h.officials[`${open.step!.role}@${unit}`]!, `/api/v1/applications/${open.id}/decision`, { outcome: 'approve' });
        if (d.status !== 200) throw new Error(`decision ${open.step!.role}: ${d.status} ${await d.text()}`);
      }
      if (!finished) throw new Error('linked chain did not finish');
      sagaMs.push(performance.now() - t0);
    }
    const rows: Row[] = [
      {
        figure: `Submit an application (prefill + validate + store), ${applications.toLocaleString('en')} in the table, 32 clients`,
        engine: 'postgres',
        value: Math.round(median(submitRps)),
        unit: 'req/s',
        target: 'report (req/s and p99)',
        pass: null,
        notes: `p99 ${median(submitP99).toFixed(1)} ms (rounds ${submitP99.map((x) => x.toFixed(0)).join('/')}); ${submitFailed} failed`,
        extra: { p99: Math.round(median(submitP99) * 10) / 10 },
      },
      {
        figure: `Desk queue query p95, ${applications.toLocaleString('en')} applications, 50 officials`,
        engine: 'postgres',
        value: Math.round(median(queueP95) * 10) / 10,
        unit: 'ms',
        target: '< 100 ms',
        pass: median(queueP95) < 100,
        notes: `${Math.round(median(queueRps))} queries/s; rounds ${queueP95.map((x) => x.toFixed(1)).join('/')} ms`,
      },
      {
        figure: 'Linked procedure (birth → permanent residence → child health insurance) end to end p95, officials acting at once',
        engine: 'postgres',
        value: Math.round(percentile(sagaMs, 95)),
        unit: 'ms',
        target: 'report',
        pass: null,
        notes: `${sagaMs.length} chains, 6 approvals + the outbox saga each; median ${Math.round(median(sagaMs))} ms`,
      },
    ];
    return rows;
  } finally {
    await server.stop();
  }
}
