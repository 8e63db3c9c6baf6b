#!/usr/bin/env bash
# Kills a real `post --in-place` at several moments of its save and checks what is left: the
# old bytes or the complete new file, never anything else; the file's mode kept; and the next
# save removes the temporary a killed save left. Usage: save_safety.sh [VALUE_ENTRIES]
# (default 25000, about 29 MB; run by .ci/run). Needs `swift build` first; RECONBENCH names
# another binary (an absolute path), DELAYS other kill moments.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${RECONBENCH:-$root/.build/debug/reconbench}"
entries="${1:-25000}"
work="$(mktemp -d)"
# The snapshot cache of this run stays in its folder, never in the user's.
export XDG_CACHE_HOME="$work/cache"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$binary" generate --value-entries "$entries" --seed 11 --output original.json > /dev/null
old=$(sha256sum < original.json)
cp original.json reference.json
"$binary" post reference.json --method entry --in-place > /dev/null
new=$(sha256sum < reference.json)
[ "$old" != "$new" ] || { echo "save-safety: posting changed nothing"; exit 1; }
size=$(stat -c %s original.json)
checks=0 killed=0 old_kept=0 new_complete=0
# DELAYS: the seconds after which to kill (a larger file needs later ones to hit its save).
for delay in ${DELAYS:-0.05 0.1 0.2 0.3 0.4 0.5 0.6 0.8 1.0 1.2 1.5 2.0 2.5 3.0}; do
  cp original.json ledger.json
  chmod 600 ledger.json
  "$binary" post ledger.json --method entry --in-place > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
  now=$(sha256sum < ledger.json)
  if [ "$now" = "$old" ]; then
    old_kept=$((old_kept + 1))
  elif [ "$now" = "$new" ]; then
    new_complete=$((new_complete + 1))
  else
    echo "save-safety: after a kill at $delay s the file is neither the old nor the new one"; exit 1
  fi
  [ "$(stat -c %a ledger.json)" = 600 ] || { echo "save-safety: mode changed to $(stat -c %a ledger.json)"; exit 1; }
  # The next save (here: validate, then a post that writes) leaves no temporary behind.
  "$binary" validate ledger.json > /dev/null || { echo "save-safety: the file does not validate"; exit 1; }
  if [ "$now" = "$old" ]; then "$binary" post ledger.json --method entry --in-place > /dev/null 2>&1; else
    "$binary" post ledger.json --method entry --output ledger.json > /dev/null 2>&1 || true; fi
  if ls -A | grep -q '^\.ledger\.json\.tmp-'; then echo "save-safety: a temporary file is left after the next save"; exit 1; fi
  checks=$((checks + 1))
done
echo "save-safety: $checks kills of a $((size / 1048576)) MB save ($killed while running): old file kept $old_kept, new file complete $new_complete, nothing else; mode kept; no temporary left"
