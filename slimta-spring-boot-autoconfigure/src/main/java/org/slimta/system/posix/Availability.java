package org.slimta.system.posix;

/**
 * Whether the native calls can be used here, and if not, why.
 *
 * @param available whether they can be used
 * @param reason why not; empty when available
 */
public record Availability(boolean available, String reason) {

	static Availability yes() {
		return new Availability(true, "");
	}

	static Availability no(String reason) {
		return new Availability(false, reason);
	}

}
