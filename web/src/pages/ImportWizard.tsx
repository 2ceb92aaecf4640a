// Import wizard: choose a record type and a CSV or XLSX file, map its columns to
// Kyoso's fields, preview (a dry run that lists every bad row), then import all or
// nothing with a progress bar fed by the server's import job.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { useT } from '../i18n';
import { usePrefs } from '../prefs';
import { fmtCount } from '../format';

type ImportType = 'governments' | 'departments' | 'officials' | 'products' | 'users' | 'deals' | 'activities' | 'leads';

/** Kyoso's field names per type (docs/data-import.md); the server also knows Japanese aliases. */
const FIELDS: Record<ImportType, string[]> = {
  governments: ['government_code', 'population', 'fiscal_strength_index'],
  departments: ['external_id', 'government_code', 'parent_external_id', 'name', 'level', 'policy_domains', 'phone'],
  officials: ['external_id', 'government_code', 'department_external_id', 'department', 'name', 'kana', 'title', 'decision_role', 'email', 'phone', 'do_not_contact', 'posted_from'],
  products: ['external_id', 'name', 'policy_domains', 'price_min', 'price_max', 'keywords'],
  users: ['external_id', 'name', 'role', 'team'],
  deals: ['external_id', 'government_code', 'department_external_id', 'product_external_id', 'owner_external_id', 'champion_external_id', 'title', 'amount', 'fiscal_year', 'stage', 'procurement_method', 'budget_status', 'created_on', 'closed_on', 'lost_reason', 'competitor', 'award_amount', 'budget_amount'],
  activities: ['external_id', 'government_code', 'deal_external_id', 'user_external_id', 'official_external_id', 'type', 'occurred_on', 'occurred_at', 'notes', 'outcome'],
  leads: ['external_id', 'government_code', 'source', 'department_external_id', 'official_external_id', 'product_external_id', 'owner_external_id', 'status', 'title', 'notes', 'created_on', 'converted_deal_external_id'],
};

const TYPE_LABELS: Record<ImportType, [string, string]> = {
  governments: ['自治体（人口・財政指標）', 'Governments (statistics)'],
  departments: ['部署', 'Departments'],
  officials: ['職員', 'Officials'],
  products: ['製品', 'Products'],
  users: ['ユーザー', 'Users'],
  deals: ['案件', 'Deals'],
  activities: ['活動', 'Activities'],
  leads: ['リード', 'Leads'],
};

interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  errors: { row: number; column: string; reason: string }[];
  applied: boolean;
  encoding: string;
  columns: string[];
  ignored_columns: string[];
}

interface Job {
  state: 'queued' | 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  http_status: number | null;
  report: ImportReport | null;
  error: { message: string } | null;
}

const IGNORE = '__ignore';

