package org.slimta.system.internal.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slimta.system.internal.posix.SocketDescription;
import org.slimta.system.internal.posix.SocketDescriptors;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading {@code LISTEN_*} as {@code sd_listen_fds_with_names(3)} does, choosing the sockets of the
 * servers, and taking a real listening socket of this JVM as systemd's would be taken.
 */
class InheritedSocketsTests {

	private static final long PID = 4711;

	@Test
	void readsTheSocketsOnlyWhenListenPidIsThisProcess() {
		assertThat(InheritedSockets.parse(Map.of("LISTEN_PID", "4712", "LISTEN_FDS", "1"), PID)).isEmpty();
		assertThat(InheritedSockets.parse(Map.of("LISTEN_FDS", "1"), PID)).isEmpty();
		assertThat(InheritedSockets.parse(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "x"), PID)).isEmpty();
		assertThat(InheritedSockets.parse(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2"), PID))
			.containsExactly(new InheritedSocket(3, "unknown"), new InheritedSocket(4, "unknown"));
	}

	@Test
	void namesComeFromListenFdnamesWhenTheyMatchTheCount() {
		assertThat(InheritedSockets.parse(
				Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "http:management"), PID))
			.containsExactly(new InheritedSocket(3, "http"), new InheritedSocket(4, "management"));
		assertThat(InheritedSockets.parse(Map.of("LISTEN_PID", "4711", "LISTEN_FDS", "2", "LISTEN_FDNAMES", "http"),
				PID))
			.extracting(InheritedSocket::name)
			.containsOnly("unknown");
	}

	@Test
	void theApplicationTakesTheSocketNamedHttpOrTheOnlyOneNotNamedManagement() {
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "unknown"))).forApplication())
			.contains(new InheritedSocket(3, "unknown"));
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "app.socket"))).forApplication())
			.as("named after its unit").contains(new InheritedSocket(3, "app.socket"));
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "management"), new InheritedSocket(4, "http")))
			.forApplication()).contains(new InheritedSocket(4, "http"));
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "unknown"), new InheritedSocket(4, "unknown")))
			.forApplication()).isEmpty();
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "management"))).forApplication()).isEmpty();
		assertThat(InheritedSockets.of(List.of(new InheritedSocket(3, "management"))).forManagement())
			.contains(new InheritedSocket(3, "management"));
	}

	@Test
	void aTakenSocketAcceptsThroughAJdkChannelThatReportsItsAddress() throws Exception {
		Linux.assumeLinux("the native calls are only made on Linux");
		SocketDescriptors calls = SocketDescriptors.get();
		// Stands for systemd's; never closed as a channel, since its descriptor number is given up when taken.
		ServerSocketChannel systemds = ServerSocketChannel.open()
			.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		InetSocketAddress address = (InetSocketAddress) systemds.getLocalAddress();
		int fd = descriptorOf(calls, address);
		ActivatedSocket activated = InheritedSockets.activate(new InheritedSocket(fd, "http"), calls);
		try {
			assertThat(activated.localAddress()).isEqualTo(address);
			assertThat(activated.channel().getLocalAddress()).as("what the JDK remembers").isNotEqualTo(address);
			assertThat(descriptorOf(calls, (InetSocketAddress) activated.channel().getLocalAddress()))
				.as("the JDK's own socket").isEqualTo(-1);
			try (SocketChannel client = SocketChannel.open(address); SocketChannel accepted = activated.channel().accept()) {
				client.write(ByteBuffer.wrap(new byte[] { 42 }));
				ByteBuffer read = ByteBuffer.allocate(1);
				accepted.read(read);
				assertThat(read.get(0)).isEqualTo((byte) 42);
			}
		}
		finally {
			activated.close();
		}
	}

	@Test
	void aDatagramSocketCannotBeTakenAndSaysWhatItIs() throws Exception {
		Linux.assumeLinux("the native calls are only made on Linux");
		SocketDescriptors calls = SocketDescriptors.get();
		try (DatagramChannel udp = DatagramChannel.open()
			.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
			int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
			int fd = -1;
			try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
				for (Path entry : fds) {
					int candidate = Integer.parseInt(entry.getFileName().toString());
					SocketDescription description = describe(calls, candidate);
					if (description != null && description.type() == SocketDescription.SOCK_DGRAM
							&& description.address() != null && description.address().getPort() == port) {
						fd = candidate;
					}
				}
			}
			int datagram = fd;
			assertThatExceptionOfType(InheritedSocketUnusableException.class)
				.isThrownBy(() -> InheritedSockets.activate(new InheritedSocket(datagram, "http"), calls))
				.withMessageContaining("descriptor " + datagram + " (http): a UDP socket")
				.satisfies((ex) -> assertThat(ex.getFix()).contains("ListenStream="));
		}
	}

	private static SocketDescription describe(SocketDescriptors calls, int fd) {
		try {
			return calls.describe(fd);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static int descriptorOf(SocketDescriptors calls, InetSocketAddress address) throws IOException {
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path entry : fds) {
				int fd = Integer.parseInt(entry.getFileName().toString());
				SocketDescription description = describe(calls, fd);
				if (description != null && description.listening() && address.equals(description.address())) {
					return fd;
				}
			}
		}
		return -1;
	}

}
