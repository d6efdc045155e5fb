package org.slimta.system.internal.posix;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import org.jspecify.annotations.Nullable;

/**
 * Calls bound to the C library, or why they could not be: only where {@link NativeAccess} allows
 * native calls at all, and only if the binding itself succeeds. Each binding is made once, on
 * first use, by the class that wraps it, and its failure kept.
 *
 * @param <T> the typed calls built on the bound interface
 * @param calls the calls, or {@code null} when unavailable
 * @param failure why they are unavailable, or {@code null}
 */
record LibcBinding<T>(@Nullable T calls, @Nullable PosixUnavailableException failure) {

	/**
	 * Bind a jnr-ffi interface to libc.
	 * @param <L> the interface
	 * @param <T> the calls built on it
	 * @param library the interface
	 * @param wrap builds the calls on the bound interface
	 * @return the binding, or why it failed
	 */
	static <L, T> LibcBinding<T> load(Class<L> library, Function<L, T> wrap) {
		PosixUnavailableException unavailable = NativeAccess.unavailabilityCause();
		if (unavailable != null) {
			return new LibcBinding<>(null, unavailable);
		}
		try {
			L bound = LibraryLoader.create(library).load(Platform.getNativePlatform().getStandardCLibraryName());
			return new LibcBinding<>(wrap.apply(bound), null);
		}
		catch (RuntimeException | LinkageError ex) {
			// Under the foreign implementation jffi is loaded for the first time here.
			return new LibcBinding<>(null, JffiStub.unavailable(ex));
		}
	}

	/**
	 * Bind calls that decide their implementation themselves.
	 * @param <T> the calls
	 * @param bind binds them, throwing a {@link PosixUnavailableException} with the reason
	 * @return the binding, or why it failed
	 */
	static <T> LibcBinding<T> of(Supplier<T> bind) {
		try {
			return new LibcBinding<>(bind.get(), null);
		}
		catch (PosixUnavailableException ex) {
			return new LibcBinding<>(null, ex);
		}
		catch (RuntimeException | LinkageError ex) {
			return new LibcBinding<>(null, new PosixUnavailableException("binding libc failed: " + ex, ex));
		}
	}

	/**
	 * The same binding with its calls wrapped, or the same failure.
	 * @param <U> the wrapping calls
	 * @param wrap builds them on the bound calls
	 * @return the wrapped binding
	 */
	<U> LibcBinding<U> map(Function<T, U> wrap) {
		return (this.failure != null) ? new LibcBinding<>(null, this.failure) : new LibcBinding<>(wrap.apply(get()), null);
	}

	T get() {
		if (this.failure != null) {
			throw this.failure;
		}
		NativeAccess.ensureAvailability();
		// Without a failure a binding holds its calls.
		return Objects.requireNonNull(this.calls);
	}

	Availability availability() {
		return (this.failure != null) ? Availability.of(this.failure) : Availability.yes();
	}

	/**
	 * A foreign implementation of some calls (JDK 22+, see {@link NativeImplementation}), or why it
	 * could not be made: only where {@link NativeAccess} allows native calls, and only if the JDK's
	 * foreign function API binds libc.
	 * @param <T> the type it implements
	 * @param type the type it implements
	 * @param simpleName the simple name of the class, which exists only for JDK 22 and later
	 * @return the binding
	 */
	static <T> LibcBinding<T> foreign(Class<T> type, String simpleName) {
		PosixUnavailableException unavailable = NativeAccess.unavailabilityCause();
		if (unavailable != null) {
			return new LibcBinding<>(null, unavailable);
		}
		try {
			return new LibcBinding<>(NativeImplementation.instantiate(type, simpleName), null);
		}
		catch (PosixUnavailableException ex) {
			return new LibcBinding<>(null, ex);
		}
	}

}
