#!/bin/sh
# The product matcher against the hand labels (tests/data/intel/notice_labels.csv):
# precision and recall at the default threshold must stay above floors. The floors sit
# well under the measured figures (docs/intel.md) and well above what a broken matcher
# gives (matching nothing: recall 0; matching everything: precision ~0.01).
# Usage: evaluate_labels.sh KYOSO_BINARY SOURCE_DIR. Exit 77 (skip) without the notices.
set -eu
kyoso=$1
src=$2
data=${KYOSO_SHARED_DATA:-$src/../shared/data}
notices=$data/jp-digital-agency-procurement-notices/jp-go-digital-news-procurement.csv
if [ ! -f "$notices" ]; then
    echo "skip: $data/jp-digital-agency-procurement-notices is absent (set KYOSO_SHARED_DATA)"
    exit 77
fi
exec "$kyoso" intel evaluate --labels "$src/tests/data/intel/notice_labels.csv" --notices "$notices" \
    --min-precision 0.45 --min-recall 0.40
