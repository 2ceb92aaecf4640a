// Dashboards: funnel by stage, pipeline by fiscal year, win rates by government kind
// and by product, activity volume by week and type, and a map of Japan with
// adoption and pipeline per prefecture. Every chart has its numbers in a table too.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { JapanMap } from '../components/JapanMap';
import { ErrorBox } from '../components/ErrorBox';
import { ACTIVITY_LABELS, KIND_LABELS, label, pick, useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fiscalYearOf, fmtCount, fmtFiscalYear, fmtMoney, todayJst } from '../format';
import { loadProducts, PREFECTURES, type Product } from '../refdata';
import { loadStages, type StageDef } from '../stages';

interface Funnel {
  fiscal_year: number;
  stages: { stage: string; label_ja: string; reached: number; amount: number | null }[];
}
interface ByYear {
  years: { fiscal_year: number; label: string; open_count: number; open_amount: number | null; won_count: number; won_amount: number | null; lost_count: number; lost_amount: number | null }[];
}
interface WinRates {
  by_kind: { kind: string; kind_label: string; won: number; lost: number; rate: number | null }[];
  by_product: { product_id: number; product_name: string; won: number; lost: number; rate: number | null }[];
}
interface Volume {
  weeks: string[];
  types: { type: string; label_ja: string; counts: number[] }[];
}
interface Prefs47 {
  prefectures: { prefecture_code: string; prefecture_name: string; governments: number; adopting: number; adoption_rate: number; open_count: number; open_amount: number | null }[];
}

const PALETTE = ['#1f5fa8', '#2a9d8f', '#e9c46a', '#e76f51', '#6d597a', '#8ab17d', '#b56576', '#457b9d', '#f4a261'];

