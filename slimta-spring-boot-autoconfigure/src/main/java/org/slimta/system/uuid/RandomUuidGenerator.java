package org.slimta.system.uuid;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Generates version 4 UUIDs: 122 bits from a cryptographically strong random source,
 * as {@link UUID#randomUUID()} does, but without making concurrent callers queue on one
 * shared {@link SecureRandom}.
 * <p>
 * Each thread draws from its own {@code SecureRandom}, a {@code DRBG} instance
 * (NIST SP 800-90Ar1, seeded by the platform's entropy source) where the JDK provides
 * one, otherwise the platform default, and takes it in blocks of 16 ids per call
 * (see {@link BufferedRandom}).
 *
 * @since 0.1.0
 */
public final class RandomUuidGenerator implements UuidGenerator {

	/** 16 ids per draw, per thread. Measured on Hash_DRBG: 50 ns per 16 bytes against 415 ns alone. */
	private static final int RANDOM_BLOCK_BYTES = 256;

	private final ThreadLocal<RandomGenerator> random;

	/**
	 * Creates a generator that gives each calling thread its own strong random source.
	 */
	public RandomUuidGenerator() {
		this(RandomUuidGenerator::newSecureRandom);
	}

	RandomUuidGenerator(Supplier<? extends RandomGenerator> randomPerThread) {
		this.random = ThreadLocal.withInitial(() -> new BufferedRandom(randomPerThread.get(), RANDOM_BLOCK_BYTES));
	}

	@Override
	public UUID generate() {
		RandomGenerator random = this.random.get();
		long msb = random.nextLong();
		long lsb = random.nextLong();
		msb = (msb & ~0xF000L) | 0x4000L;
		lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

	/**
	 * Prefers DRBG because each instance locks only itself, whereas the Linux default
	 * (NativePRNG) serializes all instances on one lock.
	 */
	static SecureRandom newSecureRandom() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

}
