#!/bin/sh
# Lists types declared under different names in two modules of the provider's contract with
# the same JSON shape: the same set of coding keys (`enum CodingKeys` / `enum Keys` raw
# values). shared-type-duplicates.sh catches a name declared twice; this catches the mirror
# that renamed it (the SDK's PackageChange beside the model's SequenceChange, issue 15).
# Prints `Key,Key,…: file file …`, one a line, sorted; nothing when every shape is declared
# once. Run from anywhere; ROOT overrides the checkout it reads.
set -eu
root=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root/Sources"
for module in ProviderContract TaskSequenceModel ProviderCore ProviderDBus TaskSequenceSDK tsctl; do
    [ -d "$module" ] || continue
    find "$module" -name '*.swift' | sort | while read -r file; do
        # The quoted raw values between `enum CodingKeys` (or `Keys`) and its closing brace.
        awk -v file="$file" '
            /enum (CodingKeys|Keys)[: ]/ { inside = 1; keys = ""; next }
            inside && /^[[:space:]]*}/ { inside = 0; if (keys != "") print file "\t" keys; next }
            inside { while (match($0, /"[A-Za-z0-9]+"/)) { keys = keys " " substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }
        ' "$file"
    done
done | while IFS="$(printf '\t')" read -r file keys; do
    # One key set, sorted, as the shape's name.
    printf '%s\t%s\n' "$(printf '%s\n' $keys | sort | paste -sd, -)" "$file"
done | sort | awk -F '\t' '
    { files[$1] = files[$1] " " $2; count[$1]++ }
    END { for (shape in count) if (count[shape] > 1) print shape ":" files[shape] }
' | sort
