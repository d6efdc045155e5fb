package org.slimta.system.internal.posix;

import java.util.Locale;

/**
 * Whether the native calls can be used here, and if not, why and what would make them usable.
 *
 * @param available whether they can be used
 * @param reason why not; empty when available
 * @param remedy what would make them usable; empty when available or when nothing would
 */
public record Availability(boolean available, String reason, String remedy) {

	/**
	 * An availability without a remedy.
	 * @param available whether they can be used
	 * @param reason why not; empty when available
	 */
	public Availability(boolean available, String reason) {
		this(available, reason, "");
	}

	// Here rather than in Posix, whose class loads jnr-posix's: a JVM about to be relaunched asks too.
	static boolean isLinux(String osName) {
		return osName.toLowerCase(Locale.ROOT).startsWith("linux");
	}

	static Availability notLinux(String osName) {
		return no("the operating system is " + osName + ", not Linux");
	}

	static Availability yes() {
		return new Availability(true, "");
	}

	static Availability no(String reason) {
		return new Availability(false, reason);
	}

	static Availability of(PosixUnavailableException failure) {
		String remedy = failure.getRemedy();
		return new Availability(false, failure.getReason(), (remedy != null) ? remedy : "");
	}

}
