/**
 * JMH benchmarks of the cache hit path. Build with {@code mvn -q -B -DskipTests package -pl
 * benchmarks -am} and run with {@code java -jar benchmarks/target/benchmarks.jar HitBenchmark
 * -prof gc}; docs/benchmarks.md lists the latest numbers and the exact command that produced them.
 */
package io.cashews.benchmarks;
