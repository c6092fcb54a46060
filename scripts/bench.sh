#!/usr/bin/env bash
# Speed benchmark (not part of CI: too slow and too noisy for a pass/fail
# gate). In one run it builds a bare Fyne window and Hearth with the same
# toolchain and tags, generates a ten-year carer's store, and under Xvfb
# measures start-up to the first frame and idle memory of both, then search
# latency, the longest list and a 100,000-record search variant. It prints a
# table and exits non-zero only on errors, never on a missed target.
#
#   bash scripts/bench.sh            # RUNS=7 DISPLAY_NUM=94 by default
#   COMPARE_REV=<commit> bash scripts/bench.sh
#
# COMPARE_REV also builds Hearth and hearth-searchbench as they were at that
# commit and interleaves them with the current ones, so a change is judged
# against its "before" under the same load: on a shared machine the
# absolute figures move by 30% or more between runs.
#
# Needs Xvfb. Start-up is measured from this script's clock just before
# exec to the unix_ns in the app's "first frame" marker (--startup-marker).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tags.sh
RUNS=${RUNS:-7}
DISPLAY_NUM=${DISPLAY_NUM:-94}
IDLE_SECONDS=${IDLE_SECONDS:-3}
work=$(mktemp -d /tmp/hearth-bench.XXXXXX)
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== build (go $(go env GOVERSION), tags: $SQLITE_TAGS bench)" >&2
go build -tags "$SQLITE_TAGS bench" -o "$work/hearth" .
go build -tags "$SQLITE_TAGS bench" -o "$work/barewindow" ./cmd/barewindow
go build -tags "$SQLITE_TAGS" -o "$work/hearth-gen" ./cmd/hearth-gen
go build -tags "$SQLITE_TAGS" -o "$work/hearth-searchbench" ./cmd/hearth-searchbench
if [ -n "${COMPARE_REV:-}" ]; then
  echo "== build $COMPARE_REV for comparison" >&2
  mkdir "$work/old"
  git archive "$COMPARE_REV" | tar -x -C "$work/old"
  (cd "$work/old" && go build -tags "$SQLITE_TAGS bench" -o "$work/hearth-old" . &&
    go build -tags "$SQLITE_TAGS" -o "$work/hearth-searchbench-old" ./cmd/hearth-searchbench)
fi

echo "== generate" >&2
"$work/hearth-gen" --data-dir "$work/store" >&2
"$work/hearth-gen" --data-dir "$work/store100k" --records 100000 >&2

