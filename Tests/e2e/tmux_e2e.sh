#!/usr/bin/env bash
# End-to-end test of the workbench in a real terminal emulation (tmux): start on the sample,
# drill three levels and back, search, change the date filter, export the matrix and a drilled
# list and check the CSV files, resize to tiny and back, quit. Needs `swift build` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$root/.build/debug/reconbench"
[ -x "$binary" ] || { echo "e2e: $binary missing; run swift build first"; exit 1; }
work="$(mktemp -d)"
# The snapshot cache of this run stays in its folder, never in the user's.
export XDG_CACHE_HOME="$work/cache"
socket="$work/tmux.sock"
tmux_() { tmux -S "$socket" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

steps=0
fail() {
  echo "e2e: FAILED at: $1"
  echo "----- screen -----"
  tmux_ capture-pane -p -t e2e || true
  echo "------------------"
  exit 1
}
# Waits (polling, up to 6 s, or the tenths of a second given second) until the screen contains
# the text.
wait_for() {
  for _ in $(seq 1 "${2:-60}"); do
    if tmux_ capture-pane -p -t e2e 2>/dev/null | grep -qF -- "$1"; then
      steps=$((steps + 1))
      return 0
    fi
    sleep 0.1
  done
  fail "waiting for \"$1\""
}
keys() { tmux_ send-keys -t e2e "$@"; }

cd "$work"
tmux_ new-session -d -s e2e -x 100 -y 30 \
  "cd '$work' && env LANG=C.UTF-8 TERM=tmux-256color '$binary'; s=\$?; echo; echo \"exit=\$s\"; sleep 5"
wait_for "CRONUS Office Furniture Ltd."
wait_for "Inventory To WIP"

# Drill three levels: Total × Inventory → an item → its value entries → one entry's card.
keys G Up Up Up
wait_for "Total × Inventory"
keys Enter
wait_for "Matrix › Total × Inventory"
keys Enter
wait_for "Posting Date"
# The list's totals line: the count and the sums of its amount columns.
wait_for "Σ "
wait_for " rows"
keys Enter
wait_for "› Value Entry"
wait_for "Cost Amount (Actual)"
# And back: each level as it was.
keys Escape
wait_for "Posting Date"
keys Escape Escape
wait_for "Total × Inventory"

# Search the matrix rows.
keys / C-u
tmux_ send-keys -t e2e -l "Capacity Variance"
keys Enter
wait_for "Capacity Variance × Inventory"

# Change the date filter: the matrix recomputes.
keys d C-u
tmux_ send-keys -t e2e -l "2025-10-01..2025-12-27"
keys Enter
wait_for "Dates: 2025-10-01..2025-12-27"

# Export the matrix, and check it equals the headless command's CSV.
keys E C-u
tmux_ send-keys -t e2e -l "matrix.csv"
keys Enter
wait_for "Exported 18 rows to $work/matrix.csv"
"$binary" matrix --date 2025-10-01..2025-12-27 --format csv > expected-matrix.csv
cmp -s matrix.csv expected-matrix.csv || fail "exported matrix differs from reconbench matrix"
steps=$((steps + 1))

# Export a drilled list (report lines of Difference × Inventory) with the default name.
keys g
keys G Up
wait_for "Difference × Inventory"
keys Enter
wait_for "Matrix › Difference × Inventory"
keys E Enter
wait_for "Exported"
[ -f difference-inventory.csv ] || fail "no difference-inventory.csv"
head -1 difference-inventory.csv | grep -qx "Type,No.,Description,Amount" || fail "list export header"
"$binary" drill --row Difference --column Inventory --date 2025-10-01..2025-12-27 --format csv > expected-lines.csv
cmp -s difference-inventory.csv expected-lines.csv || fail "exported list differs from reconbench drill"
steps=$((steps + 1))
keys Escape

# The palette lists the matching commands; the arrows choose; Enter runs the chosen one.
keys :
tmux_ send-keys -t e2e -l "valuation"
wait_for "Inventory Valuation - WIP report"
keys Down Enter
wait_for "Inventory Valuation - WIP"
wait_for "D dates"
keys Escape
wait_for "Inventory To WIP"

# A paste (bracketed) never runs as key commands; in a prompt it is the prompt's text.
tmux_ set-buffer "qqqq1234"
tmux_ paste-buffer -p -t e2e
wait_for "Pasted text is ignored"
keys /
tmux_ set-buffer "Variance"
tmux_ paste-buffer -p -t e2e
wait_for "Search: Variance"
keys Enter
wait_for "“Variance”: match 1 of"

# Post, then save as into a folder that cannot be written: the error shows, the next Ctrl+W
# asks again, and a good name saves.
keys P
wait_for "Press P again"
keys P
wait_for "Post these entries to the G/L?"
keys y
wait_for "[modified]"
keys C-w
wait_for "Save snapshot as:"
keys C-u
tmux_ send-keys -t e2e -l "/sys/saved.json"
keys Enter
wait_for "cannot save"
keys C-w
wait_for "Save snapshot as:"
keys C-u
tmux_ send-keys -t e2e -l "good.json"
keys Enter
wait_for "Saved $work/good.json" 300
"$binary" validate good.json > /dev/null || fail "the snapshot saved after a failed save-as does not validate"
steps=$((steps + 1))

# Resize to tiny and back.
tmux_ resize-window -t e2e -x 20 -y 5
wait_for "too small"
tmux_ resize-window -t e2e -x 100 -y 30
wait_for "Inventory To WIP"

# Quit: the program ends with status 0 and gives the terminal back.
keys q
wait_for "exit=0"
# SIGTERM: the workbench leaves curses, gives the terminal back in cooked mode and exits 143.
tmux_ kill-session -t e2e
tmux_ new-session -d -s e2e -x 80 -y 24 \
  "cd '$work' && env LANG=C.UTF-8 TERM=tmux-256color '$binary' --no-mouse; s=\$?; echo; echo \"exit=\$s\"; stty -a | tr ' ' '\\n' | grep -qx icanon && echo cooked; sleep 5"
wait_for "Inventory To WIP"
# Help at 80×24: a framed box that scrolls to its last line.
keys "?"
wait_for "┌─ Keys"
keys End
wait_for "Display and general"
wait_for "Quit"
keys Escape
wait_for "Inventory To WIP"
pkill -TERM -f "$binary --no-mouse"
wait_for "exit=143"
wait_for "cooked"

# A Business Central configuration package opened directly: imported in memory, the same
# matrix as the snapshot, saved as a snapshot only with Ctrl+W (asking where).
tmux_ kill-session -t e2e
tmux_ new-session -d -s e2e -x 110 -y 30 \
  "cd '$work' && env LANG=C.UTF-8 TERM=tmux-256color '$binary' '$root/SampleData/cronus-sample.rapidstart'; s=\$?; echo; echo \"exit=\$s\"; sleep 5"
# (The debug build imports the package in several seconds.)
wait_for "Imported cronus-sample.rapidstart" 900
wait_for "Inventory To WIP"
keys E C-u
tmux_ send-keys -t e2e -l "imported-matrix.csv"
keys Enter
wait_for "Exported 18 rows to $work/imported-matrix.csv"
"$binary" matrix --format csv > sample-matrix.csv
cmp -s imported-matrix.csv sample-matrix.csv || fail "the imported package's matrix differs from the sample's"
steps=$((steps + 1))
keys C-w
wait_for "Save snapshot as: cronus-sample.json"
keys C-u
tmux_ send-keys -t e2e -l "saved.json"
keys Enter
wait_for "Saved $work/saved.json" 300
"$binary" validate saved.json > /dev/null || fail "the saved snapshot does not validate"
steps=$((steps + 1))
keys q
wait_for "exit=0"

# The Jobs screen of the sample: J, a job's tasks, a task's lines, Calculate WIP at a date,
# its export equal to `reconbench jobs wip`, post it, Job WIP To G/L.
tmux_ kill-session -t e2e 2>/dev/null || true
tmux_ new-session -d -s e2e -x 120 -y 30 \
  "cd '$work' && env LANG=C.UTF-8 TERM=tmux-256color '$binary'; s=\$?; echo; echo \"exit=\$s\"; sleep 5"
wait_for "Inventory To WIP"
# The timeline of Difference × Inventory: t, the first dates in the title, Enter on a period.
keys G Up t
wait_for "Timeline of Inventory: not zero since 2025-01-03" 300
wait_for "2025-11-01..2025-11-30"
keys g Enter
wait_for "Dates: 2025-01-01..2025-01-31"
keys d C-u Enter
wait_for "Dates: all"
keys J
wait_for "Matrix › Jobs at 2025-12-31"
wait_for "J-1006"
keys Enter
wait_for "J-1001 tasks"
keys Down Enter
wait_for "Planning Line"
wait_for "Job Ledger Entry"
keys Escape Escape c C-u
tmux_ send-keys -t e2e -l "2025-11-30"
keys Enter
wait_for "Job WIP Entries at 2025-11-30"
keys E C-u
tmux_ send-keys -t e2e -l "wip-entries.csv"
keys Enter
wait_for "to $work/wip-entries.csv"
"$binary" jobs wip --posting-date 2025-11-30 --document-no WIP-20251130 --format csv > expected-wip.csv
cmp -s wip-entries.csv expected-wip.csv || fail "exported Job WIP entries differ from reconbench jobs wip"
steps=$((steps + 1))
keys p
wait_for "Post "
keys y
wait_for "WIP was successfully posted to G/L"
keys 5
wait_for "Job WIP To G/L at 2025-11-30"
keys q q q
wait_for "Unsaved changes will be lost"
keys y
wait_for "exit=0"

# A large snapshot: the progress line shows while it opens (from its JSON: not cached).
"$binary" generate --value-entries 150000 --seed 3 --output big.json --no-cache > /dev/null
tmux_ kill-session -t e2e 2>/dev/null || true
tmux_ new-session -d -s e2e -x 100 -y 30 \
  "cd '$work' && env LANG=C.UTF-8 TERM=tmux-256color XDG_CACHE_HOME='$work/cache' '$binary' big.json --no-cache; s=\$?; echo; echo \"exit=\$s\"; sleep 5"
wait_for "Opening big.json" 30
wait_for "Ctrl+C stops" 30
wait_for "Inventory To WIP" 1200
keys q
wait_for "exit=0"

# An unknown terminal type: a clear message, no crash.
tmux_ kill-session -t e2e 2>/dev/null || true
tmux_ new-session -d -s e2e -x 100 -y 30 \
  "cd '$work' && env LANG=C.UTF-8 TERM=no-such-terminal '$binary' 2> term.err; echo \"exit=\$?\"; sleep 5"
wait_for "exit=1"
grep -q 'cannot use the terminal type "no-such-terminal"' term.err || fail "unknown TERM message: $(cat term.err)"
steps=$((steps + 1))

# No terminal at all (a script): exit 2 at once with a hint, no spinning.
timeout 10 "$binary" > /dev/null 2> noterm.err < /dev/null && fail "ran without a terminal" || status=$?
[ "${status:-0}" = 2 ] || fail "no terminal: exit ${status:-0}, expected 2"
grep -q 'the workbench needs a terminal' noterm.err || fail "no-terminal message: $(cat noterm.err)"
steps=$((steps + 1))

echo "e2e: $steps passed, 0 failed"
