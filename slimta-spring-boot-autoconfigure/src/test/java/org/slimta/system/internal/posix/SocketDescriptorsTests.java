package org.slimta.system.internal.posix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slimta.system.testsupport.Linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SocketDescriptors} through every implementation of the native calls this JVM runs: jnr
 * always, the JDK's foreign function API on JDK 22 and later.
 */
class SocketDescriptorsTests {

	@BeforeEach
	void onLinux() {
		Linux.assumeLinux("the native calls are only made on Linux");
	}

	static Stream<SocketDescriptors> implementations() {
		List<SocketDescriptors> implementations = new ArrayList<>();
		implementations.add(new SocketDescriptors(JnrSocketCalls.bind().get()));
		if (Runtime.version().feature() >= 22) {
			implementations.add(new SocketDescriptors(NativeImplementation.instantiate(SocketCalls.class, "ForeignSocketCalls")));
		}
		return implementations.stream();
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void describesListeningTcpSocketsOfBothFamiliesAndADatagramSocket(SocketDescriptors calls) throws Exception {
		try (ServerSocketChannel ipv4 = listening(StandardProtocolFamily.INET, "127.0.0.1");
				ServerSocketChannel ipv6 = listening(StandardProtocolFamily.INET6, "::1");
				DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)
					.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			SocketDescription v4 = calls.describe(descriptorOf(calls, (InetSocketAddress) ipv4.getLocalAddress()));
			assertThat(v4.family()).isEqualTo(SocketDescription.AF_INET);
			assertThat(v4.isListeningInternetStream()).isTrue();
			assertThat(v4.address()).isEqualTo(ipv4.getLocalAddress());
			assertThat(v4.describe()).isEqualTo("a listening TCP socket (IPv4) on 127.0.0.1:"
					+ ((InetSocketAddress) ipv4.getLocalAddress()).getPort());
			SocketDescription v6 = calls.describe(descriptorOf(calls, (InetSocketAddress) ipv6.getLocalAddress()));
			assertThat(v6.family()).isEqualTo(SocketDescription.AF_INET6);
			assertThat(v6.address()).isEqualTo(ipv6.getLocalAddress());
			InetSocketAddress udpAddress = (InetSocketAddress) udp.getLocalAddress();
			SocketDescription datagram = sockets(calls).stream()
				.filter((socket) -> socket.type() == SocketDescription.SOCK_DGRAM && udpAddress.equals(socket.address()))
				.findFirst()
				.orElseThrow();
			assertThat(datagram.isListeningInternetStream()).isFalse();
			assertThat(datagram.describe()).isEqualTo("a UDP socket (IPv4) on 127.0.0.1:" + udpAddress.getPort());
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void aDescriptorThatIsNoSocketHasNoDescriptionAndAClosedOneFails(SocketDescriptors calls) {
		assertThat(calls.describe(0)).as("standard input").isNull();
		assertThat(calls.isOpen(Integer.MAX_VALUE - 1)).isFalse();
		assertThatExceptionOfType(PosixException.class).isThrownBy(() -> calls.describe(Integer.MAX_VALUE - 1))
			.satisfies((ex) -> assertThat(ex.getErrnoName()).isEqualTo("EBADF"));
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void movesASocketOntoAnotherDescriptorCloseOnExecAndClosesTheOldNumber(SocketDescriptors calls) throws Exception {
		// Never closed: its descriptor number is given up by the move, and may belong to another file by then.
		ServerSocketChannel moved = listening(StandardProtocolFamily.INET, "127.0.0.1");
		try (ServerSocketChannel replaced = listening(StandardProtocolFamily.INET, "127.0.0.1")) {
			InetSocketAddress address = (InetSocketAddress) moved.getLocalAddress();
			int from = descriptorOf(calls, address);
			int to = descriptorOf(calls, (InetSocketAddress) replaced.getLocalAddress());
			calls.move(from, to);
			assertThat(calls.isOpen(from)).isFalse();
			assertThat(calls.describe(to).address()).isEqualTo(address);
			String flags = Files.readAllLines(Path.of("/proc/self/fdinfo/" + to)).stream()
				.filter((line) -> line.startsWith("flags:"))
				.findFirst()
				.orElseThrow();
			assertThat(Integer.parseInt(flags.substring(6).strip(), 8) & OpenFlags.O_CLOEXEC).isNotZero();
			// What the JDK reports for the channel is what it was bound to, not the socket now behind it.
			try (var client = java.nio.channels.SocketChannel.open(address)) {
				assertThat(replaced.accept()).isNotNull();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("implementations")
	void setsAndUnsetsAVariableOfTheCLibrarysEnvironment(SocketDescriptors calls) {
		String name = "SLIMTA_SOCKET_DESCRIPTORS_TESTS";
		// libc's getenv, which reads what execv and posix_spawn pass on; System.getenv() is the JVM's copy.
		POSIX libc = POSIXFactory.getNativePOSIX(new ErrorThrowingHandler());
		calls.setenv(name, "set");
		assertThat(libc.getenv(name)).isEqualTo("set");
		calls.unsetenv(name);
		assertThat(libc.getenv(name)).isNull();
		assertThat(System.getenv(name)).isNull();
	}

	static ServerSocketChannel listening(StandardProtocolFamily family, String address) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open(family);
		channel.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
		return channel;
	}

	static int descriptorOf(SocketDescriptors calls, InetSocketAddress address) throws IOException {
		return sockets(calls).stream()
			.filter((socket) -> socket.listening() && address.equals(socket.address()))
			.mapToInt(SocketDescription::fd)
			.findFirst()
			.orElseThrow();
	}

	private static List<SocketDescription> sockets(SocketDescriptors calls) throws IOException {
		List<SocketDescription> sockets = new ArrayList<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path entry : fds) {
				int fd = Integer.parseInt(entry.getFileName().toString());
				try {
					if (Files.readSymbolicLink(entry).toString().startsWith("socket:")) {
						sockets.add(calls.describe(fd));
					}
				}
				catch (IOException | PosixException ex) {
					// closed meanwhile
				}
			}
		}
		return sockets;
	}

}
