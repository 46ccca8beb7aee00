#!/usr/bin/env bash
# Compares FieldDelta patches with bsdiff, xdelta3, zstd --patch-from (Debian packages) and detools
# / HDiffPatch (PyPI) on a corpus of release pairs, printing patch size, diff time, and apply time
# and peak memory (whole-process maximum RSS from /usr/bin/time -v) for each tool and pair.
#
# Usage: Scripts/compare-delta.sh [PAIRS_DIR]   (default ../shared/delta/pairs; each pair is a
#        directory holding old.* and new.*)
# Needs: apt-get install bsdiff xdelta3 zstd time; pip install detools hdiffpatch;
#        the fieldkit tool, built here in release from fresh FieldKit objects unless FIELDKIT names one
#        (an incremental release build can keep stale cross-module-optimised library code).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PAIRS="${1:-$ROOT/../shared/delta/pairs}"
if [ -z "${FIELDKIT:-}" ]; then
  BIN="$(swift build --package-path "$ROOT/Examples" -c release --show-bin-path)"
  rm -rf "$BIN"/Field*.build "$BIN"/fieldkit.build
  swift build --package-path "$ROOT/Examples" -c release --product fieldkit >&2
  FIELDKIT="$BIN/fieldkit"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[ -x "$FIELDKIT" ] || { echo "no fieldkit tool at $FIELDKIT" >&2; exit 1; }

# measure LABEL COMMAND...: runs a command under /usr/bin/time -v; sets SECS and PEAK_KB.
measure() {
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || { cat "$WORK/err.txt" >&2; return 1; }
    SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time.txt")
    PEAK_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
}

cat > "$WORK/hdiff.py" <<'PY'
import sys, hdiffpatch
mode, a, b, c = sys.argv[1:5]
if mode == "diff":
    old, new = open(a, "rb").read(), open(b, "rb").read()
    open(c, "wb").write(hdiffpatch.diff(old, new, hdiffpatch.ZStdConfig(level=19), validate=False))
else:
    old, patch = open(a, "rb").read(), open(b, "rb").read()
    open(c, "wb").write(hdiffpatch.apply(old, patch))
PY

printf '| pair | tool | patch bytes | %% of new | diff s | apply s | apply peak RSS KB | ok |\n'
printf '|---|---|---:|---:|---:|---:|---:|---|\n'
declare -A TOTAL
NEW_TOTAL=0
for dir in "$PAIRS"/*/; do
    pair="$(basename "$dir")"
    old="$(ls "$dir"/old.* | head -1)"
    new="$(ls "$dir"/new.* | head -1)"
    new_size=$(stat -c %s "$new")
    NEW_TOTAL=$((NEW_TOTAL + new_size))
    for tool in fielddelta bsdiff xdelta3 zstd-patch-from hdiffpatch-zstd detools-hdiffpatch-lzma zstd-19-full; do
        patch="$WORK/$pair.$tool.patch"
        out="$WORK/$pair.$tool.out"
        rm -f "$out"
        case "$tool" in
            fielddelta)
                measure "$FIELDKIT" delta diff "$old" "$new" "$patch"; d=$SECS
                measure "$FIELDKIT" delta apply "$old" "$patch" "$out" ;;
            bsdiff)
                measure bsdiff "$old" "$new" "$patch"; d=$SECS
                measure bspatch "$old" "$out" "$patch" ;;
            xdelta3)
                measure xdelta3 -e -9 -f -s "$old" "$new" "$patch"; d=$SECS
                measure xdelta3 -d -f -s "$old" "$patch" "$out" ;;
            zstd-patch-from)
                measure zstd -q -f -19 --patch-from="$old" "$new" -o "$patch"; d=$SECS
                measure zstd -q -f -d --patch-from="$old" "$patch" -o "$out" ;;
            hdiffpatch-zstd)
                measure python3 "$WORK/hdiff.py" diff "$old" "$new" "$patch"; d=$SECS
                measure python3 "$WORK/hdiff.py" apply "$old" "$patch" "$out" ;;
            detools-hdiffpatch-lzma)
                measure detools create_patch -c lzma -t hdiffpatch -a hdiffpatch "$old" "$new" "$patch"; d=$SECS
                measure detools apply_patch "$old" "$patch" "$out" ;;
            zstd-19-full)
                measure zstd -q -f -19 "$new" -o "$patch"; d=$SECS
                measure zstd -q -f -d "$patch" -o "$out" ;;
        esac
        size=$(stat -c %s "$patch")
        TOTAL[$tool]=$(( ${TOTAL[$tool]:-0} + size ))
        ok=$(cmp -s "$out" "$new" && echo yes || echo NO)
        pct=$(awk -v a="$size" -v b="$new_size" 'BEGIN { printf "%.2f", 100 * a / b }')
        printf '| %s | %s | %d | %s | %s | %s | %s | %s |\n' "$pair" "$tool" "$size" "$pct" "$d" "$SECS" "$PEAK_KB" "$ok"
    done
done
echo
printf '| tool | total patch bytes | %% of total new (%d bytes) |\n|---|---:|---:|\n' "$NEW_TOTAL"
for tool in fielddelta bsdiff xdelta3 zstd-patch-from hdiffpatch-zstd detools-hdiffpatch-lzma zstd-19-full; do
    printf '| %s | %d | %s |\n' "$tool" "${TOTAL[$tool]}" "$(awk -v a="${TOTAL[$tool]}" -v b="$NEW_TOTAL" 'BEGIN { printf "%.2f", 100 * a / b }')"
done
echo
echo "Python-hosted tools (hdiffpatch, detools) include interpreter start-up in time and memory."
