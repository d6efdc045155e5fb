package org.slimta.system.internal.posix;

import java.lang.foreign.FunctionDescriptor;

/**
 * {@link NativeAccess.Probe} on JDK 22 and later. Made before any other native binding of this
 * package: the JDK enables native access for a module once it warned about it, so the question is
 * asked first; then the C library is linked, so that a JVM that forbids native access fails here,
 * once.
 */
final class ForeignNativeAccess implements NativeAccess.Probe {

	private final boolean enabled;

	ForeignNativeAccess() {
		this.enabled = ForeignNativeAccess.class.getModule().isNativeAccessEnabled();
		if (NativeImplementation.foreign()) {
			ForeignLibc.function("getpid", FunctionDescriptor.of(ForeignLibc.INT));
		}
	}

	@Override
	public boolean nativeAccessEnabled() {
		return this.enabled;
	}

}
