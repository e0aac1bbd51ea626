// How search and sorting read names: ё = е, case folded, legal forms (ООО, АО, ИП …) and quotes ignored.

/** Abbreviated legal forms, folded. A word equal to one of them is not part of a name for matching or sorting. */
export const LEGAL_FORMS = new Set([
  'ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'чп', 'пбоюл', 'нко', 'ано', 'оо', 'нп', 'пк', 'спк', 'тсж', 'тсн', 'снт', 'кфх',
  'гуп', 'муп', 'фгуп', 'гбу', 'мбу', 'гку', 'мку', 'гау', 'мау', 'фгбу', 'фгку', 'фгау', 'гоу', 'мбоу', 'маоу', 'мкоу', 'гбоу',
  'мбдоу', 'мадоу', 'мкдоу', 'гбуз', 'кгбуз', 'кгбу', 'кгку', 'кгау', 'мупп', 'тоо', 'одо',
]);

/** Spelled-out legal forms, folded; removed as whole phrases before the abbreviations. */
const LEGAL_PHRASES = [
  'общество с ограниченной ответственностью',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'закрытое акционерное общество',
  'открытое акционерное общество',
  'акционерное общество',
  'индивидуальный предприниматель',
  'автономная некоммерческая организация',
];

/** Lower case with ё read as е (Ё, ё and their forms folded). */
export function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е');
}

/** Quotes, brackets and separators that split words in a name or a query (hyphens, dots and @ stay: «Ромашка-Север», e-mails). */
const SEPARATORS = /[\s«»"'“”„‟‘’`()[\]{},;!?]+/u;

/** The words of a name or a query, folded, legal forms kept; punctuation around a word is dropped («о.» → «о»). */
export function foldedWords(s: string): string[] {
  let t = fold(s);
  for (const p of LEGAL_PHRASES) if (t.includes(p)) t = t.split(p).join(' ');
  return t
    .split(SEPARATORS)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** The text a name is indexed as: its folded words, one space apart, so word starts are `' ' || text LIKE '% w%'`. */
export function searchText(s: string): string {
  return foldedWords(s).join(' ');
}

/**
 * The words a query searches for: folded, without legal forms. A query made only of legal forms («ООО») keeps
 * them, so it still finds something rather than everything.
 */
export function queryWords(query: string): string[] {
  const all = foldedWords(query);
  const meaningful = all.filter((w) => !LEGAL_FORMS.has(w));
  return meaningful.length > 0 ? meaningful : all;
}

/**
 * The key clients sort by: «ООО «Русский остров»» and «АО Русский Остров» both read «русский остров», so every
 * «АО» no longer sorts before every «ООО». Stored in `clients.name_lc`.
 */
export function sortKey(name: string): string {
  const words = queryWords(name);
  return words.length > 0 ? words.join(' ') : fold(name).trim();
}
