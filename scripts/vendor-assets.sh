#!/usr/bin/env bash
# Re-vendor the front-end assets that are embedded into the vsoko binary and
# verify them against pinned checksums.
#
#   ./scripts/vendor-assets.sh           fetch with `npm pack`, verify, copy, rewrite VENDORED.md
#   ./scripts/vendor-assets.sh --check   only verify the committed files (no network)
#
# HTMX_TGZ=/path/to/htmx.org-2.0.11.tgz uses a local tarball instead of `npm pack`
# (its integrity is still checked against the pinned value).
#
# To upgrade: change HTMX_VERSION, set HTMX_INTEGRITY from
# `npm view htmx.org@<version> dist.integrity`, run once, review the new sha256
# printed by the script and pin it in HTMX_SHA256.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

HTMX_VERSION=2.0.11
HTMX_INTEGRITY='sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=='
HTMX_SHA256=d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717
HTMX_FILE="htmx-${HTMX_VERSION}.min.js"

VENDOR_DIR=crates/vsoko-web/assets/vendor

verify() {
    echo "verifying ${VENDOR_DIR}/${HTMX_FILE}"
    (cd "$VENDOR_DIR" && printf '%s  %s\n' "$HTMX_SHA256" "$HTMX_FILE" | sha256sum -c -)
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

if [[ -n "${HTMX_TGZ:-}" ]]; then
    cp "$HTMX_TGZ" "$work/htmx.tgz"
else
    (cd "$work" && npm pack --silent "htmx.org@${HTMX_VERSION}" >/dev/null)
    mv "$work/htmx.org-${HTMX_VERSION}.tgz" "$work/htmx.tgz"
fi

# Subresource-integrity string (sha512, base64) of the tarball, as npm reports it.
actual_integrity="sha512-$(node -e '
    const h = require("node:crypto").createHash("sha512");
    h.update(require("node:fs").readFileSync(process.argv[1]));
    process.stdout.write(h.digest("base64"));' "$work/htmx.tgz")"
if [[ "$actual_integrity" != "$HTMX_INTEGRITY" ]]; then
    echo "error: htmx.org@${HTMX_VERSION} tarball integrity mismatch" >&2
    echo "  expected $HTMX_INTEGRITY" >&2
    echo "  actual   $actual_integrity" >&2
    exit 1
fi
echo "tarball integrity ok: $actual_integrity"

tar -xzf "$work/htmx.tgz" -C "$work" package/dist/htmx.min.js package/package.json
pkg_version=$(node -p 'require(process.argv[1]).version' "$work/package/package.json")
[[ "$pkg_version" == "$HTMX_VERSION" ]] || {
    echo "error: tarball contains htmx.org $pkg_version, expected $HTMX_VERSION" >&2
    exit 1
}
pkg_license=$(node -p 'require(process.argv[1]).license' "$work/package/package.json")

mkdir -p "$VENDOR_DIR"
install -m 0644 "$work/package/dist/htmx.min.js" "$VENDOR_DIR/$HTMX_FILE"
if ! verify; then
    echo "error: sha256 of the copied file does not match the pinned HTMX_SHA256" >&2
    echo "  actual: $(sha256sum "$VENDOR_DIR/$HTMX_FILE" | cut -d' ' -f1)" >&2
    exit 1
fi
size=$(wc -c <"$VENDOR_DIR/$HTMX_FILE" | tr -d ' ')

cat >"$VENDOR_DIR/VENDORED.md" <<MD
# Vendored front-end assets

These files are embedded into the \`vsoko\` binary (rust-embed). Do not edit them
by hand: regenerate with \`./scripts/vendor-assets.sh\` and verify with
\`./scripts/vendor-assets.sh --check\`.

| File | Package | Version | License | Source in package |
|---|---|---|---|---|
| \`${HTMX_FILE}\` | [htmx.org](https://www.npmjs.com/package/htmx.org) (npm) | ${HTMX_VERSION} | ${pkg_license} | \`package/dist/htmx.min.js\` |

## Checksums

npm tarball \`htmx.org-${HTMX_VERSION}.tgz\` integrity
(\`npm view htmx.org@${HTMX_VERSION} dist.integrity\`):

    ${HTMX_INTEGRITY}

sha256 of the copied file (${size} bytes), in \`sha256sum -c\` format:

    ${HTMX_SHA256}  ${HTMX_FILE}
MD
echo "wrote $VENDOR_DIR/$HTMX_FILE and $VENDOR_DIR/VENDORED.md"
