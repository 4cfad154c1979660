/* The handbook's search scorer (conf.py: html_search_scorer; Sphinx puts it
 * in language_data.js). Sphinx's default weights, plus one rule: when two
 * results score the same, the help page comes first.
 *
 * Sphinx's search skips numbers in the text, so help.rst makes its phone
 * numbers and the names people search for (Payoke, Awel...) index entries.
 * A glossary term with the same words scores just as high; the help page,
 * which has the numbers, should come first. */
var Scorer = {
  score: (result) => (result[0] === "help" ? result[4] + 0.5 : result[4]),
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
