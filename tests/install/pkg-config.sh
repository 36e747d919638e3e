#!/bin/sh
# A build without CMake: compile the consumer with the flags `pkg-config userapi` gives for the
# install prefix $1, in the folder $2, and run it.
set -eu
prefix=$1 out=$2
PKG_CONFIG_PATH=$(find "$prefix" -name userapi.pc -printf '%h\n' | head -n 1)
export PKG_CONFIG_PATH
[ "$(pkg-config --modversion userapi)" = "$3" ] || { echo "pkg-config: wrong version $(pkg-config --modversion userapi)" >&2; exit 1; }
mkdir -p "$out"
# shellcheck disable=SC2046 # the flags are meant to be split
${CXX:-c++} -std=c++17 "$(dirname "$0")/consumer.cpp" $(pkg-config --cflags --libs userapi) -o "$out/consumer"
"$out/consumer"
