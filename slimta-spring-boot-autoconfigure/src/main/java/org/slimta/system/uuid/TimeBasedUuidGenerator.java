package org.slimta.system.uuid;

import java.time.Instant;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Generates version 1 UUIDs: a 60-bit timestamp in 100-nanosecond intervals since
 * 1582-10-15, a clock sequence and a node id, for systems that expect classic
 * time-based UUIDs.
 * <p>
 * No MAC address is used: the node is 48 random bits with the multicast bit set and the
 * clock sequence is 14 random bits, both fixed for the instance (RFC 9562 section 6.10).
 * Timestamps from one instance are strictly increasing, even when the clock stalls or
 * steps back.
 *
 * @since 0.1.0
 */
public final class TimeBasedUuidGenerator implements UuidGenerator {

	/** 100-ns intervals from 1582-10-15T00:00Z (Gregorian reform) to the Unix epoch. */
	static final long GREGORIAN_TO_UNIX_TICKS = 0x01B2_1DD2_1381_4000L;

	private static final long TIMESTAMP_MASK = 0x0FFF_FFFF_FFFF_FFFFL;

	private static final long NODE_MASK = 0xFFFF_FFFF_FFFFL;

	private static final long MULTICAST_BIT = 0x0100_0000_0000L;

	private final LongSupplier clock;

	private final long clockSeqAndNode;

	private long lastTimestamp = Long.MIN_VALUE;

	/**
	 * Creates a generator using the system clock, with a random node and clock sequence.
	 */
	public TimeBasedUuidGenerator() {
		this(TimeBasedUuidGenerator::unixTicksNow, RandomUuidGenerator.newSecureRandom());
	}

	TimeBasedUuidGenerator(LongSupplier unixTicks100ns, RandomGenerator random) {
		this.clock = unixTicks100ns;
		long clockSeq = random.nextInt() & 0x3FFF;
		long node = (random.nextLong() & NODE_MASK) | MULTICAST_BIT;
		this.clockSeqAndNode = 0x8000_0000_0000_0000L | (clockSeq << 48) | node;
	}

	@Override
	public UUID generate() {
		long timestamp = nextTimestamp();
		long msb = (timestamp << 32) | ((timestamp >>> 16) & 0xFFFF_0000L) | 0x1000L
				| ((timestamp >>> 48) & 0x0FFFL);
		return new UUID(msb, this.clockSeqAndNode);
	}

	private synchronized long nextTimestamp() {
		long timestamp = (this.clock.getAsLong() + GREGORIAN_TO_UNIX_TICKS) & TIMESTAMP_MASK;
		if (timestamp <= this.lastTimestamp) {
			timestamp = this.lastTimestamp + 1;
		}
		this.lastTimestamp = timestamp;
		return timestamp;
	}

	private static long unixTicksNow() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
	}

}
