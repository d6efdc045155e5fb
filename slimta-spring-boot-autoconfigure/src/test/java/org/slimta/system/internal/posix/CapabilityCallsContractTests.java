package org.slimta.system.internal.posix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.internal.NativeImplementations;
import org.slimta.system.internal.privilege.CapabilityReport;
import org.slimta.system.internal.privilege.ThreadCapabilities;
import org.slimta.system.testsupport.JavaCommand;
import org.slimta.system.testsupport.JavaProcess;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The capability calls, the same contract for jnr and (JDK 22+) the foreign implementation.
 * Capabilities, the bounding set and {@code no_new_privs} belong to a thread: each test changes a
 * thread of its own, which then ends, and checks what {@code /proc} reports for it and for the
 * other threads; the one call that changes every thread runs in a child JVM.
 */
class CapabilityCallsContractTests {

	private static final Path THREAD_SELF = Path.of("/proc/thread-self/status");

	private static final int NET_BIND_SERVICE = 10;

	// PR_CAP_AMBIENT's operation to add a capability.
	private static final int PR_CAP_AMBIENT_RAISE = 2;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("the native calls are only made on Linux");
	}

	static Stream<Implementation> implementations() {
		List<Implementation> implementations = new ArrayList<>();
		implementations.add(new Implementation("jnr", JnrCapabilityCalls.bind().get()));
		if (Runtime.version().feature() >= 22) {
			implementations.add(new Implementation("ffm",
					NativeImplementation.instantiate(CapabilityCalls.class, "ForeignCapabilityCalls")));
		}
		return implementations.stream();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void readsTheSetsTheKernelReportsForTheCallingThread(Implementation implementation) throws Exception {
		Capabilities capabilities = implementation.capabilities();
		onOwnThread(() -> {
			ThreadCapabilities reported = ThreadCapabilities.read(THREAD_SELF);
			assertThat(capabilities.current()).isEqualTo(
					new Capabilities.Sets(reported.effective(), reported.permitted(), reported.inheritable()));
			long bounding = 0;
			int last = lastCapability();
			for (int capability = 0; capability <= last; capability++) {
				bounding |= capabilities.inBoundingSet(capability) ? (1L << capability) : 0;
			}
			assertThat(Long.toHexString(bounding)).as("%s", reported).isEqualTo(Long.toHexString(reported.bounding()));
			assertThat(capabilities.noNewPrivileges()).isEqualTo(reported.noNewPrivileges());
			return null;
		});
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void clearsEverySetAndSetsNoNewPrivsOnTheCallingThreadOnly(Implementation implementation) throws Exception {
		Linux.assumeRoot("emptying the bounding set needs CAP_SETPCAP");
		Capabilities capabilities = implementation.capabilities();
		ThreadCapabilities before = ThreadCapabilities.read(THREAD_SELF);
		assertThat(before.bounding()).as("bounding set of the test thread").isNotZero();
		ThreadCapabilities cleared = onOwnThread(() -> {
			assertThat(capabilities.current().effective(Capabilities.CAP_SETPCAP)).isTrue();
			capabilities.clearBoundingSet();
			capabilities.clear();
			capabilities.setNoNewPrivileges();
			assertThat(capabilities.current()).isEqualTo(new Capabilities.Sets(0, 0, 0));
			assertThat(capabilities.noNewPrivileges()).isTrue();
			assertThat(capabilities.inBoundingSet(Capabilities.CAP_SETPCAP)).isFalse();
			// Nothing left to drop: no call that would need CAP_SETPCAP, which the thread no longer has.
			capabilities.clearBoundingSet();
			return ThreadCapabilities.read(THREAD_SELF);
		});
		assertThat(cleared.isCleared()).as("%s", cleared.sets()).isTrue();
		assertThat(ThreadCapabilities.read(THREAD_SELF)).as("the test thread").isEqualTo(before);
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void clearsTheInheritableAndAmbientSetsAndKeepsWhatTheThreadHolds(Implementation implementation)
			throws Exception {
		Linux.assumeRoot("raising an ambient capability needs it in the permitted set");
		Capabilities capabilities = implementation.capabilities();
		ThreadCapabilities cleared = onOwnThread(() -> {
			Capabilities.Sets held = capabilities.current();
			int[] withInheritable = { (int) held.effective(), (int) held.permitted(), 1 << NET_BIND_SERVICE,
					(int) (held.effective() >>> 32), (int) (held.permitted() >>> 32), 0 };
			assertThat(implementation.calls().capset(withInheritable)).isZero();
			assertThat(implementation.calls().prctl(CapabilityCalls.PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE,
					NET_BIND_SERVICE)).isZero();
			ThreadCapabilities raised = ThreadCapabilities.read(THREAD_SELF);
			assertThat(raised.ambient()).isEqualTo(1L << NET_BIND_SERVICE);
			assertThat(raised.inheritable()).isEqualTo(1L << NET_BIND_SERVICE);
			capabilities.clearInheritable();
			assertThat(capabilities.current()).isEqualTo(new Capabilities.Sets(held.effective(), held.permitted(), 0));
			return ThreadCapabilities.read(THREAD_SELF);
		});
		assertThat(cleared.ambient()).isZero();
		assertThat(cleared.inheritable()).isZero();
		assertThat(cleared.permitted()).isNotZero();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void namesTheCallAndErrnoOfAFailure(Implementation implementation) throws Exception {
		Capabilities capabilities = implementation.capabilities();
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> capabilities.inBoundingSet(64))
			.withMessageStartingWith("prctl(PR_CAPBSET_READ, 64): EINVAL");
	}

	@ParameterizedTest
	@MethodSource("names")
	void setsNoNewPrivsOnEveryThreadOfTheProcess(String implementation) throws Exception {
		try (JavaProcess program = JavaCommand
			.mainClass(System.getProperty("java.class.path"), NoNewPrivilegesProgram.class.getName())
			.options("--enable-native-access=ALL-UNNAMED", "-D" + NativeImplementations.PROPERTY + "=" + implementation)
			.named("no-new-privs-" + implementation)
			.mergeErrors()
			.start()) {
			program.awaitOutput("no_new_privs set by " + implementation, Duration.ofSeconds(60));
			CapabilityReport report = CapabilityReport.of(Path.of("/proc/" + program.pid()));
			assertThat(report.threads()).hasSizeGreaterThan(10)
				.allSatisfy((thread) -> assertThat(thread.noNewPrivileges()).as("NoNewPrivs of %s", thread).isTrue());
			assertThat(report.process().noNewPrivileges()).as("/proc/<pid>/status").isTrue();
			assertThat(Files.readString(Path.of("/proc/" + program.pid() + "/status"))).contains("Seccomp:\t2");
		}
	}

	static List<String> names() {
		return NativeImplementations.names();
	}

	// Not Files.readString: on JDK 17 it returns "4" of the "40" this sysctl file holds.
	private static int lastCapability() throws Exception {
		return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).get(0).trim());
	}

	private static <T> T onOwnThread(Callable<T> action) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(action.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, "capabilities-contract");
		thread.start();
		thread.join();
		return result.get(10, TimeUnit.SECONDS);
	}

	interface Callable<T> {

		T call() throws Exception;

	}

	record Implementation(String name, CapabilityCalls calls) {

		Capabilities capabilities() {
			return new Capabilities(this.calls);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
