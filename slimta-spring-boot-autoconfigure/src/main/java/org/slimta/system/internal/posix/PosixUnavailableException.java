package org.slimta.system.internal.posix;

import org.jspecify.annotations.Nullable;

/**
 * The native calls cannot be used on this system; the message says why, and {@link #getRemedy()}
 * what would make them usable, where something would.
 */
class PosixUnavailableException extends RuntimeException {

	private final String reason;

	private final @Nullable String remedy;

	PosixUnavailableException(String reason, @Nullable Throwable cause) {
		this(reason, null, cause);
	}

	PosixUnavailableException(String reason, @Nullable String remedy, @Nullable Throwable cause) {
		super("native system calls are unavailable: " + reason, cause);
		this.reason = reason;
		this.remedy = remedy;
	}

	/**
	 * Why the native calls are unavailable, in one line.
	 * @return the reason, for example {@code the operating system is Mac OS X, not Linux}
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * What would make the native calls usable, in one line.
	 * @return the remedy, or {@code null} when nothing would (another operating system)
	 */
	public @Nullable String getRemedy() {
		return this.remedy;
	}

}
