#!/usr/bin/env bash
# Lead scoring: Kyoso (XGBoost's C API through `kyoso leads evaluate|score`) against
# Python's xgboost (Debian python3-xgboost 1.7, bench/ml_baseline.py) on the same CSVs
# with the same parameters (300 trees, depth 6, eta 0.05, 2 threads), in the same run:
#  (a) a lead table (20,000 rows: a date, categories, numbers with "1,234", blanks);
#  (b) the models' exported features when `kyoso ml export` exists (japan scale,
#      `kyoso demo --scale japan`), otherwise a generated 200,000 × 40 numeric CSV;
# and for each, scoring 1,788 × 8 = 14,304 new rows without explanations, with
# approximate (Saabas) and with exact (SHAP) contributions.
# Kyoso times are wall-clock times of the whole command (reading the CSV, encoding,
# training/scoring, writing) plus its own training time; Python times are the
# xgboost calls only (reading and encoding the CSV is reported apart). Never asserted
# by the test suite.
#
# Usage: bench/ml_bench.sh [--rows-wide N] [--rows-leads N] [--japan-db PATH]
# KYOSO (default build/release/kyoso) names the binary; PYTHON (default /usr/bin/python3)
# the interpreter with python3-xgboost.
set -euo pipefail
cd "$(dirname "$0")/.."
KYOSO=${KYOSO:-build/release/kyoso}
PYTHON=${PYTHON:-/usr/bin/python3}
ROWS_WIDE=200000
ROWS_LEADS=20000
JAPAN_DB=build/bench/japan.db
while [ $# -gt 0 ]; do
  case "$1" in
    --rows-wide) ROWS_WIDE=$2; shift 2 ;;
    --rows-leads) ROWS_LEADS=$2; shift 2 ;;
    --japan-db) JAPAN_DB=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
SCORE_ROWS=14304  # 1,788 governments × 8 products
OUT=build/bench/ml
mkdir -p "$OUT"
TREES=300 DEPTH=6 ETA=0.05 THREADS=2

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
json_get() { "$PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

# run_case NAME TRAIN_CSV TARGET POSITIVE SCORE_CSV
run_case() {
  local name=$1 train=$2 target=$3 positive=$4 score=$5
  echo "== $name: $(($(wc -l <"$train") - 1)) rows × $(head -1 "$train" | tr ',' '\n' | wc -l) columns (incl. target)"
  local t0 t1
  t0=$(now)
  "$KYOSO" leads evaluate -q --input "$train" --target "$target" --positive "$positive" --split time:0.2 \
    --trees $TREES --depth $DEPTH --learning-rate $ETA --threads $THREADS --save-model "$OUT/$name.kls" >"$OUT/$name.eval.json"
  t1=$(now)
  local k_eval k_train k_auc
  k_eval=$(secs "$t0" "$t1")
  k_train=$(json_get "$OUT/$name.eval.json" train_seconds)
  k_auc=$(json_get "$OUT/$name.eval.json" auc)
  local k_none k_approx k_exact
  t0=$(now); "$KYOSO" leads score -q --factors none --model "$OUT/$name.kls" --input "$score" --out "$OUT/$name.none.csv"; t1=$(now)
  k_none=$(secs "$t0" "$t1")
  t0=$(now); "$KYOSO" leads score -q --factors approximate --model "$OUT/$name.kls" --input "$score" --out "$OUT/$name.approx.csv"; t1=$(now)
  k_approx=$(secs "$t0" "$t1")
  t0=$(now); "$KYOSO" leads score -q --factors exact --model "$OUT/$name.kls" --input "$score" --out "$OUT/$name.exact.csv"; t1=$(now)
  k_exact=$(secs "$t0" "$t1")
  "$PYTHON" bench/ml_baseline.py --input "$train" --target "$target" --positive "$positive" --test-fraction 0.2 \
    --trees $TREES --depth $DEPTH --learning-rate $ETA --threads $THREADS --score "$score" >"$OUT/$name.python.json"
  local p_train p_auc p_pred p_approx p_exact p_read
  p_train=$(json_get "$OUT/$name.python.json" train_seconds)
  p_auc=$(json_get "$OUT/$name.python.json" auc)
  p_read=$(json_get "$OUT/$name.python.json" read_encode_seconds)
  p_pred=$(json_get "$OUT/$name.python.json" predict_seconds)
  p_approx=$(json_get "$OUT/$name.python.json" approx_contribs_seconds)
  p_exact=$(json_get "$OUT/$name.python.json" exact_contribs_seconds)
  printf '%-44s %14s %14s\n' "" "Kyoso" "Python xgboost"
  printf '%-44s %14s %14s\n' "train ($TREES trees, depth $DEPTH, $THREADS threads), s" "$k_train" "$p_train"
  printf '%-44s %14s %14s\n' "evaluate command / read+encode CSV, s" "$k_eval" "$p_read"
  printf '%-44s %14s %14s\n' "test AUC (time split 0.2)" "$k_auc" "$p_auc"
  printf '%-44s %14s %14s\n' "score $SCORE_ROWS rows, no factors, s" "$k_none" "$p_pred"
  printf '%-44s %14s %14s\n' "score + approximate contributions, s" "$k_approx" "$p_approx"
  printf '%-44s %14s %14s\n' "score + exact contributions, s" "$k_exact" "$p_exact"
  echo "(Kyoso score times: the whole command incl. reading the model and CSV and writing the CSV; Python: the predict call)"
}

echo "kyoso: $("$KYOSO" --version 2>/dev/null || echo "$KYOSO")   python xgboost: $("$PYTHON" -c 'import xgboost; print(xgboost.__version__)')   cores: $(nproc)"

# (a) a lead table.
"$PYTHON" bench/ml_data.py leads --rows "$ROWS_LEADS" --seed 1 --out "$OUT/leads.csv"
"$PYTHON" bench/ml_data.py leads --rows "$SCORE_ROWS" --seed 2 --no-label --out "$OUT/leads_new.csv"
run_case leads "$OUT/leads.csv" result 受注 "$OUT/leads_new.csv"

# (b) the models' exported features at japan scale, or a generated wide CSV.
if "$KYOSO" ml export --help >/dev/null 2>&1 && [ -f "$JAPAN_DB" ]; then
  "$KYOSO" ml export --db "$JAPAN_DB" --model propensity --out "$OUT/japan_features.csv"
  # The export's label column is `label` (0/1); score the first 14,304 rows again.
  head -n $((SCORE_ROWS + 1)) "$OUT/japan_features.csv" >"$OUT/japan_score.csv"
  run_case japan_features "$OUT/japan_features.csv" label 1 "$OUT/japan_score.csv"
else
  echo "(no \`kyoso ml export\` or no $JAPAN_DB: using a generated ${ROWS_WIDE} × 40 CSV)"
  "$PYTHON" bench/ml_data.py wide --rows "$ROWS_WIDE" --cols 40 --seed 1 --out "$OUT/wide.csv"
  "$PYTHON" bench/ml_data.py wide --rows "$SCORE_ROWS" --cols 40 --seed 2 --no-label --out "$OUT/wide_new.csv"
  run_case wide "$OUT/wide.csv" label 1 "$OUT/wide_new.csv"
fi
