#!/usr/bin/env bash
# QoS 1 publish throughput to a local mosquitto: `fieldkit mqtt publish --stdin` (release) against
# `mosquitto_pub -l` with the same messages, in the same run, best of 3 each. Prints a markdown table.
# Usage: Scripts/compare-mqtt-publish.sh [MESSAGES] [PAYLOAD_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-50000}
size=${2:-64}
command -v mosquitto >/dev/null || { echo "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)"; exit 1; }
work=$(mktemp -d)
trap 'kill $broker 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\nmax_inflight_messages 0\nmax_queued_messages 0\n' "$port" > "$work/m.conf"
[ "$(id -u)" = 0 ] && echo "user root" >> "$work/m.conf"
mosquitto -c "$work/m.conf" >/dev/null 2>&1 & broker=$!
sleep 0.5
python3 -c "
import random
random.seed(1)
for i in range($count):
    print(('%08d' % i) + ''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range($size - 8)))
" > "$work/messages.txt"
swift build --package-path Examples -c release >/dev/null 2>&1
fk="$(swift build --package-path Examples -c release --show-bin-path)/fieldkit"
best() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    with open(sys.argv[1]) as stdin:
        t0 = time.perf_counter()
        subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
print(f"{min(times):.3f}")
PY
}
for v in 3.1.1 5; do
  mv_flag=$([ "$v" = 5 ] && echo mqttv5 || echo mqttv311)
  ours=$(best "$work/messages.txt" "$fk" mqtt publish --port "$port" --protocol "$v" --topic bench/t --qos 1 --stdin)
  theirs=$(best "$work/messages.txt" mosquitto_pub -p "$port" -V "$mv_flag" -t bench/t -q 1 -l)
  echo "| MQTT $v, $count QoS 1 messages of $size B | $(python3 -c "print(f'{$count/$ours:,.0f}')") msg/s | $(python3 -c "print(f'{$count/$theirs:,.0f}')") msg/s | $(python3 -c "print(f'{$theirs/$ours:.2f}x')") |"
done
