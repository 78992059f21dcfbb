// Dump the lexicon of the npm package compromise (MIT) as `tags<TAB>phrase` lines, for
// tools/build_gazetteer.py. Usage: node dump_compromise.cjs DIR_WITH_node_modules > compromise.tsv
const path = require('path')
const mod = require(path.join(path.resolve(process.argv[2]), 'node_modules', 'compromise'))
const nlp = mod.default || mod
const lexicon = nlp.model().one.lexicon
const lines = []
for (const [phrase, tags] of Object.entries(lexicon)) {
  lines.push((Array.isArray(tags) ? tags.join('|') : tags) + '\t' + phrase)
}
lines.sort()
process.stdout.write(lines.join('\n') + '\n')
