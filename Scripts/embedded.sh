#!/usr/bin/env bash
# Embedded Swift gate: build the device-side modules and the self-test for wasm32 in Embedded Swift
# and run it under the toolchain's wasmkit; compile-check each device module for armv7em and
# riscv32 and record its .text size in Documentation/Embedded.md.
#
# Usage: Scripts/embedded.sh [--no-sizes]   (--no-sizes: do not rewrite Documentation/Embedded.md)
set -euo pipefail
cd "$(dirname "$0")/.."
write_sizes=1
[ "${1:-}" = "--no-sizes" ] && write_sizes=0

swiftc_path=$(readlink -f "$(command -v swiftc)")
toolchain=$(dirname "$(dirname "$swiftc_path")")
embedded_lib="$toolchain/lib/swift/embedded"
embedded_flags=(-Xswiftc -enable-experimental-feature -Xswiftc Embedded -Xswiftc -wmo)

# Device-side modules, in dependency order; those not (yet) in Package.swift are skipped.
all_modules=(FieldCore FieldMQTT FieldFilters FieldClock FieldOutbox FieldDelta FieldML FieldUpdate)
modules=()
for m in "${all_modules[@]}"; do
  if grep -q "Module(name: \"$m\"" Package.swift; then modules+=("$m"); fi
done
echo "== Embedded Swift: modules ${modules[*]}"

echo "== wasm32 self-test under wasmkit"
swift build --package-path EmbeddedCheck --triple wasm32-unknown-none-wasm -c release \
  --scratch-path EmbeddedCheck/.build-wasm "${embedded_flags[@]}" \
  -Xlinker "$embedded_lib/wasm32-unknown-none-wasm/libswiftUnicodeDataTables.a"
wasm=EmbeddedCheck/.build-wasm/wasm32-unknown-none-wasm/release/SelfTest.wasm
wasmkit run "$wasm"
echo "self-test binary: $(stat -c %s "$wasm") bytes"

declare -A sizes
for triple in armv7em-none-none-eabi riscv32-none-none-eabi; do
  scratch=".build-${triple%%-*}"
  for m in "${modules[@]}"; do
    echo "== compile $m for $triple"
    swift build --triple "$triple" -c release --target "$m" --scratch-path "$scratch" "${embedded_flags[@]}" \
      -Xswiftc -Xfrontend -Xswiftc -disable-stack-protector
    total=0
    for obj in "$scratch/$triple/release/$m.build/"*.o; do
      [ -f "$obj" ] || continue
      # Sum every .text* section of the module's object files.
      bytes=$(llvm-objdump -h "$obj" | python3 -c 'import sys; print(sum(int(f[2], 16) for f in (l.split() for l in sys.stdin) if len(f) > 2 and f[1].startswith(".text")))')
      total=$((total + bytes))
    done
    sizes["$m,$triple"]=$total
  done
done

if [ "$write_sizes" = 1 ]; then
  {
    echo "# Embedded Swift"
    echo
    echo "Written by \`Scripts/embedded.sh\` on $(date -u +%Y-%m-%d) with $(swift --version 2>/dev/null | head -1)."
    echo
    echo "Every device-side module compiles in Embedded Swift (\`-enable-experimental-feature Embedded\`,"
    echo "whole-module, release) for the targets below, and \`EmbeddedCheck/\`'s self-test, built for"
    echo "\`wasm32-unknown-none-wasm\`, runs under \`wasmkit\` and exits non-zero on any failed check."
    echo
    echo "\`.text\` is the sum of the module's object files' \`.text*\` sections: the code the module"
    echo "contributes before the final link discards what a product does not use, so an upper bound."
    echo
    echo "| module | armv7em-none-none-eabi .text (bytes) | riscv32-none-none-eabi .text (bytes) |"
    echo "|---|---:|---:|"
    for m in "${modules[@]}"; do
      echo "| $m | ${sizes[$m,armv7em-none-none-eabi]} | ${sizes[$m,riscv32-none-none-eabi]} |"
    done
    echo
    echo "Self-test binary (wasm32, all modules and their tests): $(stat -c %s "$wasm") bytes."
  } > Documentation/Embedded.md.new
  # Keep any hand-written notes that follow the generated part.
  if [ -f Documentation/Embedded.md ] && grep -q '^## Notes' Documentation/Embedded.md; then
    echo >> Documentation/Embedded.md.new
    sed -n '/^## Notes/,$p' Documentation/Embedded.md >> Documentation/Embedded.md.new
  fi
  mv Documentation/Embedded.md.new Documentation/Embedded.md
  echo "== wrote Documentation/Embedded.md"
fi
