// Lead scoring on an uploaded CSV (docs/ml.md, "Lead scoring on your own data").
// A deterministic CSV of 200 leads: source "inquiry" converts far more often.
function leadsCsv(rows = 200) {
  let out = 'lead_id,source,pages,result\n';
  let x = 12345;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  for (let i = 0; i < rows; i++) {
    const src = ['inquiry', 'web', 'seminar'][Math.floor(next() * 3)];
    const pages = Math.floor(next() * 10);
    const won = next() < (src === 'inquiry' ? 0.6 : 0.2) + pages * 0.02;
    out += `L${i},${src},${pages},${won ? '受注' : '失注'}\n`;
  }
  return out;
}

export default async function ({ check }) {
  const csv = leadsCsv();
  const text = { headers: { 'Content-Type': 'text/csv' } };
  await check('POST', '/api/leads/evaluate?target=result', csv, 200, text);
  await check('POST', '/api/leads/evaluate?target=result&split=random:0.3:7&exclude=pages&positive=受注', csv, 200, text);
  await check('POST', '/api/leads/evaluate', { csv, target: 'result', split: 'random:0.25:1', exclude: ['lead_id'] }, 200);
  await check('POST', '/api/leads/evaluate?target=outcome', csv, 400, text);
  await check('POST', '/api/leads/evaluate?target=result', 'a,result\n1,1\n2,0\n', 400, text);
  await check('POST', '/api/leads/evaluate?target=result', 'a,result\n"broken,1\n', 400, text);
  await check('POST', '/api/leads/evaluate?target=result&colour=red', csv, 400, text);
  await check('POST', '/api/leads/evaluate', { target: 'result' }, 400);
  await check('POST', '/api/leads/evaluate?target=result', 'a,result\n' + 'x'.repeat(1100000) + ',1\n', 413, text);
}
