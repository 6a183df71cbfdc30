// Chip ID cards and ICAO documents for integrators and reader-app developers (JSON on stdout):
//   open06 card qr '<payload>'        the printed QR of the ID card (unverified by nature)
//   open06 card verify --sod <file> [--dg1 … --dg2 … --dg13 … --dg14 … --dg15 …] [--trust <dir>] [--at <date>]
//   open06 card bac-keys --document <no> --dob <yymmdd> --expiry <yymmdd>
//   open06 card trust import <files…> | open06 card trust list      the server's CSCA trust store
//   open06 mrz '<lines>'              a TD1 MRZ with each check digit
// Exit 0 when the input was understood, whatever the verdict; 2 with the reason on stderr when not.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { bacKeys, CardInputError, mrzInformation, parseIdCardQr, parseTd1, toHex } from '@open06/kernel/card';
import { AppError } from '../http/errors.ts';
import { loadConfig } from '../platform/config.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';
import { passiveAuthenticate, suggestCurrentCommune, TrustStore, TrustStoreError, createTrustedCertificateStore, type ChipFiles, type TrustTables } from '../modules/verification/index.ts';

/** Stops with exit status 2 and the reason, in English and Vietnamese. */
function unusable(reason: string): never {
  console.error(reason);
  process.exit(2);
}

function explain(e: unknown): never {
  if (e instanceof CardInputError) unusable(`${e.code}: ${e.text.en}\n${e.text.vi}`);
  if (e instanceof AppError) unusable(e.fields.map((f) => `${f.path} ${f.code}: ${f.message.en}\n${f.message.vi}`).join('\n') || e.message);
  if (e instanceof TrustStoreError) unusable(`trust store: ${e.message}`);
  throw e;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function readFile(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(path));
  } catch {
    unusable(`${what}: cannot read ${path}`);
  }
}

const GROUPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

export function registerCardCommands(program: Command): void {
  const card = program.command('card').description('Chip ID cards: printed QR, passive authentication, BAC keys, trust store');

  card
    .command('qr [payload]')
    .description('Read the QR printed on an ID card (read from stdin when no payload is given); the result is never verified')
    .action(async (payload: string | undefined) => {
      try {
        const q = parseIdCardQr(payload ?? (await readStdin()));
        const suggestion = q.address ? suggestCurrentCommune(q.address) : null;
        console.log(JSON.stringify({ ...q, addressSuggestion: suggestion }));
      } catch (e) {
        explain(e);
      }
    });

  const verify = card
    .command('verify')
    .description('Passive authentication of files read from a chip: EF.SOD signature, certificate chain, data-group hashes')
    .requiredOption('--sod <file>', 'EF.SOD as read from the chip (tag 77)')
    .option('--trust <dir>', 'directory of CSCA master lists (.ml) and certificates (.der .cer .crt .pem)')
    .option('--trust-db', "use the server's trust store in the database instead")
    .option('--at <date>', 'judge certificate validity at this date (ISO 8601; default now)');
  for (const n of GROUPS) verify.option(`--dg${n} <file>`, `DG${n} as read from the chip`);
  verify.action(async (o: Record<string, string | boolean | undefined>) => {
    const at = o.at === undefined ? new Date() : new Date(String(o.at));
    if (Number.isNaN(at.getTime())) unusable(`--at: "${o.at}" is not a date (use e.g. 2026-06-01)`);
    const files: ChipFiles = { sod: readFile(String(o.sod), '--sod') };
    for (const n of GROUPS) if (typeof o[`dg${n}`] === 'string') files[`dg${n}` as keyof ChipFiles] = readFile(o[`dg${n}`] as string, `--dg${n}`);
    let trust = new TrustStore();
    try {
      if (typeof o.trust === 'string') {
        if (!fs.existsSync(o.trust) || !fs.statSync(o.trust).isDirectory()) unusable(`--trust: ${o.trust} is not a directory`);
        trust = await TrustStore.fromDirectory(o.trust);
      } else if (o.trustDb) {
        const db = await openConfiguredDatabase(loadConfig(), 'open06 card verify');
        try {
          trust = await createTrustedCertificateStore(db.kysely as Kysely<TrustTables>).load();
        } finally {
          await db.close();
        }
      }
      const report = await passiveAuthenticate(files, { trust, at, fieldPath: (f) => `--${f}` });
      const { photo, ...rest } = report;
      console.log(JSON.stringify({ ...rest, ...(photo ? { photo: { mime: photo.mime, width: photo.width, height: photo.height, base64: Buffer.from(photo.bytes).toString('base64') } } : {}) }));
    } catch (e) {
      explain(e);
    }
  });

  card
    .command('bac-keys')
    .description('BAC keys from the MRZ fields (ICAO Doc 9303 Part 11 §9.7.2): K_seed, K_enc, K_mac in hex')
    .requiredOption('--document <no>', 'document number as in the MRZ')
    .requiredOption('--dob <yymmdd>', 'date of birth')
    .requiredOption('--expiry <yymmdd>', 'date of expiry')
    .action((o: { document: string; dob: string; expiry: string }) => {
      try {
        const k = bacKeys(o.document, o.dob, o.expiry);
        console.log(JSON.stringify({ mrzInformation: mrzInformation(o.document, o.dob, o.expiry), kSeed: toHex(k.kSeed), kEnc: toHex(k.kEnc), kMac: toHex(k.kMac) }));
      } catch (e) {
        explain(e);
      }
    });

  const trust = card.command('trust').description("The server's CSCA trust store (database)");
  trust
    .command('import <files...>')
    .description('Import ICAO CSCA master lists and certificates (DER or PEM) into the database')
    .option('--by <who>', 'who imports (kept with each certificate)', process.env.USER ?? 'cli')
    .action(async (paths: string[], o: { by: string }) => {
      const store = new TrustStore();
      const perFile: { file: string; certificates: number }[] = [];
      try {
        for (const p of paths) perFile.push({ file: p, certificates: store.addFile(readFile(p, p), p.split('/').pop()!).length });
      } catch (e) {
        explain(e);
      }
      const db = await openConfiguredDatabase(loadConfig(), 'open06 card trust import');
      try {
        const added = await createTrustedCertificateStore(db.kysely as Kysely<TrustTables>).save(store.list(), o.by);
        console.log(JSON.stringify({ files: perFile, read: store.size, added }));
      } finally {
        await db.close();
      }
    });
  trust
    .command('list')
    .description('List the certificates in the trust store, one JSON object per line')
    .action(async () => {
      const db = await openConfiguredDatabase(loadConfig(), 'open06 card trust list');
      try {
        for (const r of await createTrustedCertificateStore(db.kysely as Kysely<TrustTables>).list()) console.log(JSON.stringify(r));
      } finally {
        await db.close();
      }
    });

  program
    .command('mrz [lines...]')
    .description('Parse a TD1 MRZ (three lines of 30; read from stdin when not given) and check every check digit')
    .action(async (lines: string[]) => {
      try {
        const text = lines.length ? lines.join('\n') : await readStdin();
        const m = parseTd1(text);
        console.log(JSON.stringify(m));
      } catch (e) {
        explain(e);
      }
    });
}
