// Teams, territories, absences and routing rules as the API gives them
// (docs/division-of-labour.md), with the Japanese/English labels their screens use.
export interface TeamMember {
  id: number;
  name: string;
  role: string;
  absent_today: boolean;
  absent_until: string | null;
}

export interface Territory {
  id: number;
  team_id: number;
  user_id: number | null;
  prefecture_code: string;
  government_code: string;
  region: string;
  government_kind: string;
  policy_domain: string;
}

export interface Team {
  id: number;
  name: string;
  role: string;
  manager_id: number | null;
  manager_name: string;
  members: TeamMember[];
  territories: Territory[];
}

export interface Absence {
  id: number;
  user_id: number;
  user_name: string;
  starts_on: string;
  ends_on: string;
  reason: string;
}

export interface Conditions {
  sources: string[];
  government_kinds: string[];
  prefectures: string[];
  regions: string[];
  policy_domains: string[];
  population_bands: string[];
  product_ids: number[];
  in_team_territory: boolean;
}

export interface Rule {
  id: number;
  position: number;
  name: string;
  conditions: Conditions;
  conditions_ja: string;
  team_id: number;
  team_name: string;
  strategy: string;
  owner_id: number | null;
  owner_name: string;
  reroute_after_business_days: number;
  active: boolean;
  weights: { user_id: number; weight: number }[];
}

export interface Assignment {
  id: number;
  user_id: number | null;
  user_name: string;
  previous_user_name: string;
  kind: string;
  reason: string;
  assigned_on: string;
}

export const REGION_LABELS: Record<string, [string, string]> = {
  hokkaido: ['北海道', 'Hokkaido'],
  tohoku: ['東北', 'Tohoku'],
  kanto: ['関東', 'Kanto'],
  chubu: ['中部', 'Chubu'],
  kinki: ['近畿', 'Kinki'],
  chugoku: ['中国', 'Chugoku'],
  shikoku: ['四国', 'Shikoku'],
  kyushu_okinawa: ['九州・沖縄', 'Kyushu & Okinawa'],
};

export const STRATEGY_LABELS: Record<string, [string, string]> = {
  round_robin: ['重み付きラウンドロビン', 'Weighted round robin'],
  least_open: ['担当件数最少', 'Least open work'],
  named_owner: ['指名担当', 'Named owner'],
};

export const SOURCE_LABELS: Record<string, [string, string]> = {
  seminar: ['セミナー', 'Seminar'],
  inquiry: ['問い合わせ', 'Inquiry'],
  notice: ['入札公告', 'Tender notice'],
  referral: ['紹介', 'Referral'],
};

export const BAND_LABELS: Record<string, [string, string]> = {
  under_10k: ['1万人未満', 'Under 10k'],
  '10k_50k': ['1万〜5万人', '10k–50k'],
  '50k_200k': ['5万〜20万人', '50k–200k'],
  '200k_plus': ['20万人以上', '200k+'],
};

export const ASSIGNMENT_LABELS: Record<string, [string, string]> = {
  routed: ['自動割当', 'Routed'],
  rerouted: ['再割当', 'Re-routed'],
  manual: ['手動', 'Manual'],
};
