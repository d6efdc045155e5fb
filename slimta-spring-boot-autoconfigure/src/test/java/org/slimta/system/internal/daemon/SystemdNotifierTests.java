package org.slimta.system.internal.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slimta.system.internal.posix.UnixDatagramSocket;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SystemdNotifierTests {

	@TempDir
	Path directory;

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("abstract Unix socket names exist only on Linux");
	}

	@Test
	void sendsStatesToASocketPath() throws Exception {
		String path = this.directory.resolve("notify.sock").toString();
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(path)) {
			SystemdNotifier notifier = SystemdNotifier.forSocket(path);
			notifier.ready();
			notifier.status("serving");
			notifier.stopping();
			assertThat(List.of(receive(systemd), receive(systemd), receive(systemd)))
				.containsExactly("READY=1", "STATUS=serving", "STOPPING=1");
		}
	}

	@Test
	void sendsStatesToAnAbstractName() throws Exception {
		String name = "@slimta-notify-test-" + ProcessHandle.current().pid();
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(name)) {
			SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", name)).orElseThrow();
			notifier.ready(4711);
			notifier.reloading();
			notifier.ready();
			assertThat(receive(systemd)).isEqualTo("MAINPID=4711\nREADY=1");
			assertThat(receive(systemd)).matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+");
			assertThat(receive(systemd)).isEqualTo("READY=1");
		}
		assertThat(Files.readString(Path.of("/proc/net/unix"))).doesNotContain(name);
	}

	@Test
	void sendsEachStateWithItsStatusInOneMessage() throws Exception {
		String path = this.directory.resolve("notify.sock").toString();
		try (UnixDatagramSocket systemd = UnixDatagramSocket.bind(path)) {
			SystemdNotifier notifier = SystemdNotifier.forSocket(path);
			notifier.ready("serving on port 8080 as mail (uid 8)");
			notifier.reloading("reloading on SIGHUP from pid 1");
			notifier.stopping("stopping on SIGTERM from pid 1");
			notifier.watchdog();
			assertThat(receive(systemd)).isEqualTo("READY=1\nSTATUS=serving on port 8080 as mail (uid 8)");
			assertThat(receive(systemd))
				.matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+\nSTATUS=reloading on SIGHUP from pid 1");
			assertThat(receive(systemd)).isEqualTo("STOPPING=1\nSTATUS=stopping on SIGTERM from pid 1");
			assertThat(receive(systemd)).isEqualTo("WATCHDOG=1");
		}
	}

	@Test
	void aStatusIsOneShortLineOfWholeCharacters() {
		assertThat(SystemdNotifier.statusLine(" failed:\nPort 8080\tin use\u2028 ")).isEqualTo("STATUS=failed: Port 8080 in use");
		String emoji = "\uD83D\uDE00";
		String line = SystemdNotifier.statusLine(emoji.repeat(SystemdNotifier.MAX_STATUS + 1));
		assertThat(line.codePointCount(0, line.length())).isEqualTo("STATUS=".length() + SystemdNotifier.MAX_STATUS);
		assertThat(line).endsWith(emoji + "\u2026");
		assertThat(SystemdNotifier.statusLine(emoji.repeat(SystemdNotifier.MAX_STATUS))).doesNotContain("\u2026");
		// An unpaired surrogate cannot be encoded: it goes as '?', the rest stays valid UTF-8.
		assertThat(new String(SystemdNotifier.statusLine("a\uD83Db").getBytes(StandardCharsets.UTF_8),
				StandardCharsets.UTF_8)).isEqualTo("STATUS=a?b");
	}

	@Test
	void isAbsentWithoutNotifySocket() {
		assertThat(SystemdNotifier.fromEnvironment(Map.of())).isEmpty();
		assertThat(SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", ""))).isEmpty();
	}

	@Test
	void refusesAnAddressThatIsNeitherPathNorAbstractName() {
		assertThatIllegalArgumentException().isThrownBy(() -> SystemdNotifier.forSocket("vsock:2:1234"))
			.withMessageContaining("NOTIFY_SOCKET must be an absolute path or an @abstract name");
		assertThatIllegalArgumentException().isThrownBy(() -> SystemdNotifier.forSocket("@"));
	}

	@Test
	void reportsASocketNobodyListensOn() {
		String path = this.directory.resolve("nobody.sock").toString();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> SystemdNotifier.forSocket(path).ready())
			.withMessageContaining(path);
	}

	private static String receive(UnixDatagramSocket socket) throws IOException {
		return new String(socket.receive(), StandardCharsets.UTF_8);
	}

}
