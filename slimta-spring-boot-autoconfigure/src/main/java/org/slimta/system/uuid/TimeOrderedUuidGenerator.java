package org.slimta.system.uuid;

import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Generates version 7 UUIDs: a 48-bit Unix timestamp in milliseconds followed by 74
 * random bits, so ids sort by creation time and index well as database keys.
 * <p>
 * Ids from one instance are strictly increasing (unsigned, most significant bits
 * first), even within one millisecond or when the system clock steps back: such ids
 * add a random increment to the previous random bits (RFC 9562 section 6.2, method 2).
 * Random bits come from a {@link java.security.SecureRandom}.
 */
public final class TimeOrderedUuidGenerator implements UuidGenerator {

	private static final long TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

	private static final int RAND_A_MASK = 0xFFF;

	private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

	private final LongSupplier clock;

	private final RandomGenerator random;

	private long lastMillis = Long.MIN_VALUE;

	// the 74-bit counter: 12 high bits in randA, 62 low bits in randB
	private int randA;

	private long randB;

	/**
	 * Creates a generator using the system clock and a strong random source.
	 */
	public TimeOrderedUuidGenerator() {
		this(System::currentTimeMillis, RandomUuidGenerator.newSecureRandom());
	}

	TimeOrderedUuidGenerator(LongSupplier clockMillis, RandomGenerator random) {
		this.clock = clockMillis;
		this.random = random;
	}

	@Override
	public synchronized UUID generate() {
		long now = this.clock.getAsLong();
		if (now > this.lastMillis) {
			this.lastMillis = now;
			drawFreshRandomBits();
		}
		else {
			increment();
		}
		long msb = ((this.lastMillis & TIMESTAMP_MASK) << 16) | 0x7000L | this.randA;
		long lsb = 0x8000_0000_0000_0000L | this.randB;
		return new UUID(msb, lsb);
	}

	/**
	 * Sets the state as if the last id had these fields; lets tests reach the counter
	 * overflow that would otherwise take billions of ids.
	 */
	synchronized void resumeAfter(long unixMillis, int randA, long randB) {
		this.lastMillis = unixMillis;
		this.randA = randA & RAND_A_MASK;
		this.randB = randB & RAND_B_MASK;
	}

	private void drawFreshRandomBits() {
		// top counter bit stays 0 so later ids in this millisecond have room to count up
		this.randA = this.random.nextInt() & (RAND_A_MASK >>> 1);
		this.randB = this.random.nextLong() & RAND_B_MASK;
	}

	private void increment() {
		this.randB += 1 + Integer.toUnsignedLong(this.random.nextInt());
		if ((this.randB & ~RAND_B_MASK) == 0) {
			return;
		}
		this.randB &= RAND_B_MASK;
		this.randA++;
		if (this.randA > RAND_A_MASK) {
			// counter exhausted: borrow the next millisecond rather than repeat or wrap
			this.lastMillis++;
			drawFreshRandomBits();
		}
	}

}
