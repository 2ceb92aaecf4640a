// Scores of the models (docs/ml.md): 受注確度 on a deal, 製品別の導入見込み on a
// government, リード転換見込み on a lead — the calibrated probability, whether a model or
// the transparent rules gave it, and the top factors up and down in Japanese.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { pick } from '../../i18n';
import { usePrefs } from '../../prefs';

export interface MlFactor {
  key: string;
  label: string;
  value: string;
  contribution: number;
}
export interface MlFactors {
  positive: MlFactor[];
  negative: MlFactor[];
}
interface Score {
  probability: number;
  source: 'model' | 'rules';
  model_version: string;
  message: string;
  factors: MlFactors;
}
interface Propensity {
  fiscal_year: number;
  source: 'model' | 'rules';
  model_version: string;
  message: string;
  items: { product_id: number; product_name: string; probability: number; factors: MlFactors }[];
}

const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;

function FactorList({ factors, lang }: { factors: MlFactors; lang: 'ja' | 'en' }) {
  return (
    <div class="ml-factors">
      <ul aria-label={pick(lang, '上げている要因', 'Factors raising the score')}>
        {factors.positive.map((f) => (
          <li key={f.key}>
            ▲ {f.label}: {f.value} <small>(+{f.contribution.toFixed(2)})</small>
          </li>
        ))}
      </ul>
      <ul aria-label={pick(lang, '下げている要因', 'Factors lowering the score')}>
        {factors.negative.map((f) => (
          <li key={f.key}>
            ▼ {f.label}: {f.value} <small>({f.contribution.toFixed(2)})</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SourceBadge({ source, version, lang }: { source: string; version: string; lang: 'ja' | 'en' }) {
  return (
    <span class="badge">
      {source === 'model'
        ? `${pick(lang, 'モデル', 'Model')}${version ? ` v${version}` : ''}`
        : pick(lang, 'ルール', 'Rules')}
    </span>
  );
}

/** One score panel; `kind` picks the endpoint (deal id, government code or lead id). */
export function ScorePanel({ kind, id }: { kind: 'deal' | 'government' | 'lead'; id: string | number }) {
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const [score, setScore] = useState<Score | null>(null);
  const [prop, setProp] = useState<Propensity | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    if (kind === 'government') {
      api<Propensity>(`/api/governments/${encodeURIComponent(String(id))}/propensity`).then(setProp, setError);
    } else {
      api<Score>(kind === 'deal' ? `/api/deals/${id}/score` : `/api/leads/${id}/score`).then(setScore, setError);
    }
  }, [kind, id]);
  const title =
    kind === 'deal'
      ? pick(lang, '受注確度', 'Win probability')
      : kind === 'lead'
        ? pick(lang, 'リード転換見込み', 'Lead conversion')
        : pick(lang, '製品別の導入見込み', 'Adoption outlook by product');
  const headingId = `ml-score-${kind}`;
  return (
    <section class="panel ml-score" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {error ? <ErrorBox error={error} /> : null}
      {score ? (
        <div>
          <p>
            <strong aria-label={title}>{pct(score.probability)}</strong>{' '}
            <SourceBadge source={score.source} version={score.model_version} lang={lang} />
          </p>
          {score.message ? <p class="muted">{score.message.split(' Too little')[0]}</p> : null}
          <FactorList factors={score.factors} lang={lang} />
        </div>
      ) : null}
      {prop ? (
        <div>
          <p>
            {pick(lang, `${prop.fiscal_year}年度に商談化する見込み`, `Chance of a deal for FY${prop.fiscal_year}`)}{' '}
            <SourceBadge source={prop.source} version={prop.model_version} lang={lang} />
          </p>
          {prop.message ? <p class="muted">{prop.message.split(' Too little')[0]}</p> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{pick(lang, '製品', 'Product')}</th>
                <th scope="col">{pick(lang, '見込み', 'Probability')}</th>
                <th scope="col">{pick(lang, '主な要因', 'Main factors')}</th>
              </tr>
            </thead>
            <tbody>
              {prop.items.map((p) => (
                <tr key={p.product_id}>
                  <td>{p.product_name || `#${p.product_id}`}</td>
                  <td>{pct(p.probability)}</td>
                  <td>
                    {[...p.factors.positive.slice(0, 2).map((f) => `▲${f.label}`), ...p.factors.negative.slice(0, 1).map((f) => `▼${f.label}`)].join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
