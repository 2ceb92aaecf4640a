// 横展開: the cases of a government and of its similar governments (docs/transformation.md,
// "Case library"), and the small 「事例を見る」 link the next-best-action and similar-government
// panels mount per government (and product).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../ErrorBox';
import { usePrefs } from '../../prefs';
import { fmtDate } from '../../format';
import { href } from '../../router';
import type { CaseStudy, RelatedAnswer } from './types';

const S = {
  title: ['関連事例（横展開）', 'Related cases (横展開)'],
  own: ['この団体の事例', 'Cases of this government'],
  similar: ['類似団体・近い団体の事例', 'Cases of similar governments'],
  none: ['まだ事例はありません', 'No cases yet'],
  all: ['事例ライブラリで見る', 'Open in the case library'],
  see: ['事例を見る', 'See cases'],
  success: ['成功', 'Success'],
  failure: ['失敗', 'Failure'],
} as const;
type Key = keyof typeof S;

function useS(): (k: Key) => string {
  const { prefs } = usePrefs();
  return (k) => S[k][prefs.lang === 'ja' ? 0 : 1];
}

/** #/cases?government=…&product=… */
export function casesHref(government?: string, product?: number | null): string {
  const q = new URLSearchParams();
  if (government) q.set('government', government);
  if (product) q.set('product', String(product));
  const s = q.toString();
  return href(s ? `/cases?${s}` : '/cases');
}

/** A 「事例を見る」 link to the case library filtered to a government (and product). */
export function CaseLink({ government, product }: { government: string; product?: number | null }) {
  const s = useS();
  return (
    <a class="case-link" href={casesHref(government, product)} data-government={government}>
      {s('see')}
    </a>
  );
}

function CaseItems({ items }: { items: CaseStudy[] }) {
  const s = useS();
  const { prefs } = usePrefs();
  if (items.length === 0) return <p class="muted">{s('none')}</p>;
  return (
    <ul class="case-items">
      {items.slice(0, 6).map((c) => (
        <li key={c.id} data-kind={c.kind}>
          <span class="tag">{c.kind === 'success' ? s('success') : s('failure')}</span>{' '}
          <a href={href(`/cases/${c.id}`)}>{c.title}</a>{' '}
          <small class="muted">
            {c.government_name}・{c.product_name}・{fmtDate(c.created_on, prefs)}
          </small>
          {c.lessons ? <p class="muted">{c.lessons}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** The related-cases panel of a government (optionally for one product). */
export function RelatedCases({ governmentCode, productId }: { governmentCode: string; productId?: number | null }) {
  const s = useS();
  const [data, setData] = useState<RelatedAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setData(null);
    api<RelatedAnswer>('/api/cases/related', { query: { government_code: governmentCode, product_id: productId ?? undefined } })
      .then(setData)
      .catch(setError);
  }, [governmentCode, productId]);
  return (
    <section class="panel" aria-labelledby="related-cases">
      <h2 id="related-cases">{s('title')}</h2>
      <ErrorBox error={error} />
      {data === null ? (
        error ? null : <p aria-busy="true">…</p>
      ) : (
        <div class="grid2">
          <div>
            <h3>{s('own')}</h3>
            <CaseItems items={data.own} />
          </div>
          <div>
            <h3>{s('similar')}</h3>
            <CaseItems items={data.similar} />
          </div>
        </div>
      )}
      <p>
        <a href={casesHref(governmentCode, productId)}>{s('all')}</a>
      </p>
    </section>
  );
}
