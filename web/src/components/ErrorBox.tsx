// Shows an API error with the field it names, in an alert region.
import { ApiError } from '../api';
import { useT } from '../i18n';

export function ErrorBox({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const e = error as Error;
  const details = e instanceof ApiError ? e.details : [];
  return (
    <div class="error" role="alert">
      <strong>{t('error')}:</strong> {e.message}
      {details.length > 0 && (
        <ul>
          {details.slice(0, 10).map((d, i) => (
            <li key={i}>
              {d.field ? <code>{String(d.field)}</code> : null} {String(d.reason ?? d.message ?? '')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
