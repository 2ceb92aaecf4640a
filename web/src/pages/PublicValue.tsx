// 公共価値 (docs/transformation.md, "Public value"): outcome metrics of deployments per product
// or per government — baseline → latest, progress toward the target, measured since — with
// each metric's median progress across governments, and a printable 提案用エビデンス section
// (the product's outcomes at similar governments first) whose citation text can be copied.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { GovernmentPicker, type GovernmentRef } from '../components/GovernmentPicker';
import { pct, type Deployment, type EvidenceAnswer, type MetricSummary, type PublicValueAnswer } from '../components/cases/types';
import { usePrefs } from '../prefs';
import { fmtDate } from '../format';
import { loadProducts, type Product } from '../refdata';
import { href, type Route } from '../router';

const S = {
  title: ['公共価値', 'Public value'],
  intro: [
    '受注後の成果指標を製品別・団体別に集計します。提案書には類似団体の実測値を引用できます。',
    'Outcome metrics after contracts, per product and per government; cite similar governments in a proposal.',
  ],
  product: ['製品', 'Product'],
  government: ['団体', 'Government'],
  choose: ['製品または団体を選んでください', 'Choose a product or a government'],
  metrics: ['指標別の集計', 'Per metric'],
  metric: ['指標', 'Metric'],
  deployments: ['導入数', 'Deployments'],
  measured: ['測定済', 'Measured'],
  governments: ['団体数', 'Governments'],
  median: ['達成度の中央値', 'Median progress'],
  medianChange: ['変化の中央値', 'Median change'],
  table: ['導入ごとの成果', 'Per deployment'],
  baseline: ['導入前', 'Baseline'],
  latest: ['最新', 'Latest'],
  target: ['目標', 'Target'],
  progress: ['達成度', 'Progress'],
  since: ['測定開始', 'Measured since'],
  measuredOn: ['最新測定日', 'Latest measured'],
  none: ['成果指標はまだありません', 'No outcome metrics yet'],
  evidence: ['提案用エビデンス', 'Evidence for a proposal'],
  evidenceFor: ['提案先', 'Proposal to'],
  evidenceHint: ['提案先の団体を選ぶと、類似団体での成果を先頭に引用文を作ります', 'Choose the government the proposal is for'],
  similar: ['類似団体', 'Similar'],
  copy: ['引用文をコピー', 'Copy the citation'],
  copied: ['コピーしました', 'Copied'],
  print: ['印刷', 'Print'],
  noEvidence: ['測定済みの成果がまだありません', 'No measured outcomes yet'],
} as const;
type Key = keyof typeof S;

function useS(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => S[k][prefs.lang === 'ja' ? 0 : 1];
}

function num(v: number | null, unit: string): string {
  if (v === null) return '—';
  const r = Math.round(v * 10) / 10;
  return `${r.toLocaleString()}${unit}`;
}

