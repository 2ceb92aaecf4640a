// A map of Japan's 47 prefectures (outlines from @svg-maps/japan, CC BY 4.0),
// shaded by a value, each prefecture labelled with its name and figures.
import japan from '@svg-maps/japan';
import { PREFECTURES } from '../refdata';

export interface PrefectureValue {
  code: string; // "01".."47"
  value: number; // 0..1 for the shade
  title: string; // what a tooltip / screen reader says
}

const ID_TO_CODE = new Map(PREFECTURES.map(([code, , en]) => [en.toLowerCase(), code]));

function shade(v: number): string {
  // From pale to deep blue; enough contrast against the white borders.
  const t = Math.max(0, Math.min(1, v));
  const l = 94 - t * 58;
  return `hsl(210 70% ${l}%)`;
}

export function JapanMap({ values, label }: { values: PrefectureValue[]; label: string }) {
  const byCode = new Map(values.map((v) => [v.code, v]));
  const locations = (japan as { locations: { id: string; name: string; path: string }[] }).locations;
  return (
    <svg class="japan-map" viewBox={(japan as { viewBox: string }).viewBox} role="img" aria-label={label}>
      {locations.map((loc) => {
        const code = ID_TO_CODE.get(loc.id) ?? '';
        const v = byCode.get(code);
        return (
          <path key={loc.id} d={loc.path} fill={v ? shade(v.value) : '#eee'} stroke="#fff" stroke-width="0.6" data-code={code}>
            <title>{v ? v.title : loc.name}</title>
          </path>
        );
      })}
    </svg>
  );
}
