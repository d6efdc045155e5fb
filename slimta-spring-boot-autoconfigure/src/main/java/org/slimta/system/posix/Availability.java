package org.slimta.system.posix;

import java.util.Locale;

/**
 * Whether the native calls can be used here, and if not, why.
 *
 * @param available whether they can be used
 * @param reason why not; empty when available
 */
public record Availability(boolean available, String reason) {

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

}
