#!/bin/sh
# Lists the top-level type names declared in more than one of the modules that make up the
# provider's contract: the service (ProviderCore, ProviderDBus), its clients (TaskSequenceSDK,
# tsctl) and the modules both share (ProviderContract, TaskSequenceModel). A name declared
# twice is a type the two sides can let drift (issue 15): declare it once, in
# ProviderContract or TaskSequenceModel. Prints `Name: ModuleA ModuleB …`, one a line, sorted;
# nothing when every name is declared once. Run from anywhere.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/Sources"
for module in ProviderContract TaskSequenceModel ProviderCore ProviderDBus TaskSequenceSDK tsctl; do
    # Top-level declarations only (no indentation): nested helper types (`Kind`, `CodingKeys`)
    # are named through their outer type and do not clash.
    grep -rhoE '^(@[A-Za-z]+ )*((public|package|internal|fileprivate|private) )?(final )?(struct|enum|class|actor|protocol|typealias) [A-Z][A-Za-z0-9_]*' \
        --include='*.swift' "$module" | awk -v module="$module" '{ print $NF " " module }'
done | sort -u | awk '
    { if ($1 in count) modules[$1] = modules[$1] " " $2; else modules[$1] = $2; count[$1]++ }
    END { for (name in count) if (count[name] > 1) print name ": " modules[name] }
' | sort