async function decodeCsv(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('shift_jis').decode(bytes); // Excel's CSV in Japan
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

export default function ImportWizard() {
  const t = useT();
  const { prefs } = usePrefs();
  const [type, setType] = useState<ImportType>('activities');
  const [fileName, setFileName] = useState('');
  const [table, setTable] = useState<string[][] | null>(null);
  const [mapping, setMapping] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);

  const readFile = async (file: File) => {
    setError(null);
    setReport(null);
    setResult(null);
    setFileName(file.name);
    try {
      let rows: string[][];
      if (/\.xlsx$/i.test(file.name)) {
        const { default: readXlsx } = await import('read-excel-file');
        const sheet = await readXlsx(file);
        rows = sheet.map((r) => r.map(cellText));
      } else {
        const Papa = (await import('papaparse')).default;
        const parsed = Papa.parse<string[]>(await decodeCsv(file), { skipEmptyLines: 'greedy' });
        if (parsed.errors.length) {
          const e = parsed.errors[0];
          throw new Error(`${prefs.lang === 'ja' ? '行' : 'line'} ${(e.row ?? 0) + 1}: ${e.message}`);
        }
        rows = parsed.data;
      }
      if (rows.length < 2) throw new Error(prefs.lang === 'ja' ? '見出し行とデータ行が必要です' : 'The file needs a header row and data rows');
      setTable(rows);
      setMapping(rows[0].map(() => ''));
    } catch (e) {
      setTable(null);
      setError(e);
    }
  };

  const mappedCsv = async (): Promise<string> => {
    const Papa = (await import('papaparse')).default;
    const keep = table![0].map((_, i) => mapping[i] !== IGNORE);
    const out = table!.map((row, r) =>
      row.filter((_, i) => keep[i]).map((cell, j) => {
        if (r > 0) return cell;
        const original = table![0].filter((_, i) => keep[i])[j];
        const index = table![0].indexOf(original);
        return mapping[index] || original;
      }),
    );
    return Papa.unparse(out, { newline: '\n' });
  };

  const preview = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csv = await mappedCsv();
      const r = await api<ImportReport>('/api/imports', {
        method: 'POST',
        query: { type, dry_run: true },
        raw: { data: csv, contentType: 'text/csv; charset=utf-8' },
        acceptStatus: [422],
      });
      setReport(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: 0, phase: '' });
    try {
      const csv = await mappedCsv();
      const started = await api<{ job_id: string; status_url: string }>('/api/imports', {
        method: 'POST',
        query: { type, async: true },
        raw: { data: csv, contentType: 'text/csv; charset=utf-8' },
      });
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const job = await api<Job>(started.status_url);
        setProgress({ done: job.done, total: job.total, phase: job.phase });
        if (job.state === 'done' || job.state === 'failed') {
          if (job.report) {
            if (job.report.applied) setResult(job.report);
            setReport(job.report);
          } else if (job.error) throw new ApiError(job.http_status ?? 500, job.error.message);
          break;
        }
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const errorsByRow = new Map<number, string[]>();
  for (const e of report?.errors ?? []) {
    const list = errorsByRow.get(e.row) ?? [];
    list.push(`${e.column ? `${e.column}: ` : ''}${e.reason}`);
    errorsByRow.set(e.row, list);
  }
  const lang = prefs.lang === 'ja' ? 0 : 1;

  return (
    <section aria-labelledby="import-title" class="wizard">
      <h1 id="import-title">{t('importTitle')}</h1>
      <ol class="steps">
        <li>
          <h2>1. {t('importFile')}</h2>
          <div class="form row">
            <div class="field">
              <label for="import-type">{t('importType')}</label>
              <select id="import-type" value={type} onChange={(e) => { setType((e.target as HTMLSelectElement).value as ImportType); setReport(null); }}>
                {(Object.keys(FIELDS) as ImportType[]).map((k) => (
                  <option key={k} value={k}>
                    {TYPE_LABELS[k][lang]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="import-file">{t('importFile')}</label>
              <input
                id="import-file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  const f = (e.target as HTMLInputElement).files?.[0];
                  if (f) readFile(f);
                }}
              />
            </div>
          </div>
        </li>
        {table && (
          <li>
            <h2>2. {t('mapColumns')}</h2>
            <p class="muted">
              {fileName} · {fmtCount(table.length - 1)} {t('rowsTotal')}
            </p>
            <table class="table mapping">
              <thead>
                <tr>
                  <th scope="col">{t('column')}</th>
                  <th scope="col">Kyoso</th>
                  <th scope="col">{prefs.lang === 'ja' ? '1行目の値' : 'First row'}</th>
                </tr>
              </thead>
              <tbody>
                {table[0].map((h, i) => (
                  <tr key={i}>
                    <th scope="row">{h}</th>
                    <td>
                      <select
                        aria-label={`${h} → Kyoso`}
                        value={mapping[i]}
                        onChange={(e) => {
                          const m = mapping.slice();
                          m[i] = (e.target as HTMLSelectElement).value;
                          setMapping(m);
                          setReport(null);
                        }}
                      >
                        <option value="">{t('autoColumn')}</option>
                        <option value={IGNORE}>{t('ignoreColumn')}</option>
                        {FIELDS[type].map((f) => (
                          <option key={f} value={f}>
                            {f}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td class="muted">{table[1]?.[i] ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="actions">
              <button type="button" class="primary" disabled={busy} onClick={preview}>
                {t('preview')}
              </button>
            </div>
          </li>
        )}
        {report && table && (
          <li>
            <h2>3. {t('preview')}</h2>
            {report.error_count > 0 ? (
              <div class="error" role="alert">
                {fmtCount(report.error_count)} {t('errorsFound')}
              </div>
            ) : (
              <p role="status" class="ok">
                {t('noErrors')} · {fmtCount(report.rows)} {t('rowsTotal')}
              </p>
            )}
            {report.errors.length > 0 && (
              <table class="table errors" aria-label={t('error')}>
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    <th scope="col">{t('column')}</th>
                    <th scope="col">{t('reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.slice(0, 200).map((e, i) => (
                    <tr key={i}>
                      <td>{e.row}</td>
                      <td>{e.column || '—'}</td>
                      <td>{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div class="scroll-x">
              <table class="table preview">
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    {table[0].map((h, i) => (mapping[i] === IGNORE ? null : <th scope="col" key={i}>{mapping[i] || h}</th>))}
                  </tr>
                </thead>
                <tbody>
                  {table.slice(1, 21).map((row, r) => {
                    const errs = errorsByRow.get(r + 2);
                    return (
                      <tr key={r} class={errs ? 'bad' : ''} title={errs?.join(' / ')}>
                        <th scope="row">{r + 2}</th>
                        {row.map((c, i) => (mapping[i] === IGNORE ? null : <td key={i}>{c}</td>))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div class="actions">
              <button type="button" class="primary" disabled={busy || report.error_count > 0} onClick={apply}>
                {t('importNow')}
              </button>
            </div>
          </li>
        )}
      </ol>
      {progress && (
        <div class="progress">
          <label for="import-progress">
            {progress.phase || t('loading')} {progress.total > 0 ? `${fmtCount(progress.done)} / ${fmtCount(progress.total)}` : ''}
          </label>
          <progress id="import-progress" max={progress.total || 1} value={progress.total ? progress.done : undefined} />
        </div>
      )}
      {result && (
        <p role="status" class="ok">
          {t('imported')}: {fmtCount(result.rows)} {t('rowsTotal')} · {t('inserted')} {fmtCount(result.inserted)} · {t('updated')} {fmtCount(result.updated)} · {t('unchanged')} {fmtCount(result.unchanged)}
        </p>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
