// Builds a lunr 2.3.9 index over a folder of publications and times each query; prints one JSON object.
// usage: node lunr-bench.js CORPUS_DIR QUERIES_JSON ITERATIONS WARMUPS   (LUNR_PATH: where lunr was installed)
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require(process.env.LUNR_PATH || 'lunr');

const [dir, queriesFile, iterationsArg, warmupsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const warmups = Number(warmupsArg);
const files = fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort();

const started = process.hrtime.bigint();
const idx = lunr(function () {
  this.ref('id');
  this.field('code', { boost: 10 });
  this.field('title', { boost: 5 });
  this.field('payers');
  this.field('modifiers');
  this.field('body');
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lines = text.split('\n');
    const titleLine = lines.find(l => /^CPT \w{5}: /.test(l)) || '';
    const code = (titleLine.match(/^CPT (\w{5}):/) || [])[1] || '';
    const payers = ((text.match(/Key payers covered in this analysis include ([^.]*)\./) || [])[1] || '').replace(/,? and /g, ', ');
    const modifiers = lines.filter(l => /^\w{2} \| /.test(l)).map(l => l.slice(0, 2)).join(' ');
    this.add({ id: file, code, title: titleLine.slice(11), payers, modifiers, body: text });
  }
});
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;

const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const results = queries.map(query => {
  let hits = 0;
  let error = null;
  const ms = [];
  for (let i = 0; i < warmups + iterations; i++) {
    const t = process.hrtime.bigint();
    try {
      hits = idx.search(query).length;
    } catch (e) {
      error = String(e.message || e);
    }
    const elapsed = Number(process.hrtime.bigint() - t) / 1e6;
    if (i >= warmups) ms.push(elapsed);
  }
  return { query, hits, ms, error };
});
process.stdout.write(JSON.stringify({ documents: files.length, buildMs, heapBytes: process.memoryUsage().heapUsed, results }));
