// Enum codes (IN_PROGRESS, SEWAGE_WATER) are for the program; a person reads their labels, which
// the graph's `vocabulary` query returns in the language the page asks for (Accept-Language).
export interface Term {
  kind: string;
  code: string;
  label: string;
}

export type Labeller = (kind: string, code: string) => string;

/** The label of a code, or the code itself when the vocabulary has no word for it (yet). */
export function labeller(terms: readonly Term[]): Labeller {
  const labels = new Map(terms.map((term) => [`${term.kind}.${term.code}`, term.label]));
  return (kind, code) => labels.get(`${kind}.${code}`) ?? code;
}
