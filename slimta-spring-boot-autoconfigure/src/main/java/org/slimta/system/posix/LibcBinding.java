package org.slimta.system.posix;

import java.util.function.Function;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

/**
 * A jnr-ffi interface bound to the C library, or why it could not be: only on Linux, and only if
 * jnr-ffi loads; or likewise a foreign implementation ({@link #foreign}). Each binding is made once, on first use, by the class that wraps it.
 *
 * @param <T> the typed calls built on the bound interface
 * @param calls the calls, or {@code null} when unavailable
 * @param failure why they are unavailable, or {@code null}
 */
record LibcBinding<T>(T calls, PosixUnavailableException failure) {

	static <L, T> LibcBinding<T> load(Class<L> library, Function<L, T> wrap) {
		String osName = System.getProperty("os.name", "unknown");
		if (!Availability.isLinux(osName)) {
			return new LibcBinding<>(null, new PosixUnavailableException(Availability.notLinux(osName).reason(), null));
		}
		try {
			L bound = LibraryLoader.create(library).load(Platform.getNativePlatform().getStandardCLibraryName());
			return new LibcBinding<>(wrap.apply(bound), null);
		}
		catch (RuntimeException | LinkageError ex) {
			return new LibcBinding<>(null, new PosixUnavailableException("jnr-ffi failed to bind libc: " + ex, ex));
		}
	}

	T get() {
		if (this.failure != null) {
			throw this.failure;
		}
		return this.calls;
	}

	Availability availability() {
		return (this.failure != null) ? Availability.no(this.failure.getMessage()) : Availability.yes();
	}

	/**
	 * A foreign implementation of some calls (JDK 22+, see {@link NativeImplementation}), or why it
	 * could not be made: only on Linux, and only if the JDK's foreign function API binds libc.
	 * @param <T> the type it implements
	 * @param type the type it implements
	 * @param simpleName the simple name of the class, which exists only for JDK 22 and later
	 * @return the binding
	 */
	static <T> LibcBinding<T> foreign(Class<T> type, String simpleName) {
		String osName = System.getProperty("os.name", "unknown");
		if (!Availability.isLinux(osName)) {
			return new LibcBinding<>(null, new PosixUnavailableException(Availability.notLinux(osName).reason(), null));
		}
		try {
			return new LibcBinding<>(NativeImplementation.instantiate(type, simpleName), null);
		}
		catch (PosixUnavailableException ex) {
			return new LibcBinding<>(null, ex);
		}
	}

}
