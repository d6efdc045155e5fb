package org.slimta.system.uuid;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeBasedUuidGeneratorTests {

	private static final long MULTICAST_BIT = 0x0100_0000_0000L;

	// 2023-11-14T22:13:20Z in 100-ns ticks since the Unix epoch
	private static final long TICKS = 1_700_000_000_000L * 10_000;

	private final AtomicLong clock = new AtomicLong(TICKS);

	private final TimeBasedUuidGenerator frozen = new TimeBasedUuidGenerator(this.clock::get,
			new SplittableRandom(42));

	@Test
	void setsVersionAndVariantBitsOnEveryId() {
		TimeBasedUuidGenerator generator = new TimeBasedUuidGenerator();
		for (int i = 0; i < 100_000; i++) {
			UUID uuid = generator.generate();
			assertThat(uuid.version()).isEqualTo(1);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void encodesTheCurrentTimeSinceTheGregorianReform() {
		Instant before = Instant.now();
		UUID uuid = new TimeBasedUuidGenerator().generate();
		Instant after = Instant.now();
		assertThat(toInstant(uuid.timestamp())).isBetween(before.minusSeconds(5), after.plusSeconds(5));
	}

	@Test
	void encodesTheInjectedClockInTheTimestampFields() {
		UUID uuid = this.frozen.generate();
		assertThat(uuid.timestamp()).isEqualTo(TICKS + TimeBasedUuidGenerator.GREGORIAN_TO_UNIX_TICKS);
		assertThat(toInstant(uuid.timestamp())).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
	}

	@Test
	void setsTheMulticastBitOnTheRandomNode() {
		for (int i = 0; i < 1_000; i++) {
			long node = new TimeBasedUuidGenerator(this.clock::get, new SplittableRandom(i)).generate().node();
			assertThat(node & MULTICAST_BIT).isEqualTo(MULTICAST_BIT);
			assertThat(node >>> 48).isZero();
		}
	}

	@Test
	void generatesDistinctIncreasingTimestampsWhenTheClockStandsStill() {
		long previous = this.frozen.generate().timestamp();
		for (int i = 0; i < 100_000; i++) {
			long next = this.frozen.generate().timestamp();
			assertThat(next).isGreaterThan(previous);
			previous = next;
		}
	}

	@Test
	void keepsTimestampsIncreasingWhenTheClockGoesBackwards() {
		long beforeStep = this.frozen.generate().timestamp();
		this.clock.set(TICKS - 600_000_000L);
		assertThat(this.frozen.generate().timestamp()).isEqualTo(beforeStep + 1);
	}

	@Test
	void usesTheClockAgainOnceItAdvancesPastTheLastTimestamp() {
		this.frozen.generate();
		this.frozen.generate();
		this.clock.set(TICKS + 1_000);
		assertThat(this.frozen.generate().timestamp())
			.isEqualTo(TICKS + 1_000 + TimeBasedUuidGenerator.GREGORIAN_TO_UNIX_TICKS);
	}

	@Test
	void keepsClockSequenceAndNodeForTheLifeOfAnInstance() {
		UUID first = this.frozen.generate();
		for (int i = 0; i < 10_000; i++) {
			this.clock.addAndGet(i % 3 - 1);
			UUID next = this.frozen.generate();
			assertThat(next.clockSequence()).isEqualTo(first.clockSequence());
			assertThat(next.node()).isEqualTo(first.node());
		}
	}

	@Test
	void generatesDistinctIdsWhenSharedAcrossThreads() throws Exception {
		List<List<UUID>> perThread = ConcurrentGeneration.generate(new TimeBasedUuidGenerator());
		assertThat(ConcurrentGeneration.all(perThread)).doesNotHaveDuplicates();
		for (List<UUID> mine : perThread) {
			for (int i = 1; i < mine.size(); i++) {
				assertThat(mine.get(i).timestamp()).isGreaterThan(mine.get(i - 1).timestamp());
			}
		}
	}

	private static Instant toInstant(long gregorianTicks) {
		long unixTicks = gregorianTicks - TimeBasedUuidGenerator.GREGORIAN_TO_UNIX_TICKS;
		return Instant.ofEpochSecond(unixTicks / 10_000_000, (unixTicks % 10_000_000) * 100);
	}

}
