#!/usr/bin/env bash
# Runs the benchmark suites (Benchmarks/, ordo-one/benchmark, release) and, for each suite that has
# one, its reference script Scripts/bench-reference/<Suite>.sh in the same run; then rewrites the
# generated parts of Documentation/Benchmarks.md (machine, date, and one section per suite run).
# Hand-written text outside the generated markers is kept.
#
# Usage: Scripts/benchmarks.sh [Suite ...]   (default: every suite in Benchmarks/Package.swift)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mapfile -t all < <(sed -n 's/^ *("\([A-Za-z]*\)", *"[A-Za-z]*"),.*/\1/p' Benchmarks/Package.swift)
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=("${all[@]}")
out=.build/benchmarks
mkdir -p "$out"
doc=Documentation/Benchmarks.md
[ -f "$doc" ] || printf '# Benchmarks\n' > "$doc"

machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
header="Last generated run: $(date -u '+%Y-%m-%d %H:%M UTC') on ${machine}; $(swift --version 2>/dev/null | head -1)."

# replace_section NAME FILE: put FILE's content between the markers of NAME (append if missing).
replace_section() {
  python3 - "$doc" "$1" "$2" <<'PY'
import sys
doc, name, path = sys.argv[1:4]
text = open(doc).read()
body = open(path).read().rstrip("\n")
begin, end = f"<!-- BEGIN generated:{name} -->", f"<!-- END generated:{name} -->"
block = f"{begin}\n{body}\n{end}"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    text = head + block + tail
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(doc, "w").write(text)
PY
}

# Incremental release builds can keep stale cross-module-optimised code after library changes:
# drop the FieldKit modules' objects so every suite measures the sources as they are.
rm -rf Benchmarks/.build/*/release/Field*.build
# A cached build manifest can miss source files added to the root package since it was written.
rm -f Benchmarks/.build/release.yaml Benchmarks/.build/*/release/description.json

echo "$header" > "$out/header.md"
replace_section run-info "$out/header.md"

for suite in "${suites[@]}"; do
  echo "== benchmark suite $suite"
  swift package --package-path Benchmarks --disable-sandbox benchmark \
    --target "${suite}Benchmarks" --format markdown --no-progress > "$out/$suite.raw" 2>&1 || {
      echo "suite $suite failed:"; tail -20 "$out/$suite.raw"; exit 1; }
  {
    echo "### $suite: measured by Benchmarks/ (ordo-one/benchmark, release)"
    echo
    # Keep the plugin's per-benchmark headings and tables; drop build chatter and the host block.
    sed -n "/^## ${suite}Benchmarks/,\$p" "$out/$suite.raw" | sed '1d; s/^### /#### /' | cat -s
    if [ -x "Scripts/bench-reference/$suite.sh" ]; then
      echo
      echo "### $suite: references measured in the same run (\`Scripts/bench-reference/$suite.sh\`)"
      echo
      "Scripts/bench-reference/$suite.sh"
    fi
  } > "$out/$suite.md"
  replace_section "$suite" "$out/$suite.md"
done
echo "== wrote $doc"
