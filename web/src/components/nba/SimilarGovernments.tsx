// 類似団体・近い自治体 (docs/ml.md, "Next best actions and similar governments"): the nearest
// governments by population, 財政力指数, kind, region and adopted products, the 類似団体 group,
// and "この自治体に近い団体での 製品P の導入状況" for a chosen product.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { usePrefs } from '../../prefs';
import { fmtDate, fmtMoney } from '../../format';
import { href } from '../../router';
import { CaseLink } from '../cases/RelatedCases';

const S = {
  title: ['類似団体・近い自治体', 'Similar governments'],
  neighbours: ['近い自治体', 'Nearest governments'],
  group: ['類似団体', 'Same 類似団体 group'],
  none: ['なし', 'None'],
  name: ['団体', 'Government'],
  distance: ['距離', 'Distance'],
  population: ['人口', 'Population'],
  fiscal: ['財政力指数', 'Fiscal strength'],
  imputed: ['（推定）', ' (imputed)'],
  products: ['導入製品', 'Adopted'],
  product: ['製品', 'Product'],
  adoptionOf: ['この自治体に近い団体での導入状況', 'Adoption among similar governments'],
  outcome: ['結果', 'Outcome'],
  fy: ['年度', 'FY'],
  closed: ['確定日', 'Closed'],
  amount: ['金額', 'Amount'],
  metrics: ['成果指標', 'Outcome metrics'],
  relation: ['関係', 'Relation'],
  noRows: ['近い団体にこの製品の商談はありません', 'No deals for this product among similar governments'],
  restricted: ['（閲覧範囲外）', '(outside your scope)'],
} as const;
type Key = keyof typeof S;

interface Similar {
  code: string;
  name: string;
  kind: string;
  population: number | null;
  fiscal_strength_index: number | null;
  fiscal_imputed: boolean;
  similar_group: string;
  distance: number;
  adopted_products: string[];
}
interface SimilarAnswer {
  government: Similar;
  neighbours: Similar[];
  similar_group: string;
  same_group: Similar[];
  same_group_total: number;
}
interface AdoptionRow {
  government_code: string;
  government_name: string;
  neighbour: boolean;
  similar_group: boolean;
  distance: number;
  outcome: string;
  outcome_label: string;
  fiscal_year: number;
  closed_on: string | null;
  restricted: boolean;
  deal_id: number | null;
  amount: number | null;
  outcomes: { name: string; unit: string; baseline: number; target: number; latest: number | null }[];
}
interface AdoptionAnswer {
  product_name: string;
  counts: { won: number; lost: number; deferred: number; open: number };
  items: AdoptionRow[];
}

function useS(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => S[k][prefs.lang === 'ja' ? 0 : 1];
}

function Table({ rows, caption }: { rows: Similar[]; caption: string }) {
  const s = useS();
  if (rows.length === 0) return <p class="muted">{s('none')}</p>;
  return (
    <table aria-label={caption}>
      <thead>
        <tr>
          <th>{s('name')}</th>
          <th>{s('distance')}</th>
          <th>{s('population')}</th>
          <th>{s('fiscal')}</th>
          <th>{s('products')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.code}>
            <td>
              <a href={href(`/governments/${g.code}`)}>{g.name}</a>
              {' '}<CaseLink government={g.code} />
            </td>
            <td>{g.distance.toFixed(2)}</td>
            <td>{g.population === null ? '—' : g.population.toLocaleString()}</td>
            <td>
              {g.fiscal_strength_index === null ? '—' : g.fiscal_strength_index.toFixed(2)}
              {g.fiscal_imputed ? s('imputed') : ''}
            </td>
            <td>{g.adopted_products.join('、')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SimilarGovernments({ code }: { code: string }) {
  const s = useS();
  const { prefs } = usePrefs();
  const [data, setData] = useState<SimilarAnswer | null>(null);
  const [products, setProducts] = useState<{ id: number; name: string }[]>([]);
  const [product, setProduct] = useState<number | null>(null);
  const [adoption, setAdoption] = useState<AdoptionAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<SimilarAnswer>(`/api/governments/${code}/similar`).then(setData).catch(setError);
    api<{ items: { id: number; name: string }[] }>('/api/products', { query: { limit: 200 } })
      .then((r) => {
        setProducts(r.items);
        if (r.items.length > 0) setProduct(r.items[0].id);
      })
      .catch(setError);
  }, [code]);
  useEffect(() => {
    if (product === null) return;
    setAdoption(null);
    api<AdoptionAnswer>(`/api/governments/${code}/similar/adoption`, { query: { product_id: product } })
      .then(setAdoption)
      .catch(setError);
  }, [code, product]);

  return (
    <section class="panel" aria-labelledby="gov-similar">
      <h2 id="gov-similar">{s('title')}</h2>
      <ErrorBox error={error} />
      {data === null ? (
        <p aria-busy="true">…</p>
      ) : (
        <div class="grid2">
          <div>
            <h3>{s('neighbours')}</h3>
            <Table rows={data.neighbours} caption={s('neighbours')} />
          </div>
          <div>
            <h3>
              {s('group')} {data.similar_group && <small class="muted">{data.similar_group}（{data.same_group_total}）</small>}
            </h3>
            <Table rows={data.same_group} caption={s('group')} />
          </div>
        </div>
      )}
      <h3>
        {s('adoptionOf')}
        {adoption ? `: ${adoption.product_name}` : ''}
      </h3>
      <label>
        {s('product')}{' '}
        <select value={product ?? ''} onChange={(e) => setProduct(Number((e.target as HTMLSelectElement).value))}>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {adoption === null ? null : adoption.items.length === 0 ? (
        <p class="muted">{s('noRows')}</p>
      ) : (
        <table aria-label={s('adoptionOf')}>
          <thead>
            <tr>
              <th>{s('name')}</th>
              <th>{s('relation')}</th>
              <th>{s('outcome')}</th>
              <th>{s('fy')}</th>
              <th>{s('closed')}</th>
              <th>{s('amount')}</th>
              <th>{s('metrics')}</th>
            </tr>
          </thead>
          <tbody>
            {adoption.items.map((r, i) => (
              <tr key={`${r.government_code}-${r.deal_id ?? i}`} data-outcome={r.outcome}>
                <td>
                  {r.deal_id ? <a href={href(`/deals/${r.deal_id}`)}>{r.government_name}</a> : r.government_name}
                  {r.restricted ? <small class="muted">{s('restricted')}</small> : null}
                  {' '}<CaseLink government={r.government_code} product={product} />
                </td>
                <td>
                  {[r.neighbour ? s('neighbours') : '', r.similar_group ? s('group') : ''].filter(Boolean).join('・')} (
                  {r.distance.toFixed(2)})
                </td>
                <td>{r.outcome_label}</td>
                <td>{r.fiscal_year}</td>
                <td>{r.closed_on ? fmtDate(r.closed_on, prefs) : '—'}</td>
                <td>{r.amount === null ? '—' : fmtMoney(r.amount, prefs)}</td>
                <td>
                  {r.outcomes
                    .map((o) => `${o.name} ${o.baseline}→${o.latest ?? '—'}（目標${o.target}${o.unit}）`)
                    .join(' / ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
