// The models (docs/ml.md): registry, training, and the scores on deals, governments and
// leads. The small demo has too little history for deal_win, so its score is the rules'.
export default async function ({ check, failures }) {
  const models = await check('GET', '/api/ml/models', undefined, 200);
  if (models && models.json && typeof models.json.training.running !== 'boolean') {
    failures.push('GET /api/ml/models: training.running missing');
  }
  await check('POST', '/api/ml/train', { model: 'wizard' }, 400);
  const trained = await check('POST', '/api/ml/train', { model: 'deal_win' }, 200);
  if (trained && trained.json && trained.json.results[0].trained === false && !trained.json.results[0].message) {
    failures.push('POST /api/ml/train: no message for a model that was not trained');
  }
  const deal = await check('GET', '/api/deals/1/score', undefined, 200);
  if (deal && deal.json && !['model', 'rules'].includes(deal.json.source)) {
    failures.push(`GET /api/deals/1/score: source ${deal.json.source}`);
  }
  await check('GET', '/api/deals/999999/score', undefined, 404);
  await check('GET', '/api/governments/131016/propensity', undefined, 200);
  await check('GET', '/api/governments/999999/propensity', undefined, 404);
  await check('GET', '/api/leads/1/score', undefined, 200);
  await check('GET', '/api/leads/999999/score', undefined, 404);
}
