// Shapes of the case library and public value API (openapi/cases.json).
export interface CaseStudy {
  id: number;
  kind: 'success' | 'failure';
  kind_label: string;
  title: string;
  government_code: string;
  government_name: string;
  prefecture_code: string;
  prefecture_name: string;
  similar_group: string;
  product_id: number;
  product_name: string;
  deal_id: number | null;
  deal: { id: number; title: string; stage: string; amount: number | null } | null;
  summary: string;
  approach: string;
  lessons: string;
  tags: string[];
  created_by: number;
  created_by_name: string;
  created_on: string;
  created_at: string;
  updated_at: string;
  can_edit: boolean;
}
export interface RelatedAnswer {
  government_code: string;
  government_name: string;
  similar_group: string;
  product_id: number | null;
  own: CaseStudy[];
  similar: CaseStudy[];
  similar_governments: { code: string; name: string; distance: number }[];
}
export interface Deployment {
  metric_id: number;
  deal_id: number;
  government_code: string;
  government_name: string;
  product_id: number;
  product_name: string;
  metric_name: string;
  unit: string;
  direction: string;
  baseline: number;
  baseline_on: string;
  target: number;
  latest: number | null;
  latest_on: string | null;
  progress: number | null;
  citation: string;
  similar?: boolean;
}
export interface MetricSummary {
  metric_name: string;
  unit: string;
  deployments: number;
  measured: number;
  governments: number;
  median_progress: number | null;
  median_change: number | null;
}
export interface PublicValueAnswer {
  product_id: number | null;
  product_name: string;
  government_code: string;
  government_name: string;
  deployments: Deployment[];
  metrics: MetricSummary[];
}
export interface EvidenceAnswer {
  product_id: number;
  product_name: string;
  government_code: string;
  government_name: string;
  items: Deployment[];
  metrics: MetricSummary[];
  citation_text: string;
}

export function pct(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}
