package org.slimta.system.uuid;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Generates version 7 UUIDs: a 48-bit Unix timestamp in milliseconds followed by 74
 * random bits, so ids sort by creation time and index well as database keys.
 * <p>
 * Ids from one instance are strictly increasing (unsigned, most significant bits
 * first), even within one millisecond or when the system clock steps back: such ids
 * add a random increment to the previous random bits (RFC 9562 section 6.2, method 2).
 * Random bits come from a {@link java.security.SecureRandom}, taken in blocks.
 *
 * @since 0.1.0
 */
public final class TimeOrderedUuidGenerator implements UuidGenerator {

	private static final long TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

	private static final int RAND_A_MASK = 0xFFF;

	private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

	/** One block per generator, not per thread: large, as DRBG bytes are cheapest in bulk. */
	private static final int RANDOM_BLOCK_BYTES = 4096;

	private final LongSupplier clock;

	private final RandomGenerator random;

	private final ReentrantLock lock = new ReentrantLock();

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
		// one draw per id, under this generator's lock: cheap only when taken in blocks
		this.random = new BufferedRandom(random, RANDOM_BLOCK_BYTES);
	}

	@Override
	public UUID generate() {
		// read the clock and allocate outside the lock: only the counter needs it
		long now = this.clock.getAsLong();
		long msb;
		long lsb;
		this.lock.lock();
		try {
			if (now > this.lastMillis) {
				this.lastMillis = now;
				drawFreshRandomBits();
			}
			else {
				increment();
			}
			msb = ((this.lastMillis & TIMESTAMP_MASK) << 16) | 0x7000L | this.randA;
			lsb = 0x8000_0000_0000_0000L | this.randB;
		}
		finally {
			this.lock.unlock();
		}
		return new UUID(msb, lsb);
	}

	/**
	 * Sets the state as if the last id had these fields; lets tests reach the counter
	 * overflow that would otherwise take billions of ids.
	 */
	void resumeAfter(long unixMillis, int randA, long randB) {
		this.lock.lock();
		try {
			this.lastMillis = unixMillis;
			this.randA = randA & RAND_A_MASK;
			this.randB = randB & RAND_B_MASK;
		}
		finally {
			this.lock.unlock();
		}
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
