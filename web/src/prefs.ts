// Display preferences: language, era and money unit. Kept per browser in
// localStorage; Japanese, 和暦 and 円 by default.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'ja' | 'en';
export type Era = 'wareki' | 'seireki';
export type MoneyUnit = 'yen' | 'sen' | 'hyakuman';

export interface Prefs {
  lang: Lang;
  era: Era;
  money: MoneyUnit;
}

export const defaultPrefs: Prefs = { lang: 'ja', era: 'wareki', money: 'yen' };
const KEY = 'kyoso.prefs';

/** Reads the stored preferences, falling back to the defaults field by field. */
export function loadPrefs(): Prefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Prefs>;
    return {
      lang: raw.lang === 'en' ? 'en' : 'ja',
      era: raw.era === 'seireki' ? 'seireki' : 'wareki',
      money: raw.money === 'sen' || raw.money === 'hyakuman' ? raw.money : 'yen',
    };
  } catch {
    return { ...defaultPrefs };
  }
}

export function savePrefs(p: Prefs): void {
  localStorage.setItem(KEY, JSON.stringify(p));
}

export interface PrefsContextValue {
  prefs: Prefs;
  setPrefs: (p: Prefs) => void;
}

export const PrefsContext = createContext<PrefsContextValue>({ prefs: defaultPrefs, setPrefs: () => {} });

export function usePrefs(): PrefsContextValue {
  return useContext(PrefsContext);
}
