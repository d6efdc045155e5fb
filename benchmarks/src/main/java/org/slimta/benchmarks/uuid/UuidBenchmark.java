package org.slimta.benchmarks.uuid;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.slimta.system.uuid.UuidGenerator;

/**
 * Throughput of one shared generator per kind, as an application shares its one
 * {@code IdGenerator} bean: the starter's generators against {@link UUID#randomUUID()} and
 * against java-uuid-generator (JUG) for the same version, each with its default source of
 * randomness.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UuidBenchmark {

	private final UuidGenerator slimtaV1 = UuidGenerator.forVersion(1);

	private final UuidGenerator slimtaV4 = UuidGenerator.forVersion(4);

	private final UuidGenerator slimtaV7 = UuidGenerator.forVersion(7);

	private final NoArgGenerator jugV1 = Generators.timeBasedGenerator();

	// JUG's default: one SecureRandom shared by every generator (LazyRandom.sharedSecureRandom)
	private final NoArgGenerator jugV4 = Generators.randomBasedGenerator();

	private final NoArgGenerator jugV7 = Generators.timeBasedEpochGenerator();

	@Benchmark
	public UUID jdkRandomUuid() {
		return UUID.randomUUID();
	}

	@Benchmark
	public UUID slimtaV1() {
		return this.slimtaV1.generate();
	}

	@Benchmark
	public UUID jugV1() {
		return this.jugV1.generate();
	}

	@Benchmark
	public UUID slimtaV4() {
		return this.slimtaV4.generate();
	}

	@Benchmark
	public UUID jugV4() {
		return this.jugV4.generate();
	}

	@Benchmark
	public UUID slimtaV7() {
		return this.slimtaV7.generate();
	}

	@Benchmark
	public UUID jugV7() {
		return this.jugV7.generate();
	}

}
