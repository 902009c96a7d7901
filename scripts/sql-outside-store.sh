#!/bin/sh
# Lists the lines of the product's modules outside ProviderStore that look like SQL: a statement
# over one of the store's tables, or a clause only SQL has. ProviderStore owns every line of SQL
# (docs/store-seam.md); WQL (`SELECT … FROM SMS_…`, over classes) is not SQL and is not listed.
# The benchmark's floors (Sources/tsbench) are SQL run straight on the store's file on purpose,
# and are not product code. Prints `path:line: text`, nothing when the boundary holds. An argument
# names another checkout to read (the test plants a statement in one).
set -eu
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
tables='package|smsPackage|step|conditionOperand|packageReference|classPermission|instancePermission|revision|computer|collection|collectionMember|computerAssociation|advertisement|deploymentVariable'
for module in TaskSequenceModel TaskSequenceXML DBusKit ProviderContract ProviderCore ProviderDBus tsproviderd TaskSequenceSDK tsctl; do
    grep -rnE --include='*.swift' \
        -e "(FROM|JOIN|INTO|UPDATE) ($tables)( |\"|$|,|\))" \
        -e 'COALESCE\(|COLLATE NOCASE|ON CONFLICT|json_each|json_extract|CREATE (TABLE|INDEX)|\bPRAGMA\b' \
        "Sources/$module" || true
done
