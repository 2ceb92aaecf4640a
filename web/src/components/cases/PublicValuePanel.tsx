// 公共価値 of a government's deployments: each outcome metric baseline → latest and the
// progress toward its target, with the citation a proposal can quote.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { usePrefs } from '../../prefs';
import { href } from '../../router';
import { pct, type PublicValueAnswer } from './types';

const S = {
  title: ['公共価値（導入成果）', 'Public value (outcomes)'],
  none: ['成果指標はまだありません', 'No outcome metrics yet'],
  product: ['製品', 'Product'],
  metric: ['指標', 'Metric'],
  change: ['導入前 → 最新', 'Baseline → latest'],
  target: ['目標', 'Target'],
  progress: ['達成度', 'Progress'],
  more: ['公共価値の画面で見る', 'Open the public value screen'],
} as const;
type Key = keyof typeof S;

export function PublicValuePanel({ governmentCode }: { governmentCode: string }) {
  const { prefs } = usePrefs();
  const s = (k: Key) => S[k][prefs.lang === 'ja' ? 0 : 1];
  const [data, setData] = useState<PublicValueAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<PublicValueAnswer>('/api/public-value', { query: { government_code: governmentCode } }).then(setData).catch(setError);
  }, [governmentCode]);
  return (
    <section class="panel" aria-labelledby="gov-public-value">
      <h2 id="gov-public-value">{s('title')}</h2>
      <ErrorBox error={error} />
      {data === null ? null : data.deployments.length === 0 ? (
        <p class="muted">{s('none')}</p>
      ) : (
        <table aria-label={s('title')}>
          <thead>
            <tr>
              <th>{s('product')}</th>
              <th>{s('metric')}</th>
              <th>{s('change')}</th>
              <th>{s('target')}</th>
              <th>{s('progress')}</th>
            </tr>
          </thead>
          <tbody>
            {data.deployments.map((d) => (
              <tr key={d.metric_id}>
                <td>{d.product_name}</td>
                <td>{d.metric_name}</td>
                <td>
                  {d.baseline}
                  {d.unit} → {d.latest === null ? '—' : `${d.latest}${d.unit}`}
                </td>
                <td>
                  {d.target}
                  {d.unit}
                </td>
                <td>{pct(d.progress)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={href(`/public-value?government=${governmentCode}`)}>{s('more')}</a>
      </p>
    </section>
  );
}
