#!/usr/bin/env bash
# Re-vendor the front-end assets that are embedded into the vsoko binary and
# verify them against pinned checksums.
#
#   ./scripts/vendor-assets.sh           fetch with `npm pack`, verify, copy, rewrite VENDORED.md
#   ./scripts/vendor-assets.sh --check   only verify the committed files (no network)
#
# Each package is one line of PACKAGES: npm name, version, tarball integrity
# (`npm view NAME@VERSION dist.integrity`), file inside the tarball, vendored
# file name, sha256 of that file.
#
# To upgrade: change the version, set the integrity from `npm view`, run once,
# review the new sha256 printed by the script and pin it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENDOR_DIR=crates/vsoko-web/assets/vendor

# name version integrity path-in-package vendored-file sha256
PACKAGES=(
    "htmx.org 2.0.11 sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA== dist/htmx.min.js htmx-2.0.11.min.js d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
    "echarts 6.1.0 sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA== dist/echarts.min.js echarts-6.1.0.min.js b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0"
)

verify() {
    local line name version integrity path file sha
    for line in "${PACKAGES[@]}"; do
        read -r name version integrity path file sha <<<"$line"
        echo "verifying ${VENDOR_DIR}/${file}"
        (cd "$VENDOR_DIR" && printf '%s  %s\n' "$sha" "$file" | sha256sum -c -) || return 1
    done
}

if [[ "${1:-}" == "--check" ]]; then
    verify
    exit 0
elif [[ $# -gt 0 ]]; then
    echo "usage: $0 [--check]" >&2
    exit 2
fi

command -v npm >/dev/null || { echo "error: npm not found" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node not found" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$VENDOR_DIR"

rows=""
sums=""
for line in "${PACKAGES[@]}"; do
    read -r name version integrity path file sha <<<"$line"
    dir="$work/$name"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "${name}@${version}" >/dev/null)
    tgz=$(ls "$dir"/*.tgz)
    # Subresource-integrity string (sha512, base64) of the tarball, as npm reports it.
    actual="sha512-$(node -e '
        const h = require("node:crypto").createHash("sha512");
        h.update(require("node:fs").readFileSync(process.argv[1]));
        process.stdout.write(h.digest("base64"));' "$tgz")"
    if [[ "$actual" != "$integrity" ]]; then
        echo "error: ${name}@${version} tarball integrity mismatch" >&2
        echo "  expected $integrity" >&2
        echo "  actual   $actual" >&2
        exit 1
    fi
    tar -xzf "$tgz" -C "$dir" "package/$path" package/package.json
    pkg_version=$(node -p 'require(process.argv[1]).version' "$dir/package/package.json")
    [[ "$pkg_version" == "$version" ]] || { echo "error: tarball holds $name $pkg_version, expected $version" >&2; exit 1; }
    license=$(node -p 'require(process.argv[1]).license' "$dir/package/package.json")
    install -m 0644 "$dir/package/$path" "$VENDOR_DIR/$file"
    got=$(sha256sum "$VENDOR_DIR/$file" | cut -d' ' -f1)
    if [[ "$got" != "$sha" ]]; then
        echo "error: sha256 of $file is $got, pinned $sha" >&2
        exit 1
    fi
    size=$(wc -c <"$VENDOR_DIR/$file" | tr -d ' ')
    rows+="| \`${file}\` | [${name}](https://www.npmjs.com/package/${name}) (npm) | ${version} | ${license} | \`package/${path}\` |"$'\n'
    sums+="npm tarball \`${name}-${version}.tgz\` integrity (\`npm view ${name}@${version} dist.integrity\`):"$'\n\n'"    ${integrity}"$'\n\n'"sha256 of \`${file}\` (${size} bytes), in \`sha256sum -c\` format:"$'\n\n'"    ${sha}  ${file}"$'\n\n'
done

cat >"$VENDOR_DIR/VENDORED.md" <<MD
# Vendored front-end assets

These files are embedded into the \`vsoko\` binary (rust-embed). Do not edit them
by hand: regenerate with \`./scripts/vendor-assets.sh\` and verify with
\`./scripts/vendor-assets.sh --check\`. ECharts is loaded only on analytics pages.

| File | Package | Version | License | Source in package |
|---|---|---|---|---|
${rows}
## Checksums

${sums}
MD
echo "wrote ${VENDOR_DIR}/VENDORED.md"
