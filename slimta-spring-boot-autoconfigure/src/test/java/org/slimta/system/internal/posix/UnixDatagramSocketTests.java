package org.slimta.system.internal.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of {@link UnixDatagramSocket}, for each implementation this JVM can run, and
 * between them.
 */
class UnixDatagramSocketTests {

	private static final String IMPLEMENTATIONS = "org.slimta.system.internal.posix.Implementations#foreign";

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("Unix datagram sockets with abstract names are Linux's");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void sendsAndReceivesOnAPath(boolean foreign) throws Exception {
		String path = this.directory.resolve("notify.sock").toString();
		try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path, foreign);
				UnixDatagramSocket sender = UnixDatagramSocket.open(foreign)) {
			assertThat(Path.of(path)).exists();
			UnixDatagramSocket.sendOnce(path, bytes("READY=1"), foreign);
			sender.send(path, bytes(""));
			sender.send(path, new byte[65536]);
			assertThat(text(receiver.receive())).isEqualTo("READY=1");
			assertThat(receiver.receive()).isEmpty();
			assertThat(receiver.receive()).hasSize(65536);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void sendsAndReceivesOnAnAbstractNameThatLeavesNoFile(boolean foreign) throws Exception {
		String name = "@slimta-datagram-test-" + ProcessHandle.current().pid() + "-" + foreign;
		try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(name, foreign)) {
			// the name as the kernel lists it: exactly, no padding
			assertThat(Files.readAllLines(Path.of("/proc/net/unix"))).anyMatch((line) -> line.endsWith(" " + name));
			UnixDatagramSocket.sendOnce(name, bytes("STOPPING=1"), foreign);
			assertThat(text(receiver.receive())).isEqualTo("STOPPING=1");
		}
		assertThat(Files.readString(Path.of("/proc/net/unix"))).doesNotContain(name);
	}

	@Test
	void eachImplementationTalksToTheOther() throws Exception {
		assumeTrue(Implementations.foreignAvailable(), "the foreign implementation runs on JDK 22 and later");
		for (boolean foreign : new boolean[] { false, true }) {
			String path = this.directory.resolve("other-" + foreign + ".sock").toString();
			try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(path, !foreign)) {
				UnixDatagramSocket.sendOnce(path, bytes("MAINPID=4711\nREADY=1"), foreign);
				assertThat(text(receiver.receive())).isEqualTo("MAINPID=4711\nREADY=1");
			}
		}
	}

	@Test
	void theForeignImplementationIsUnavailableBeforeJdk22WithTheReason() {
		assumeFalse(Implementations.foreignAvailable(), "JDK 22 and later run the foreign implementation");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> UnixDatagramSocket.open(true))
			.withMessageStartingWith("cannot open a Unix datagram socket: native system calls are unavailable: ")
			.withMessageContaining("the JDK's foreign function API failed to bind libc");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void reportsAnAddressTakenOrNobodyListeningOn(boolean foreign) throws Exception {
		String path = this.directory.resolve("taken.sock").toString();
		try (UnixDatagramSocket first = UnixDatagramSocket.bind(path, foreign)) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> UnixDatagramSocket.bind(path, foreign))
				.withMessageStartingWith("cannot bind " + path + ": ")
				.withMessageContaining("Address already in use");
		}
		String nobody = this.directory.resolve("nobody.sock").toString();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> UnixDatagramSocket.sendOnce(nobody, bytes("READY=1"), foreign))
			.withMessageStartingWith("cannot send to " + nobody + ": ")
			.withMessageContaining("No such file or directory");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource(IMPLEMENTATIONS)
	void closingWakesABlockedReceiveAndClosesOnce(boolean foreign) throws Exception {
		String path = this.directory.resolve("closing.sock").toString();
		UnixDatagramSocket socket = UnixDatagramSocket.bind(path, foreign);
		CompletableFuture<Object> receiving = CompletableFuture.supplyAsync(() -> {
			try {
				return socket.receive();
			}
			catch (IOException ex) {
				return ex;
			}
		});
		awaitBlockedInReceive();
		socket.close();
		socket.close();
		assertThat(receiving.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
		assertThatExceptionOfType(IOException.class).isThrownBy(socket::receive);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> socket.send(path, bytes("late")));
	}

	// Until a thread is in receive (a close that comes first is the other half of the contract).
	private static void awaitBlockedInReceive() throws InterruptedException {
		while (Thread.getAllStackTraces().keySet().stream().noneMatch(UnixDatagramSocketTests::inReceive)) {
			Thread.sleep(10);
		}
		Thread.sleep(100);
	}

	private static boolean inReceive(Thread thread) {
		for (StackTraceElement frame : thread.getStackTrace()) {
			if (frame.getClassName().startsWith(UnixDatagramSocket.class.getName())
					&& frame.getMethodName().equals("receive")) {
				return true;
			}
		}
		return false;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