if [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; then
  echo "display :$DISPLAY_NUM is in use; set DISPLAY_NUM" >&2; exit 1
fi
Xvfb ":$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.1; done
export DISPLAY=":$DISPLAY_NUM"
HEARTH_BENCH_KEYCHAIN=$(cat "$work/store/bench-keychain")
export HEARTH_BENCH_KEYCHAIN

# first_frame_ms BINARY ARGS... prints ms from exec to the first frame. A
# run that does not end within 60 s is killed (Fyne takes SIGTERM as a
# request to quit, which a stuck app never gets to) and counted in
# $work/failed instead of failing the whole benchmark.
first_frame_ms() {
  local t0 out ns
  t0=$(date +%s%N)
  out=$(timeout -k 5 60 "$@" --startup-marker --exit-after-first-frame 2>/dev/null) ||
    { echo "failed or stuck: $*" >&2; echo "$*" >>"$work/failed"; return 0; }
  ns=$(sed -n 's/^hearth: first frame .*(unix_ns \([0-9]*\))$/\1/p' <<<"$out")
  [ -n "$ns" ] || { echo "no marker from $*" >&2; echo "$*" >>"$work/failed"; return 0; }
  echo $(( (ns - t0) / 1000000 ))
}

# idle_rss_kib BINARY ARGS... prints resident memory after IDLE_SECONDS.
idle_rss_kib() {
  local pid rss
  "$@" --startup-marker >"$work/idle.out" 2>/dev/null &
  pid=$!
  for _ in $(seq 300); do grep -q "first frame" "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
  sleep "$IDLE_SECONDS"
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

echo "== start-up ($RUNS runs each, interleaved)" >&2
: >"$work/bare.ms"; : >"$work/hearth.ms"; : >"$work/old.ms"
# One warm-up each so both start from a warm page cache.
first_frame_ms "$work/barewindow" >/dev/null
first_frame_ms "$work/hearth" --data-dir "$work/store" >/dev/null
[ -z "${COMPARE_REV:-}" ] || first_frame_ms "$work/hearth-old" --data-dir "$work/store" >/dev/null
for _ in $(seq "$RUNS"); do
  first_frame_ms "$work/barewindow" >>"$work/bare.ms"
  first_frame_ms "$work/hearth" --data-dir "$work/store" >>"$work/hearth.ms"
  [ -z "${COMPARE_REV:-}" ] || first_frame_ms "$work/hearth-old" --data-dir "$work/store" >>"$work/old.ms"
done
bare_ms=$(median <"$work/bare.ms"); hearth_ms=$(median <"$work/hearth.ms")
echo "   bare: $(tr '\n' ' ' <"$work/bare.ms")  hearth: $(tr '\n' ' ' <"$work/hearth.ms")" >&2
[ -z "${COMPARE_REV:-}" ] || echo "   $COMPARE_REV: $(tr '\n' ' ' <"$work/old.ms")" >&2

echo "== idle memory" >&2
bare_rss=$(idle_rss_kib "$work/barewindow")
hearth_rss=$(idle_rss_kib "$work/hearth" --data-dir "$work/store")

echo "== search and lists (10-year store)" >&2
"$work/hearth-searchbench" --data-dir "$work/store" >"$work/s18k.txt"
echo "== search (100,000 recordings)" >&2
"$work/hearth-searchbench" --data-dir "$work/store100k" >"$work/s100k.txt"
if [ -n "${COMPARE_REV:-}" ]; then
  echo "== search as at $COMPARE_REV (100,000 recordings)" >&2
  "$work/hearth-searchbench-old" --data-dir "$work/store100k" >"$work/s100k-old.txt"
fi
field() { awk -v k="$2" -v n="$3" '$1 == k {print $n}' "$1"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
printf '%-44s %12s %12s %8s %8s\n' "measure" "hearth" "bare/fts5" "ratio" "target"
printf '%-44s %12s %12s %8s %8s\n' "first frame, median of $RUNS (ms)" "$hearth_ms" "$bare_ms" "$(ratio "$hearth_ms" "$bare_ms")" "<=1.2"
printf '%-44s %12s %12s %8s %8s\n' "idle RSS after ${IDLE_SECONDS}s (MiB)" "$((hearth_rss / 1024))" "$((bare_rss / 1024))" "$(ratio "$hearth_rss" "$bare_rss")" "<=1.5"
for v in s18k s100k; do
  label=$([ "$v" = s18k ] && echo "18k" || echo "100k")
  printf '%-44s %12s %12s %8s %8s\n' "search p50, $label recordings (ms)" "$(field "$work/$v.txt" search_app_ms 3)" "$(field "$work/$v.txt" search_fts5_ms 3)" "" ""
  printf '%-44s %12s %12s %8s %8s\n' "search p95, $label recordings (ms)" "$(field "$work/$v.txt" search_app_ms 5)" "$(field "$work/$v.txt" search_fts5_ms 5)" "" "<=10"
  printf '%-44s %12s %12s %8s %8s\n' "open + unlock, $label (ms)" "$(field "$work/$v.txt" open_unlock_ms 2)" "" "" ""
  printf '%-44s %12s %12s %8s %8s\n' "search index ready (background), $label (ms)" "$(field "$work/$v.txt" index_ready_ms 2)" "" "" ""
  printf '%-44s %12s %12s %8s %8s\n' "home dashboard data, $label (ms)" "$(field "$work/$v.txt" dashboard_ms 2)" "" "" ""
done
printf '%-44s %12s %12s %8s %8s\n' "longest list ($(field "$work/s18k.txt" longest_list_records 2) recs), page 1 p50 (ms)" "$(field "$work/s18k.txt" longest_list_first_page_ms 3)" "" "" ""
printf '%-44s %12s %12s %8s %8s\n' "longest list, page 1 p95 (ms)" "$(field "$work/s18k.txt" longest_list_first_page_ms 5)" "" "" ""
if [ -s "$work/failed" ]; then
  echo "runs that failed or were stuck (not in the figures): $(wc -l <"$work/failed")"
  sort "$work/failed" | uniq -c
fi
if [ -n "${COMPARE_REV:-}" ]; then
  old_ms=$(median <"$work/old.ms")
  printf '%-44s %12s %12s %8s %8s\n' "first frame at $COMPARE_REV (ms)" "$old_ms" "$bare_ms" "$(ratio "$old_ms" "$bare_ms")" ""
  printf '%-44s %12s %12s %8s %8s\n' "search p95, 100k, at $COMPARE_REV (ms)" "$(field "$work/s100k-old.txt" search_app_ms 5)" "$(field "$work/s100k-old.txt" search_fts5_ms 5)" "" ""
fi
