// The pipeline's stage description and board (docs/api.md, "Pipeline").
export default async function ({ check, failures }) {
  const stages = await check('GET', '/api/pipeline/stages', undefined, 200);
  if (stages && stages.json && stages.json.stages.length !== 10) {
    failures.push(`GET /api/pipeline/stages: ${stages.json.stages.length} stages, expected 10`);
  }
}
