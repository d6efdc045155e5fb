package org.slimta.system.internal.posix;

/**
 * A child JVM of {@link CapabilityCallsContractTests}: sets {@code no_new_privs} on every thread
 * with the implementation {@code -Dorg.slimta.system.native} names, says so, then waits to be
 * looked at from outside and ended.
 */
public final class NoNewPrivilegesProgram {

	private NoNewPrivilegesProgram() {
	}

	public static void main(String[] args) throws Exception {
		Capabilities.get().setNoNewPrivilegesOnEveryThread();
		System.out.println("no_new_privs set by " + NativeAccess.implementation());
		Thread.sleep(120_000);
	}

}