function MetricsTable({ metrics }: { metrics: MetricSummary[] }) {
  const s = useS();
  return (
    <table class="table" aria-label={s('metrics')}>
      <thead>
        <tr>
          <th scope="col">{s('metric')}</th>
          <th scope="col">{s('deployments')}</th>
          <th scope="col">{s('measured')}</th>
          <th scope="col">{s('governments')}</th>
          <th scope="col">{s('median')}</th>
          <th scope="col">{s('medianChange')}</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((m) => (
          <tr key={m.metric_name}>
            <td>{m.metric_name}</td>
            <td>{m.deployments}</td>
            <td>{m.measured}</td>
            <td>{m.governments}</td>
            <td>{pct(m.median_progress)}</td>
            <td>{num(m.median_change, m.unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeploymentTable({ rows, byProduct }: { rows: Deployment[]; byProduct: boolean }) {
  const s = useS();
  const { prefs } = usePrefs();
  return (
    <table class="table pv-deployments" aria-label={s('table')}>
      <thead>
        <tr>
          <th scope="col">{byProduct ? s('government') : s('product')}</th>
          <th scope="col">{s('metric')}</th>
          <th scope="col">{s('baseline')}</th>
          <th scope="col">{s('latest')}</th>
          <th scope="col">{s('target')}</th>
          <th scope="col">{s('progress')}</th>
          <th scope="col">{s('since')}</th>
          <th scope="col">{s('measuredOn')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.metric_id} data-government={d.government_code}>
            <td>
              {byProduct ? <a href={href(`/governments/${d.government_code}`)}>{d.government_name}</a> : d.product_name}
            </td>
            <td>{d.metric_name}</td>
            <td>{num(d.baseline, d.unit)}</td>
            <td>{num(d.latest, d.unit)}</td>
            <td>{num(d.target, d.unit)}</td>
            <td>
              <progress max={1} value={Math.max(0, Math.min(1, d.progress ?? 0))} aria-hidden="true" /> {pct(d.progress)}
            </td>
            <td>{fmtDate(d.baseline_on, prefs)}</td>
            <td>{d.latest_on ? fmtDate(d.latest_on, prefs) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Evidence({ productId, government }: { productId: number; government: GovernmentRef | null }) {
  const s = useS();
  const [target, setTarget] = useState<GovernmentRef | null>(government);
  const [data, setData] = useState<EvidenceAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setTarget(government), [government?.code]);
  useEffect(() => {
    setData(null);
    setCopied(false);
    if (!target) return;
    api<EvidenceAnswer>('/api/public-value/evidence', { query: { product_id: productId, government_code: target.code } })
      .then(setData)
      .catch(setError);
  }, [productId, target?.code]);
  const copy = async () => {
    if (!data) return;
    try {
      await navigator.clipboard.writeText(data.citation_text);
    } catch {
      // Clipboard access refused (insecure context): select the text for a manual copy.
      const el = document.getElementById('pv-citation');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
    setCopied(true);
  };
  return (
    <section id="pv-evidence" class="panel" aria-labelledby="pv-evidence-title">
      <h2 id="pv-evidence-title">{s('evidence')}</h2>
      <div class="no-print">
        <label for="pv-evidence-government">{s('evidenceFor')}</label>
        <GovernmentPicker id="pv-evidence-government" value={target} onChange={setTarget} />
        {!target && <p class="muted">{s('evidenceHint')}</p>}
      </div>
      <ErrorBox error={error} />
      {data && (
        <>
          <p>
            <strong>
              {data.product_name} → {data.government_name}
            </strong>
          </p>
          {data.items.length === 0 ? (
            <p class="muted">{s('noEvidence')}</p>
          ) : (
            <>
              <blockquote id="pv-citation" class="pv-citation">
                {data.citation_text}
              </blockquote>
              <p class="no-print">
                <button type="button" onClick={() => void copy()}>
                  {s('copy')}
                </button>{' '}
                <button type="button" onClick={() => window.print()}>
                  {s('print')}
                </button>{' '}
                {copied && <span role="status">{s('copied')}</span>}
              </p>
              <ul class="pv-evidence-items">
                {data.items.slice(0, 10).map((d) => (
                  <li key={d.metric_id} data-similar={d.similar ? 'true' : 'false'}>
                    {d.similar ? <span class="tag">{s('similar')}</span> : null} {d.citation}（{s('progress')} {pct(d.progress)}）
                  </li>
                ))}
              </ul>
              <MetricsTable metrics={data.metrics} />
            </>
          )}
        </>
      )}
    </section>
  );
}

export default function PublicValue({ route }: { route: Route }) {
  const s = useS();
  const [products, setProducts] = useState<Product[]>([]);
  const [product, setProduct] = useState(route.query.get('product') ?? '');
  const [government, setGovernment] = useState<GovernmentRef | null>(null);
  const [data, setData] = useState<PublicValueAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // Printing this page prints only the evidence section (style.css, body.pv-page).
    document.body.classList.add('pv-page');
    return () => document.body.classList.remove('pv-page');
  }, []);
  useEffect(() => {
    loadProducts().then(setProducts).catch(setError);
    const code = route.query.get('government');
    if (code) {
      api<GovernmentRef>(`/api/governments/${code}`).then(setGovernment).catch(setError);
    }
  }, []);
  useEffect(() => {
    setData(null);
    setError(null);
    if (!product && !government) return;
    const query = product ? { product_id: product } : { government_code: government!.code };
    api<PublicValueAnswer>('/api/public-value', { query }).then(setData).catch(setError);
  }, [product, government?.code]);
  return (
    <section aria-labelledby="pv-title">
      <h1 id="pv-title">{s('title')}</h1>
      <p class="muted">{s('intro')}</p>
      <div class="filters">
        <label>
          {s('product')}{' '}
          <select name="product" value={product} onChange={(e) => setProduct((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {products.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label for="pv-government">{s('government')}</label>{' '}
        <GovernmentPicker id="pv-government" value={government} onChange={setGovernment} />
      </div>
      <ErrorBox error={error} />
      {!product && !government ? (
        <p class="muted">{s('choose')}</p>
      ) : data === null ? (
        error ? null : <p aria-busy="true">…</p>
      ) : (
        <>
          <h2>{data.product_name || data.government_name}</h2>
          {data.deployments.length === 0 ? (
            <p class="muted">{s('none')}</p>
          ) : (
            <>
              <h3>{s('metrics')}</h3>
              <MetricsTable metrics={data.metrics} />
              <h3>{s('table')}</h3>
              <DeploymentTable rows={data.deployments} byProduct={!!product} />
            </>
          )}
        </>
      )}
      {product ? <Evidence productId={Number(product)} government={government} /> : null}
    </section>
  );
}
