package org.slimta.system.posix;

import java.lang.foreign.FunctionDescriptor;

/**
 * {@link NativeAccess.Probe} on JDK 22 and later; making it links the C library through
 * {@link ForeignLibc}, so that a JVM that forbids native access fails here, once.
 */
final class ForeignNativeAccess implements NativeAccess.Probe {

	ForeignNativeAccess() {
		ForeignLibc.function("getpid", FunctionDescriptor.of(ForeignLibc.INT));
	}

	@Override
	public boolean nativeAccessEnabled() {
		return ForeignNativeAccess.class.getModule().isNativeAccessEnabled();
	}

}
