// Is a word a well-formed Vietnamese syllable? Onset + rime (+ at most one tone mark) from the
// closed inventory of the written language, with the spelling rules (k/gh/ngh before i, e, ê;
// c/g/ng elsewhere; stop endings p/t/c/ch take only the sắc or nặng tone). Typing with the
// Vietnamese input method off, or a slip of the finger, almost always leaves a word outside this
// inventory ("Nguyeexn", "Truwowng", "Ngyuễn", "Hùg"), while every native name word is inside it.
import { fold } from '@open06/kernel';

const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

// Rimes without tone marks (vowel-quality marks kept: ă â ê ô ơ ư).
const RIMES = new Set(
  `a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
   e ec em en eng eo ep et ê êch êm ên ênh êp êt êu
   i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
   o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong ooc oong op ot
   ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
   u ua uân uâng uât uây uc uê uêch uênh ui um un ung uơ uôc uôi uôm uôn uông uôt up ut uy uya uych uyên uyêt uynh uyt uyu
   ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
   y yêm yên yêt yêu`
    .split(/\s+/)
    .filter(Boolean),
);

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const FRONT = /^[ieêy]/;

/** The word without its tone mark (vowel-quality marks kept), lower case, and the tone mark found. */
function untone(word: string): { base: string; tones: string[] } {
  const d = word.toLocaleLowerCase('vi').normalize('NFD');
  const tones = d.match(TONE_MARKS) ?? [];
  return { base: d.replace(TONE_MARKS, '').normalize('NFC'), tones };
}

export function isVietnameseSyllable(word: string): boolean {
  const { base, tones } = untone(word);
  if (!base || tones.length > 1) return false;
  if (!/^[a-zăâđêôơư]+$/.test(base)) return false;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    let rime = base.slice(onset.length);
    // "qu" carries the glide; "gi" before a vowel is the onset (gia, giữa), before a consonant the i is the rime (gìn)
    if (onset === 'qu' && (!rime || rime.startsWith('u'))) continue;
    if (onset === 'gi' && !rime) rime = 'i';
    // after "qu" the glide is already written: quy = qu + (u)y, quỳnh = qu + (u)ynh
    if (!RIMES.has(rime) && !(onset === 'qu' && RIMES.has(`u${rime}`))) continue;
    if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !FRONT.test(rime)) continue;
    if ((onset === 'c' || onset === 'ng') && FRONT.test(rime)) continue;
    if (onset === 'g' && /^[eê]/.test(rime)) continue;
    if (/(p|t|c|ch)$/.test(rime) && tones.length && !/[\u0301\u0323]/.test(tones[0]!)) continue;
    return true;
  }
  return false;
}

// The same inventory with every mark removed: for words typed entirely without marks.
const FOLDED_RIMES = new Set([...RIMES].map((r) => fold(r)));
const FOLDED_ONSETS = ONSETS.filter((o) => o !== 'đ');

/** Could this word, typed without any mark (as `fold` leaves it), be a Vietnamese syllable? */
export function isFoldedSyllable(word: string): boolean {
  const w = fold(word);
  if (!/^[a-z]+$/.test(w)) return false;
  for (const onset of FOLDED_ONSETS) {
    if (!w.startsWith(onset)) continue;
    let rime = w.slice(onset.length);
    if (onset === 'qu' && (!rime || rime.startsWith('u'))) continue;
    if (onset === 'gi' && !rime) rime = 'i';
    if (!FOLDED_RIMES.has(rime) && !(onset === 'qu' && FOLDED_RIMES.has(`u${rime}`))) continue;
    if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !/^[iey]/.test(rime)) continue;
    if ((onset === 'c' || onset === 'ng') && /^[iey]/.test(rime)) continue;
    return true;
  }
  return false;
}

/**
 * Repairs what typing Telex with the input method off leaves in a folded word: `w` (ư, ơ, ă), tone
 * keys s/f/r/x/j after a vowel, doubled a/e/o (â, ê, ô) and dd (đ). A folded native syllable
 * has none of these, so the repair never changes one.
 */
export function telexRepair(folded: string): string {
  if (!/[wsfrxjz]|aa|ee|oo|dd/.test(folded)) return folded;
  let r = folded.replace(/w/g, '');
  r = r.replace(/([aeiouy])[sfrxjz]+/g, '$1');
  r = r.replace(/aa+/g, 'a').replace(/ee+/g, 'e').replace(/oo+/g, 'o').replace(/^dd+/, 'd');
  return r || folded;
}

/** Damerau–Levenshtein distance limited to `max` (returns max + 1 beyond it). */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name word a misspelt word most likely stands for: the same after Telex repair, else
 * one edit away (the more frequent word wins), or null.
 */
export function createSpellingSuggester(known: { word: string; weight: number }[]) {
  const byFold = new Map<string, { word: string; weight: number }>();
  for (const k of known) {
    const f = fold(k.word);
    const cur = byFold.get(f);
    if (!cur || cur.weight < k.weight) byFold.set(f, k);
  }
  const folds = [...byFold.keys()];
  return (word: string): string | null => {
    const f = fold(word);
    const repaired = telexRepair(f);
    const exact = byFold.get(repaired);
    if (exact && repaired !== f) return exact.word;
    // one edit away when folded; among those, the one closest as written (marks kept), then the most common
    const written = word.toLocaleLowerCase('vi');
    let best: { word: string; weight: number; dist: number; marked: number } | null = null;
    for (const cand of folds) {
      const dist = editDistance(repaired, cand, 1);
      if (dist > 1) continue;
      const k = byFold.get(cand)!;
      const marked = editDistance(written, k.word.toLocaleLowerCase('vi'), 3);
      if (!best || dist < best.dist || (dist === best.dist && (marked < best.marked || (marked === best.marked && k.weight > best.weight)))) best = { ...k, dist, marked };
    }
    return best?.word ?? null;
  };
}
