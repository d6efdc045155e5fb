package org.slimta.system.uuid;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomUuidGeneratorTests {

	private final RandomUuidGenerator generator = new RandomUuidGenerator();

	@Test
	void setsVersionAndVariantBitsOnEveryId() {
		for (int i = 0; i < 100_000; i++) {
			UUID uuid = this.generator.generate();
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void neverRepeatsAnId() {
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(this.generator.generate());
		}
		assertThat(ids).hasSize(100_000);
	}

	@Test
	void keepsAllOtherBitsFromTheRandomSourceWhenAllAreOnes() {
		RandomGenerator allOnes = () -> -1L;
		UUID uuid = new RandomUuidGenerator(() -> allOnes).generate();
		assertThat(uuid).isEqualTo(UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"));
	}

	@Test
	void keepsAllOtherBitsFromTheRandomSourceWhenAllAreZeros() {
		RandomGenerator allZeros = () -> 0L;
		UUID uuid = new RandomUuidGenerator(() -> allZeros).generate();
		assertThat(uuid).isEqualTo(UUID.fromString("00000000-0000-4000-8000-000000000000"));
	}

	@Test
	void givesEachThreadItsOwnRandomSource() throws InterruptedException {
		AtomicInteger sourcesCreated = new AtomicInteger();
		RandomUuidGenerator counting = new RandomUuidGenerator(() -> {
			sourcesCreated.incrementAndGet();
			return RandomUuidGenerator.newSecureRandom();
		});
		List<Thread> threads = IntStream.range(0, 3).mapToObj((i) -> new Thread(() -> {
			counting.generate();
			counting.generate();
		})).toList();
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(sourcesCreated).hasValue(3);
	}

	@Test
	void generatesDistinctIdsWhenSharedAcrossThreads() throws Exception {
		List<UUID> ids = ConcurrentGeneration.all(ConcurrentGeneration.generate(this.generator));
		assertThat(ids).hasSize(ConcurrentGeneration.THREADS * ConcurrentGeneration.PER_THREAD)
			.doesNotHaveDuplicates();
	}

}
