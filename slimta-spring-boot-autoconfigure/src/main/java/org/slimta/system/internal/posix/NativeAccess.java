package org.slimta.system.internal.posix;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether this JVM can make native calls at all, decided once on first use and kept, with the
 * cause when it cannot (as Netty's {@code Epoll.unavailabilityCause()}): Linux, and then either the
 * JDK's foreign function API (JDK 22+) or jffi's native stub (under jnr), which must be unpacked
 * into a directory that allows executables. Every binding of this package asks here first, so that
 * all of them give the same reason.
 * <p>
 * On JDK 22 and later it also notes whether native access is enabled for this code: if not, the
 * JDK prints its restricted-method warning, and this class logs one line with the fix, once Spring
 * Boot's logging is set up ({@link #loggingReady()}), and only in a JVM that bound native calls.
 * <p>
 * Internal usage only!
 */
public final class NativeAccess {

	static final String NATIVE_ACCESS_FIX = "add 'Enable-Native-Access: ALL-UNNAMED' to the manifest of the"
			+ " application's jar (or start it with --enable-native-access=ALL-UNNAMED), as the README's"
			+ " 'Adding the starter' shows";

	private static final AtomicBoolean loggingReady = new AtomicBoolean();

	private static final AtomicBoolean noticeLogged = new AtomicBoolean();

	private static volatile boolean bound;

	// Whether the decision was made (Decided initialized), so that a question about it need not make it.
	private static volatile boolean decided;

	private NativeAccess() {
	}

	/**
	 * Whether native calls can be made in this JVM, deciding on first use.
	 * @return the availability, with the reason and the remedy when unavailable
	 */
	public static Availability availability() {
		PosixUnavailableException cause = Decided.CAUSE;
		return (cause != null) ? Availability.of(cause) : Availability.yes();
	}

	/**
	 * How this JVM makes its native calls, as health details and benchmarks show it, without
	 * loading anything: a JVM that made no native call yet (the jdk backend and no privilege drop)
	 * says which implementation it would use.
	 * @return {@code ffm} (the JDK's foreign function API), {@code jnr}, or {@code unavailable} once
	 * native calls were found not to load
	 */
	public static String implementation() {
		return (decided && Decided.CAUSE != null) ? "unavailable" : NativeImplementation.name();
	}

	/**
	 * Why native calls cannot be made in this JVM.
	 * @return the cause, or {@code null} when they can
	 */
	public static @Nullable PosixUnavailableException unavailabilityCause() {
		return Decided.CAUSE;
	}

	/**
	 * Throw the stored cause when native calls cannot be made here.
	 * @throws PosixUnavailableException if they cannot
	 */
	static void ensureAvailability() {
		PosixUnavailableException cause = Decided.CAUSE;
		if (cause != null) {
			throw cause;
		}
		bound = true;
		logNoticeIfReady();
	}

	/**
	 * The application's logging is set up: a JVM that bound its native calls without native access
	 * enabled logs so now (or when it binds them), once.
	 */
	public static void loggingReady() {
		loggingReady.set(true);
		logNoticeIfReady();
	}

	/**
	 * The line logged when native access is not enabled.
	 * @return the line, or {@code null} when nothing needs saying
	 */
	static @Nullable String notice() {
		if (!Decided.NATIVE_ACCESS_MISSING) {
			return null;
		}
		return "Native access is not enabled for the starter's native calls (" + NativeImplementation.name()
				+ "), so the JDK warns about restricted methods: " + NATIVE_ACCESS_FIX;
	}

	private static void logNoticeIfReady() {
		if (bound && loggingReady.get() && Decided.CAUSE == null) {
			String notice = notice();
			if (notice != null && noticeLogged.compareAndSet(false, true)) {
				// Looked up only now: a logger set up at the first binding would cost a JVM about to be relaunched.
				Log logger = LogFactory.getLog("org.slimta.system.posix");
				logger.warn(notice);
			}
		}
	}

	/** What the JDK 22+ code tells about this JVM. */
	interface Probe {

		/**
		 * Whether native access is enabled for this package's module.
		 * @return whether it is
		 */
		boolean nativeAccessEnabled();

	}

	// The holder idiom: decided once, on first use, thread-safe without locking.
	private static final class Decided {

		// First of all: the JDK enables native access for a module once it warned about it.
		private static final @Nullable Object PROBED = probe();

		static final boolean NATIVE_ACCESS_MISSING = nativeAccessMissing();

		static final @Nullable PosixUnavailableException CAUSE = decide();

		static {
			decided = true;
		}

		// The JDK 22+ probe, or why it could not be made; null before JDK 22 and outside Linux.
		private static @Nullable Object probe() {
			if (Runtime.version().feature() < 22 || !Availability.isLinux(System.getProperty("os.name", "unknown"))) {
				return null;
			}
			try {
				return NativeImplementation.instantiate(Probe.class, "ForeignNativeAccess");
			}
			catch (PosixUnavailableException ex) {
				return ex;
			}
		}

		private static @Nullable PosixUnavailableException decide() {
			String osName = System.getProperty("os.name", "unknown");
			if (!Availability.isLinux(osName)) {
				return new PosixUnavailableException(Availability.notLinux(osName).reason(), null);
			}
			if (NativeImplementation.foreign()) {
				return (PROBED instanceof PosixUnavailableException failure) ? failure : null;
			}
			try {
				com.kenai.jffi.Library.getDefault();
				return null;
			}
			catch (RuntimeException | LinkageError ex) {
				return JffiStub.unavailable(ex);
			}
		}

		// Restricted methods warn from JDK 22 (the foreign API) and 24 (System.load, which jffi calls).
		private static boolean nativeAccessMissing() {
			if (!NativeImplementation.foreign() && Runtime.version().feature() < 24) {
				return false;
			}
			return (PROBED instanceof Probe probe) && !probe.nativeAccessEnabled();
		}

	}

}
