package org.slimta.system.internal.posix;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slimta.system.internal.signal.BlockedSignals;
import org.slimta.system.testsupport.Linux;
import org.slimta.system.testsupport.ProcProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NativeSignalsTests {

	// SIGWINCH: harmless if it ever reached another thread (its default action is to ignore it).
	private static final int SIGWINCH = 28;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("signalfd exists only on Linux");
	}

	@Test
	void blocksAndUnblocksInTheCallingThreadOnly() throws Exception {
		NativeSignals signals = NativeSignals.get();
		onNewThread(() -> {
			signals.block(Set.of(SIGWINCH));
			assertThat(BlockedSignals.ofCurrentThread()).contains(SIGWINCH);
			signals.unblock(Set.of(SIGWINCH));
			assertThat(BlockedSignals.ofCurrentThread()).doesNotContain(SIGWINCH);
		});
		assertThat(BlockedSignals.ofCurrentThread()).doesNotContain(SIGWINCH);
	}

	@Test
	void readsASignalRaisedInTheReadingThreadWithItsSender() throws Exception {
		NativeSignals signals = NativeSignals.get();
		AtomicReference<List<SignalInfo>> read = new AtomicReference<>();
		onNewThread(() -> {
			signals.block(Set.of(SIGWINCH));
			try (SignalDescriptor descriptor = signals.openSignalfd(Set.of(SIGWINCH))) {
				assertThat(Raise.LIBRARY.raise(SIGWINCH)).isZero();
				read.set(descriptor.read());
			}
			finally {
				signals.unblock(Set.of(SIGWINCH));
			}
		});
		assertThat(read.get()).containsExactly(new SignalInfo(SIGWINCH, (int) ProcessHandle.current().pid(),
				Posix.get().effectiveUid()));
	}

	@Test
	void wakingUpEndsABlockedRead() throws Exception {
		try (SignalDescriptor descriptor = NativeSignals.get().openSignalfd(Set.of(SIGWINCH))) {
			CompletableFuture<List<SignalInfo>> read = CompletableFuture.supplyAsync(descriptor::read);
			descriptor.wakeUp();
			assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
		}
	}

	@Test
	void marksDescriptorsCloseOnExec() throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("cloexec", ".txt");
		try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
			int fd = openFd(file);
			NativeSignals.get().closeOnExec(fd);
			assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/fdinfo/" + fd)))
				.containsPattern("flags:\\s+0[0-7]*2[0-7]{6}\\b");
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	@Test
	void reportsTheErrnoOfAFailedCall() {
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> NativeSignals.get().closeOnExec(-1))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EBADF"))
			.withMessageStartingWith("fcntl(-1, F_GETFD): EBADF");
	}

	static int openFd(java.nio.file.Path file) throws Exception {
		String target = file.toRealPath().toString();
		return ProcProcess.self()
			.descriptorTargets()
			.entrySet()
			.stream()
			.filter((fd) -> fd.getValue().equals(target))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	static void onNewThread(ThrowingRunnable body) throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		thread.start();
		thread.join();
		if (failure.get() instanceof Exception ex) {
			throw ex;
		}
		if (failure.get() instanceof Error error) {
			throw error;
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	/** {@code raise(3)}: sends a signal to the calling thread. */
	public interface Raise {

		Raise LIBRARY = LibraryLoader.create(Raise.class).load(Platform.getNativePlatform().getStandardCLibraryName());

		int raise(int signal);

	}

}