export default function Dashboards() {
  const t = useT();
  const { prefs } = usePrefs();
  const lang = prefs.lang;
  const nextFy = fiscalYearOf(todayJst()) + 1;
  const [fy, setFy] = useState(nextFy);
  const [product, setProduct] = useState('');
  const [products, setProducts] = useState<Product[]>([]);
  const [stages, setStages] = useState<StageDef[]>([]);
  const [funnel, setFunnel] = useState<Funnel | null>(null);
  const [byYear, setByYear] = useState<ByYear | null>(null);
  const [rates, setRates] = useState<WinRates | null>(null);
  const [volume, setVolume] = useState<Volume | null>(null);
  const [map, setMap] = useState<Prefs47 | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mapMetric, setMapMetric] = useState<'adoption' | 'pipeline'>('adoption');

  useEffect(() => {
    loadProducts().then(setProducts).catch(() => {});
    loadStages().then(setStages).catch(() => {});
  }, []);
  useEffect(() => {
    const q = { product: product || undefined };
    api<Funnel>('/api/dashboards/funnel', { query: { ...q, fiscal_year: fy } }).then(setFunnel).catch(setError);
    api<ByYear>('/api/dashboards/pipeline-by-year', { query: q }).then(setByYear).catch(setError);
    api<WinRates>('/api/dashboards/win-rates', { query: q }).then(setRates).catch(setError);
    api<Volume>('/api/dashboards/activity-volume', { query: { ...q, weeks: 26 } }).then(setVolume).catch(setError);
    api<Prefs47>('/api/dashboards/prefectures', { query: { ...q, fiscal_year: fy } }).then(setMap).catch(setError);
  }, [fy, product]);

  const stageName = (slug: string, ja: string) => {
    const s = stages.find((x) => x.stage === slug);
    return s ? pick(lang, s.label_ja, s.label_en) : ja;
  };
  const moneyHidden = byYear ? byYear.years.every((y) => y.open_amount === null) : false;
  const unit = prefs.money === 'sen' ? 1000 : prefs.money === 'hyakuman' ? 1_000_000 : 1;
  const unitLabel = prefs.money === 'sen' ? '千円' : prefs.money === 'hyakuman' ? '百万円' : '円';

  const funnelOption = useMemo<ChartOption | null>(() => {
    if (!funnel) return null;
    return {
      tooltip: { trigger: 'item' },
      color: PALETTE,
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          label: { show: true, position: 'inside', formatter: '{b}: {c}', color: '#fff', textBorderColor: '#1b1f24', textBorderWidth: 2 },
          data: funnel.stages.map((s) => ({ name: stageName(s.stage, s.label_ja), value: s.reached })),
        },
      ],
    };
  }, [funnel, stages, lang]);

  const byYearOption = useMemo<ChartOption | null>(() => {
    if (!byYear) return null;
    const money = !moneyHidden;
    const val = (amount: number | null, count: number) => (money ? Math.round((amount ?? 0) / unit) : count);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      color: ['#1f5fa8', '#2a9d8f', '#e76f51'],
      grid: { left: 10, right: 20, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: byYear.years.map((y) => fmtFiscalYear(y.fiscal_year, prefs)) },
      yAxis: { type: 'value', name: money ? unitLabel : t('count') },
      series: [
        { name: t('open'), type: 'bar', stack: 'fy', data: byYear.years.map((y) => val(y.open_amount, y.open_count)) },
        { name: t('won'), type: 'bar', stack: 'fy', data: byYear.years.map((y) => val(y.won_amount, y.won_count)) },
        { name: t('lost'), type: 'bar', stack: 'fy', data: byYear.years.map((y) => val(y.lost_amount, y.lost_count)) },
      ],
    };
  }, [byYear, prefs]);

  const rateOption = (rows: { name: string; rate: number | null; won: number; lost: number }[]): ChartOption => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 10, right: 30, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    color: ['#2a9d8f'],
    series: [{ name: t('winRate'), type: 'bar', data: rows.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)) }],
  });

  const volumeOption = useMemo<ChartOption | null>(() => {
    if (!volume) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      color: PALETTE,
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: volume.weeks.map((w) => w.slice(5)) },
      yAxis: { type: 'value' },
      series: volume.types.map((ty) => ({ name: label(ACTIVITY_LABELS, ty.type, lang), type: 'bar', stack: 'w', data: ty.counts })),
    };
  }, [volume, lang]);

  const mapValues = useMemo(() => {
    if (!map) return [];
    // Shades run from the lowest to the highest prefecture, so differences show
    // even when every rate is small; the legend gives the range.
    const maxOpen = Math.max(1, ...map.prefectures.map((p) => p.open_count));
    const maxRate = Math.max(0.0001, ...map.prefectures.map((p) => p.adoption_rate));
    return map.prefectures.map((p) => ({
      code: p.prefecture_code,
      value: mapMetric === 'adoption' ? p.adoption_rate / maxRate : p.open_count / maxOpen,
      title: `${p.prefecture_name}: ${t('adoption')} ${Math.round(p.adoption_rate * 100)}%（${p.adopting}/${p.governments}）· ${t('pipeline')} ${fmtCount(p.open_count)} ${fmtMoney(p.open_amount, prefs)}`,
    }));
  }, [map, mapMetric, prefs]);

  const years = [nextFy, nextFy - 1, nextFy - 2, nextFy - 3, nextFy - 4];
  return (
    <section aria-labelledby="dash-title" class="dashboards">
      <div class="page-head">
        <h1 id="dash-title">{t('dashboards')}</h1>
        <form class="filters inline" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="dash-fy">{t('fiscalYear')}</label>
            <select id="dash-fy" value={String(fy)} onChange={(e) => setFy(Number((e.target as HTMLSelectElement).value))}>
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {fmtFiscalYear(y, prefs)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="dash-product">{t('product')}</label>
            <select id="dash-product" value={product} onChange={(e) => setProduct((e.target as HTMLSelectElement).value)}>
              <option value="">{t('all')}</option>
              {products.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </form>
      </div>
      <ErrorBox error={error} />
      <div class="grid2">
        <section class="panel" aria-labelledby="dash-funnel">
          <h2 id="dash-funnel">
            {t('funnel')}（{fmtFiscalYear(fy, prefs)}）
          </h2>
          {funnelOption && <Chart option={funnelOption} label={t('funnel')} />}
          {funnel && (
            <table class="table compact" aria-label={t('funnel')}>
              <tbody>
                {funnel.stages.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{stageName(s.stage, s.label_ja)}</th>
                    <td class="num">{fmtCount(s.reached)}</td>
                    <td class="num">{fmtMoney(s.amount, prefs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="panel" aria-labelledby="dash-years">
          <h2 id="dash-years">{t('pipelineByYear')}</h2>
          {byYearOption && <Chart option={byYearOption} label={t('pipelineByYear')} />}
        </section>
        <section class="panel" aria-labelledby="dash-kind">
          <h2 id="dash-kind">{t('winRateKind')}</h2>
          {rates && (
            <Chart
              label={t('winRateKind')}
              height={260}
              option={rateOption(rates.by_kind.map((r) => ({ name: label(KIND_LABELS, r.kind, lang), rate: r.rate, won: r.won, lost: r.lost })))}
            />
          )}
        </section>
        <section class="panel" aria-labelledby="dash-product">
          <h2 id="dash-product">{t('winRateProduct')}</h2>
          {rates && (
            <Chart
              label={t('winRateProduct')}
              height={Math.max(260, rates.by_product.length * 22)}
              option={rateOption(rates.by_product.map((r) => ({ name: r.product_name, rate: r.rate, won: r.won, lost: r.lost })))}
            />
          )}
        </section>
        <section class="panel wide" aria-labelledby="dash-volume">
          <h2 id="dash-volume">{t('activityVolume')}</h2>
          {volumeOption && <Chart option={volumeOption} label={t('activityVolume')} />}
        </section>
        <section class="panel wide" aria-labelledby="dash-map">
          <h2 id="dash-map">{t('japanMap')}</h2>
          <div role="group" aria-label={t('view')} class="seg">
            <button type="button" aria-pressed={mapMetric === 'adoption'} onClick={() => setMapMetric('adoption')}>
              {t('adoption')}
            </button>
            <button type="button" aria-pressed={mapMetric === 'pipeline'} onClick={() => setMapMetric('pipeline')}>
              {t('pipeline')}
            </button>
          </div>
          {map && (
            <p class="legend">
              <span class="swatch low" aria-hidden="true" /> 0
              <span class="swatch high" aria-hidden="true" />{' '}
              {mapMetric === 'adoption'
                ? `${Math.round(Math.max(0, ...map.prefectures.map((p) => p.adoption_rate)) * 100)}%`
                : `${fmtCount(Math.max(0, ...map.prefectures.map((p) => p.open_count)))} ${lang === 'ja' ? '件' : 'deals'}`}
            </p>
          )}
          <div class="map-layout">
            {map && <JapanMap values={mapValues} label={t('japanMap')} />}
            {map && (
              <div class="scroll-y">
                <table class="table compact" aria-label={t('japanMap')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('prefecture')}</th>
                      <th scope="col" class="num">{t('adoption')}</th>
                      <th scope="col" class="num">{t('open')}</th>
                      <th scope="col" class="num">{t('amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {map.prefectures.map((p) => (
                      <tr key={p.prefecture_code}>
                        <th scope="row">{pick(lang, p.prefecture_name, PREFECTURES.find((x) => x[0] === p.prefecture_code)?.[2])}</th>
                        <td class="num">{Math.round(p.adoption_rate * 100)}%</td>
                        <td class="num">{fmtCount(p.open_count)}</td>
                        <td class="num">{fmtMoney(p.open_amount, prefs)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </section>
      </div>
    </section>
  );
}
