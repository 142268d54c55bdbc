#!/usr/bin/env bash
# cold-javac.sh: what the Cashews processor costs a fresh `javac` process (the cold counterpart of
# ProcessorBenchmark, which measures a warmed-up in-process compiler).
#
# It writes ProcessorBenchmark's 200 sources (100 annotated interfaces, each with a record holding a
# nested record, four annotated methods each) through ProcessorBenchmark.main, then times a fresh
# `javac` compiling them at least twice per round, once with -proc:none (the floor) and once with
# -processor io.cashews.processor.CashewsProcessor, for 5 interleaved rounds (one hyperfine run of
# each command per round, so a load change on the shared machine hits both alike). It prints the
# median wall time (and CPU time) of each and the ratio processor / plain (SPEC §12 bar: at most
# 2), and fails if a processor run did not write exactly 100 *_Cached proxies.
#
# It builds nothing. Build first (offline, from the repository root):
#   mvn -o -B -q -DskipTests -pl benchmarks -am package
# then run:
#   benchmarks/cold-javac.sh                      # the jar just built
#   benchmarks/cold-javac.sh /tmp/before.jar      # also time the processor of another jar
# The shaded benchmarks/target/benchmarks.jar (or $JAR) carries annotations, runtime, processor and JavaPoet;
# it is the classpath and processor path of every javac run. With a second jar, a third command
# runs the processor from that jar (same sources, same classpath), so before and after are timed in
# one session. With FLOOR=1, one more command compiles, with -proc:none, the same sources plus the
# 100 proxies an untimed processor run wrote first: what javac alone spends on the generated code,
# so that "processor + rounds" and "compiling the proxies" can be told apart. Environment: JAR, RUNS
# (default 5), JAVAC (default javac on PATH), FLOOR=1, KEEP=1 keeps the work directory. Needs
# hyperfine (/usr/bin/hyperfine) and jq.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar=${JAR:-$here/target/benchmarks.jar}
other=${1:-}
runs=${RUNS:-5}
javac=${JAVAC:-javac}
[[ -f $jar ]] || { echo "no $jar: run mvn -o -B -q -DskipTests -pl benchmarks -am package" >&2; exit 1; }
[[ -z $other || -f $other ]] || { echo "no $other" >&2; exit 1; }

work=$(mktemp -d /tmp/cashews-cold-javac.XXXXXX)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
java -cp "$jar" io.cashews.benchmarks.ProcessorBenchmark "$work/src"
find "$work/src" -name '*.java' >"$work/sources.txt"

# One javac command per configuration; each writes into its own directory, emptied before each run.
names=(plain processor)
procs=("-proc:none" "-processor io.cashews.processor.CashewsProcessor -processorpath $jar")
lists=("$work/sources.txt" "$work/sources.txt")
if [[ -n $other ]]; then
    names+=(processor-other)
    procs+=("-processor io.cashews.processor.CashewsProcessor -processorpath $other")
    lists+=("$work/sources.txt")
fi
if [[ ${FLOOR:-0} == 1 ]]; then
    mkdir -p "$work/floor/classes" "$work/floor/generated"
    $javac -processor io.cashews.processor.CashewsProcessor -processorpath "$jar" -classpath "$jar" \
        -d "$work/floor/classes" -s "$work/floor/generated" --release 17 -nowarn -Xlint:none @"$work/sources.txt"
    { cat "$work/sources.txt"; find "$work/floor/generated" -name '*_Cached.java'; } >"$work/with-proxies.txt"
    names+=(plain-with-proxies)
    procs+=("-proc:none")
    lists+=("$work/with-proxies.txt")
fi
args=()
for i in "${!names[@]}"; do
    out=$work/out-${names[$i]}
    args+=(--prepare "rm -rf $out && mkdir -p $out/classes $out/generated"
        -n "${names[$i]}"
        "$javac ${procs[$i]} -classpath $jar -d $out/classes -s $out/generated --release 17 -nowarn -Xlint:none @${lists[$i]}")
done

for round in $(seq 1 "$runs"); do
    hyperfine --style basic --runs 1 --export-json "$work/round-$round.json" "${args[@]}" >/dev/null
done

for name in "${names[@]:1}"; do
    proxies=$(find "$work/out-$name/classes" -name '*_Cached.class' | wc -l)
    [[ $proxies -eq 100 ]] || { echo "$name wrote $proxies proxies, expected 100" >&2; exit 1; }
done

# Median over the rounds of each command's wall time and CPU time (user + system, all of javac's
# threads: less disturbed by other load than wall time), then the ratios to plain javac.
jq -s -r --argjson runs "$runs" '
    def median: sort | .[($runs / 2 | floor)];
    def ms: . * 1000 | round;
    [.[].results[]] | group_by(.command)
    | map({name: .[0].command, wall: map(.mean), cpu: map(.user + .system)})
    | map(. + {wallMedian: (.wall | median), cpuMedian: (.cpu | median)}) as $all
    | ($all[] | select(.name == "plain")) as $plain
    | $all[]
    | "\(.name): wall median \(.wallMedian | ms) ms (\(.wall | map(ms) | join(", "))), "
      + "\(.wallMedian / $plain.wallMedian * 100 | round / 100)x plain; "
      + "cpu median \(.cpuMedian | ms) ms (\(.cpu | map(ms) | join(", "))), "
      + "\(.cpuMedian / $plain.cpuMedian * 100 | round / 100)x plain"
' "$work"/round-*.json
