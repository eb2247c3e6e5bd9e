#!/usr/bin/env bash
# Runs the Scorescope CLI, building the jar first if needed (Java 17 and Maven on the PATH).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# "scorescope bench": the benchmark lives in its own module so that its DJL baseline never enters the product jar.
if [ "${1:-}" = "bench" ]; then shift; exec "$here/bench/scorescope-bench" "$@"; fi
# "scorescope sweep": the claims atlas on Apache Spark, likewise in its own module (Spark never enters the product jar).
if [ "${1:-}" = "sweep" ]; then exec "$here/spark/scorescope-spark" "$@"; fi
# "scorescope analyze ... --master M": the sequence analysis of one big run, distributed over Spark executors.
if [ "${1:-}" = "analyze" ]; then for a in "$@"; do [ "$a" = "--master" ] && exec "$here/spark/scorescope-spark" "$@"; done; fi
jar="$here/cli/target/scorescope.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/core/src" "$here/cli/src" "$here/pom.xml" "$here/core/pom.xml" "$here/cli/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
  echo "scorescope: building (mvn package)..." >&2
  (cd "$here" && mvn -q -B -DskipTests package -pl cli -am >&2)
fi
# One OpenBLAS thread by default: on a busy 2-core machine spinning BLAS threads made training 15x slower
# (measured); on a quiet machine two threads are about 1.5x faster, so set OPENBLAS_NUM_THREADS=2 there.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# OpenMP workers sleep instead of spinning between parallel regions: spinning workers starved a second pool (OpenBLAS)
# and any other job on the same cores (2-thread training 4-10x slower; docs/performance.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# The shipped reference models (models/README.md), which reproduce adopts when their data matches (--retrain: never).
exec java ${SCORESCOPE_JAVA_OPTS:-} -Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dscorescope.models="$here/models" -jar "$jar" "$@"
