package org.slimta.system.uuid;

import java.util.UUID;

import org.slimta.system.internal.InvalidValueException;

/**
 * Generates UUIDs of one RFC 9562 version; implementations are thread-safe, so one
 * instance can be shared by the whole application.
 *
 * @since 0.1.0
 */
public interface UuidGenerator {

	/**
	 * Returns a new UUID with the version and variant bits set as RFC 9562 requires.
	 * @return a new UUID, never {@code null}
	 */
	UUID generate();

	/**
	 * Returns a new generator for the given RFC 9562 version.
	 * @param version 1 (time-based), 4 (random) or 7 (Unix-time ordered)
	 * @return a new generator for that version
	 * @throws InvalidValueException if the version is not 1, 4 or 7
	 */
	static UuidGenerator forVersion(int version) {
		return switch (requireSupportedVersion(version)) {
			case 1 -> new TimeBasedUuidGenerator();
			case 4 -> new RandomUuidGenerator();
			default -> new TimeOrderedUuidGenerator();
		};
	}

	/**
	 * Checks that a version is one this package generates.
	 * @param version the version
	 * @return the version
	 * @throws InvalidValueException if the version is not 1, 4 or 7
	 */
	static int requireSupportedVersion(int version) {
		if (version != 1 && version != 4 && version != 7) {
			throw new InvalidValueException(Integer.toString(version), "unsupported UUID version " + version,
					"1, 4, 7");
		}
		return version;
	}

}
