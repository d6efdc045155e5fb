package org.slimta.system.internal.posix;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.slimta.system.internal.NativeImplementations;
import org.slimta.system.testsupport.Linux;

/**
 * Every implementation of the native calls this test JVM can run: jnr always, and the JDK's
 * foreign function API on JDK 22 and later, whichever the JVM would choose by itself. A test that
 * takes one as a parameter proves the contract for each.
 */
final class Implementations {

	private Implementations() {
	}

	/**
	 * Whether the foreign implementations can run in this JVM.
	 * @return whether it is JDK 22 or later
	 */
	static boolean foreignAvailable() {
		return NativeImplementations.foreignAvailable();
	}

	/**
	 * Whether to use the foreign implementation, named for it.
	 * @return {@code jnr}, then {@code ffm} where it runs
	 */
	static Stream<Named<Boolean>> foreign() {
		return NativeImplementations.names().stream().map((name) -> Named.of(name, name.equals("ffm")));
	}

	/**
	 * {@link NativeProcesses} bound by each implementation.
	 * @return the calls, named for their implementation
	 */
	static Stream<Named<NativeProcesses>> processes() {
		Linux.assumeLinux("the native calls are only bound on Linux");
		return foreign().map((named) -> Named.of(named.getName(), NativeProcesses.bind(named.getPayload()).get()));
	}

}
