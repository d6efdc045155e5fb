package org.slimta.system.internal.posix;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.internal.signal.BlockedSignals;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The same contract for every implementation of the native calls this JVM can run: jnr always,
 * and the JDK's foreign function API on JDK 22 and later. CI runs the suite on JDK 17 and on 25,
 * so both are checked there whatever the default of the JVM is.
 */
class NativeImplementationsContractTests {

	// SIGWINCH: harmless if it ever reached another thread (its default action is to ignore it).
	private static final int SIGWINCH = 28;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("the native calls are only made on Linux");
	}

	static Stream<Implementation> implementations() {
		List<Implementation> implementations = new ArrayList<>();
		implementations.add(new Implementation("jnr", new NativeSignals(new JnrSignalCalls()),
				new Posix(new JnrPosixCalls(POSIXFactory.getNativePOSIX(new ErrorThrowingHandler()))),
				new SupplementaryGroups(JnrGroupCalls.bind().get())));
		if (Runtime.version().feature() >= 22) {
			implementations.add(new Implementation("ffm",
					new NativeSignals(NativeImplementation.instantiate(SignalCalls.class, "ForeignSignalCalls")),
					new Posix(NativeImplementation.instantiate(PosixCalls.class, "ForeignPosixCalls")),
					new SupplementaryGroups(NativeImplementation.instantiate(GroupCalls.class, "ForeignGroupCalls"))));
		}
		return implementations.stream();
	}

	@Test
	void theDefaultIsForeignOnJdk22AndLaterAndJnrBeforeOrWhereAskedFor() {
		boolean foreign = Runtime.version().feature() >= 22
				&& !System.getProperty(NativeImplementation.PROPERTY, "").equals("jnr");
		assertThat(NativeImplementation.name()).isEqualTo(foreign ? "ffm" : "jnr");
		assertThat(NativeSignals.get().implementation()).isEqualTo(foreign ? "ForeignSignalCalls" : "JnrSignalCalls");
		assertThat(NativeAccess.availability().available()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void blocksAndUnblocksInTheCallingThreadOnly(Implementation implementation) throws Exception {
		NativeSignals signals = implementation.signals();
		NativeSignalsTests.onNewThread(() -> {
			signals.block(Set.of(SIGWINCH));
			assertThat(BlockedSignals.ofCurrentThread()).contains(SIGWINCH);
			signals.unblock(Set.of(SIGWINCH));
			assertThat(BlockedSignals.ofCurrentThread()).doesNotContain(SIGWINCH);
		});
		assertThat(BlockedSignals.ofCurrentThread()).doesNotContain(SIGWINCH);
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void readsASignalRaisedInTheReadingThreadWithItsSender(Implementation implementation) throws Exception {
		NativeSignals signals = implementation.signals();
		AtomicReference<List<SignalInfo>> read = new AtomicReference<>();
		NativeSignalsTests.onNewThread(() -> {
			signals.block(Set.of(SIGWINCH));
			try (SignalDescriptor descriptor = signals.openSignalfd(Set.of(SIGWINCH))) {
				assertThat(NativeSignalsTests.Raise.LIBRARY.raise(SIGWINCH)).isZero();
				read.set(descriptor.read());
			}
			finally {
				signals.unblock(Set.of(SIGWINCH));
			}
		});
		assertThat(read.get()).containsExactly(new SignalInfo(SIGWINCH, (int) ProcessHandle.current().pid(),
				ProcProcess.self().effectiveUid()));
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void wakingUpEndsABlockedRead(Implementation implementation) throws Exception {
		try (SignalDescriptor descriptor = implementation.signals().openSignalfd(Set.of(SIGWINCH))) {
			CompletableFuture<List<SignalInfo>> read = CompletableFuture.supplyAsync(descriptor::read);
			descriptor.wakeUp();
			assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void closesItsDescriptorsOnceAndRefusesToReadAfter(Implementation implementation) throws Exception {
		long before = signalAndEventDescriptors();
		SignalDescriptor descriptor = implementation.signals().openSignalfd(Set.of(SIGWINCH));
		assertThat(signalAndEventDescriptors()).isEqualTo(before + 2);
		descriptor.close();
		assertThat(descriptor.isClosed()).isTrue();
		assertThat(signalAndEventDescriptors()).isEqualTo(before);
		// A descriptor opened now may reuse the numbers: neither a second close nor a wake-up touches it.
		Path file = Files.createTempFile("reused", ".txt");
		try (FileOutputStream reused = new FileOutputStream(file.toFile())) {
			assertThatNoException().isThrownBy(descriptor::close);
			assertThatNoException().isThrownBy(descriptor::wakeUp);
			assertThatIllegalStateException().isThrownBy(descriptor::read).withMessageContaining("is closed");
			reused.write('x');
		}
		finally {
			assertThat(Files.readString(file)).isEqualTo("x");
			Files.delete(file);
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void marksDescriptorsCloseOnExecAndTellsWhetherTheyAreOpen(Implementation implementation) throws Exception {
		Path file = Files.createTempFile("cloexec", ".txt");
		try (FileOutputStream out = new FileOutputStream(file.toFile())) {
			int fd = NativeSignalsTests.openFd(file);
			assertThat(implementation.signals().closeOnExecIfOpen(fd)).isTrue();
			assertThat(Files.readString(Path.of("/proc/self/fdinfo/" + fd)))
				.containsPattern("flags:\\s+0[0-7]*2[0-7]{6}\\b");
		}
		finally {
			Files.delete(file);
		}
		assertThat(implementation.signals().closeOnExecIfOpen(Integer.MAX_VALUE)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void namesTheCallAndErrnoOfAFailure(Implementation implementation) {
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> implementation.signals().closeOnExec(-1))
			.withMessageStartingWith("fcntl(-1, F_GETFD): EBADF");
		assertThatExceptionOfType(PosixException.class)
			.isThrownBy(() -> implementation.signals().execv("/no/such/program", List.of("program")))
			.withMessageStartingWith("execv(/no/such/program): ENOENT");
		assertThatExceptionOfType(PosixException.class)
			.isThrownBy(() -> implementation.posix().reopenForAppend(1, "/no/such/directory/file"))
			.withMessageStartingWith("open(/no/such/directory/file, O_WRONLY|O_APPEND|O_CREAT): ENOENT");
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void readsTheIdentityTheKernelReports(Implementation implementation) {
		Posix posix = implementation.posix();
		assertThat((long) posix.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(posix.effectiveUid()).isEqualTo(ProcProcess.self().effectiveUid());
		assertThat(posix.effectiveGid()).isEqualTo(ProcProcess.self().effectiveGid());
		// Setting the ids a process already has changes nothing, as root or not.
		assertThatNoException().isThrownBy(() -> posix.setgid(posix.effectiveGid()));
		assertThatNoException().isThrownBy(() -> posix.setuid(posix.effectiveUid()));
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void looksUpRootAndNobodyByNameAndId(Implementation implementation) {
		Posix posix = implementation.posix();
		assertThat(posix.user("root")).contains(new UserEntry("root", 0, 0, "/root"));
		assertThat(posix.user(0).map(UserEntry::name)).contains("root");
		assertThat(posix.group("root")).contains(new GroupEntry("root", 0));
		assertThat(posix.group(0).map(GroupEntry::name)).contains("root");
		UserEntry nobody = posix.user("nobody").orElseThrow();
		assertThat(posix.user(nobody.uid())).contains(nobody);
		assertThat(posix.group(nobody.gid()).map(GroupEntry::gid)).contains(nobody.gid());
		assertThat(posix.user("no-such-user-here")).isEmpty();
		assertThat(posix.user(Integer.MAX_VALUE - 1)).isEmpty();
		assertThat(posix.group("no-such-group-here")).isEmpty();
		assertThat(posix.group(Integer.MAX_VALUE - 1)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void listsTheGroupsInitgroupsWouldSet(Implementation implementation) {
		assertThat(implementation.groups().groupList("root", 0)).contains(0);
		UserEntry nobody = implementation.posix().user("nobody").orElseThrow();
		assertThat(implementation.groups().groupList("nobody", nobody.gid())).contains(nobody.gid());
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void setsAndRestoresTheUmask(Implementation implementation) {
		Posix posix = implementation.posix();
		int previous = posix.umask(027);
		try {
			assertThat(posix.umask(027)).isEqualTo(027);
		}
		finally {
			posix.umask(previous);
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void reopensADescriptorOnAnotherFileForAppending(Implementation implementation, @TempDir Path directory)
			throws Exception {
		Path first = directory.resolve("first.log");
		Path moved = directory.resolve("second.log");
		Files.writeString(moved, "kept\n");
		try (FileOutputStream out = new FileOutputStream(first.toFile())) {
			implementation.posix().reopenForAppend(NativeSignalsTests.openFd(first), moved.toString());
			out.write("appended\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(Files.readString(first)).isEmpty();
		assertThat(Files.readString(moved)).isEqualTo("kept\nappended\n");
	}

	private static long signalAndEventDescriptors() throws Exception {
		return ProcProcess.self()
			.descriptorTargets()
			.values()
			.stream()
			.filter((target) -> target.equals("anon_inode:[signalfd]") || target.equals("anon_inode:[eventfd]"))
			.count();
	}

	record Implementation(String name, NativeSignals signals, Posix posix, SupplementaryGroups groups) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
