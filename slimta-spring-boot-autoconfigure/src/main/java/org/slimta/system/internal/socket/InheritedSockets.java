package org.slimta.system.internal.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.slimta.system.internal.posix.PosixException;
import org.slimta.system.internal.posix.SocketDescription;
import org.slimta.system.internal.posix.SocketDescriptors;

/**
 * The listening sockets systemd passed to this process, read once per JVM from
 * {@code LISTEN_PID}, {@code LISTEN_FDS} and {@code LISTEN_FDNAMES} as {@code sd_listen_fds(3)}
 * reads them: only when {@code LISTEN_PID} is this process. Reading them removes the variables from
 * the C library's environment ({@code sd_listen_fds(unset_environment=1)}), so that no child
 * started with it can take them.
 * <p>
 * A server takes a socket by name ({@link #take(String)}); a socket once taken is close-on-exec,
 * and {@link #closeRemaining()} closes the ones no server took.
 */
public final class InheritedSockets {

	/** The name ({@code FileDescriptorName=}) of the socket the application's port serves on. */
	public static final String APPLICATION = "http";

	/** The name ({@code FileDescriptorName=}) of the socket a separate management port serves on. */
	public static final String MANAGEMENT = "management";

	/** The name systemd gives a socket whose unit names none. */
	public static final String UNNAMED = "unknown";

	/** The variables of the protocol. */
	public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");

	/**
	 * The system property that hands {@code LISTEN_FDS} to a JVM relaunched in place (same pid),
	 * whose environment no longer holds the variables.
	 */
	public static final String LISTEN_FDS_PROPERTY = "org.slimta.system.prepared.listen-fds";

	/** The system property that hands {@code LISTEN_FDNAMES} to a JVM relaunched in place. */
	public static final String LISTEN_FDNAMES_PROPERTY = "org.slimta.system.prepared.listen-fdnames";

	// SD_LISTEN_FDS_START
	private static final int FIRST = 3;

	private static @Nullable InheritedSockets current;

	private final Map<Integer, InheritedSocket> open;

	private final List<ActivatedSocket> taken = new ArrayList<>();

	private InheritedSockets(List<InheritedSocket> sockets) {
		this.open = new LinkedHashMap<>();
		sockets.forEach((socket) -> this.open.put(socket.fd(), socket));
	}

	/**
	 * The sockets systemd passed to this process, read on the first call, which also removes the
	 * variables from the C library's environment.
	 * @return the sockets, none if systemd passed none to this process
	 */
	public static synchronized InheritedSockets current() {
		if (current == null) {
			long pid = ProcessHandle.current().pid();
			List<InheritedSocket> sockets = parse(variables(System.getenv(), System.getProperties(), pid), pid);
			if (!sockets.isEmpty()) {
				SocketDescriptors calls = SocketDescriptors.get();
				VARIABLES.forEach(calls::unsetenv);
			}
			current = new InheritedSockets(sockets);
		}
		return current;
	}

	/**
	 * Whether systemd passed sockets to this process, without taking them: to this JVM, or to the
	 * one this JVM was relaunched from.
	 * @return whether {@code LISTEN_PID} is this process and {@code LISTEN_FDS} is at least one
	 */
	public static boolean passed() {
		long pid = ProcessHandle.current().pid();
		return !parse(variables(System.getenv(), System.getProperties(), pid), pid).isEmpty();
	}

	/**
	 * The JVM options that hand the sockets over to this JVM relaunched in place, whose
	 * environment will not hold the variables (see {@link #removeVariables()}).
	 * @param environment this JVM's environment
	 * @return the options, none if systemd passed no sockets to this process
	 */
	public static List<String> handOverOptions(Map<String, String> environment) {
		long pid = ProcessHandle.current().pid();
		List<InheritedSocket> sockets = parse(variables(environment, System.getProperties(), pid), pid);
		if (sockets.isEmpty()) {
			return List.of();
		}
		return List.of("-D" + LISTEN_FDS_PROPERTY + "=" + sockets.size(), "-D" + LISTEN_FDNAMES_PROPERTY + "="
				+ String.join(":", sockets.stream().map(InheritedSocket::name).toList()));
	}

	/**
	 * Remove the variables from the C library's environment, which {@code execv} passes on.
	 * @param environment this JVM's environment, to put them back with {@link #restoreVariables(Map)}
	 */
	public static void removeVariables(Map<String, String> environment) {
		SocketDescriptors calls = SocketDescriptors.get();
		VARIABLES.stream().filter(environment::containsKey).forEach(calls::unsetenv);
	}

	/**
	 * Put the variables back into the C library's environment, after an {@code execv} that failed.
	 * @param environment this JVM's environment
	 */
	public static void restoreVariables(Map<String, String> environment) {
		SocketDescriptors calls = SocketDescriptors.get();
		environment.forEach((name, value) -> {
			if (VARIABLES.contains(name)) {
				calls.setenv(name, value);
			}
		});
	}

	// The variables as systemd set them, or as the JVM this one was relaunched from handed them over.
	static Map<String, String> variables(Map<String, String> environment, Properties properties, long pid) {
		String fds = properties.getProperty(LISTEN_FDS_PROPERTY);
		if (fds == null) {
			return environment;
		}
		Map<String, String> handedOver = new LinkedHashMap<>();
		handedOver.put("LISTEN_PID", Long.toString(pid));
		handedOver.put("LISTEN_FDS", fds);
		String names = properties.getProperty(LISTEN_FDNAMES_PROPERTY);
		if (names != null) {
			handedOver.put("LISTEN_FDNAMES", names);
		}
		return handedOver;
	}

	/**
	 * The sockets an environment passes to a process, as {@code sd_listen_fds_with_names(3)}.
	 * @param environment the environment
	 * @param pid the process
	 * @return the sockets, none when {@code LISTEN_PID} is another process or a variable is missing
	 * or malformed
	 */
	static List<InheritedSocket> parse(Map<String, String> environment, long pid) {
		String listenPid = environment.get("LISTEN_PID");
		String listenFds = environment.get("LISTEN_FDS");
		if (listenPid == null || listenFds == null || !listenPid.trim().equals(Long.toString(pid))) {
			return List.of();
		}
		int count;
		try {
			count = Integer.parseInt(listenFds.trim());
		}
		catch (NumberFormatException ex) {
			return List.of();
		}
		String names = environment.get("LISTEN_FDNAMES");
		String[] split = (names != null) ? names.split(":", -1) : new String[0];
		// As sd_listen_fds_with_names: names that do not match the count are ignored.
		boolean named = split.length == count;
		List<InheritedSocket> sockets = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = (named && !split[i].isEmpty()) ? split[i] : UNNAMED;
			sockets.add(new InheritedSocket(FIRST + i, name));
		}
		return sockets;
	}

	/**
	 * How many sockets systemd passed.
	 * @return the number, taken or not
	 */
	public synchronized int count() {
		return this.open.size() + this.taken.size();
	}

	/**
	 * Whether systemd passed none.
	 * @return whether there are none
	 */
	public synchronized boolean isEmpty() {
		return count() == 0;
	}

	/**
	 * The sockets servers took.
	 * @return the sockets, in the order taken
	 */
	public synchronized List<ActivatedSocket> taken() {
		return List.copyOf(this.taken);
	}

	/**
	 * The sockets not taken yet.
	 * @return the sockets
	 */
	public synchronized List<InheritedSocket> remaining() {
		return List.copyOf(this.open.values());
	}

	/**
	 * The socket the application's port serves on: the one named {@link #APPLICATION}, or the only
	 * one unless it is named {@link #MANAGEMENT} (systemd names a socket after its unit, for example
	 * {@code app.socket}, where the unit gives it no {@code FileDescriptorName=}).
	 * @return the socket, if systemd passed one for it
	 */
	public synchronized Optional<InheritedSocket> forApplication() {
		Optional<InheritedSocket> named = find(APPLICATION);
		if (named.isPresent() || count() != 1) {
			return named;
		}
		return this.open.values().stream().filter((socket) -> !socket.name().equals(MANAGEMENT)).findFirst();
	}

	/**
	 * The socket a separate management port serves on: the one named {@link #MANAGEMENT}.
	 * @return the socket, if systemd passed one for it
	 */
	public synchronized Optional<InheritedSocket> forManagement() {
		return find(MANAGEMENT);
	}

	private Optional<InheritedSocket> find(String name) {
		return this.open.values().stream().filter((socket) -> socket.name().equals(name)).findFirst();
	}

	/**
	 * Take a socket for a server: check that a web server can serve on it, and make it the
	 * descriptor of a JDK channel of its address family, close-on-exec.
	 * @param socket the socket, one of {@link #remaining()}
	 * @return the channel to accept on
	 * @throws InheritedSocketUnusableException if it is not a listening TCP socket
	 */
	public synchronized ActivatedSocket take(InheritedSocket socket) {
		if (this.open.remove(socket.fd()) == null) {
			throw new IllegalStateException(socket + " was taken already");
		}
		ActivatedSocket activated = activate(socket, SocketDescriptors.get());
		this.taken.add(activated);
		return activated;
	}

	/**
	 * Close every socket no server took.
	 * @return the sockets closed
	 */
	public synchronized List<InheritedSocket> closeRemaining() {
		List<InheritedSocket> closed = new ArrayList<>(this.open.values());
		this.open.clear();
		if (!closed.isEmpty()) {
			SocketDescriptors calls = SocketDescriptors.get();
			closed.forEach((socket) -> calls.close(socket.fd()));
		}
		return closed;
	}

	static ActivatedSocket activate(InheritedSocket socket, SocketDescriptors calls) {
		SocketDescription description;
		try {
			description = calls.describe(socket.fd());
		}
		catch (PosixException ex) {
			throw new InheritedSocketUnusableException(socket.toString(), "not open (" + ex.getMessage() + ")",
					"check the Sockets= of the service and the FileDescriptorName= of its socket units");
		}
		if (description == null || !description.isListeningInternetStream()) {
			String what = (description != null) ? description.describe() : "not a socket";
			throw new InheritedSocketUnusableException(socket.toString(),
					what + ", where a web server needs a listening TCP socket of IPv4 or IPv6",
					"make it a ListenStream= of an IP address and port (not a path, not ListenDatagram=, not Accept=yes)");
		}
		// A listening Internet stream socket has its address.
		InetSocketAddress address = Objects.requireNonNull(description.address());
		boolean ipv6 = description.family() == SocketDescription.AF_INET6;
		try {
			ServerSocketChannel channel = ServerSocketChannel
				.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
			try {
				// A descriptor of the JDK's own, which the inherited socket then replaces.
				channel.bind(new InetSocketAddress(InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"), 0), 1);
				int target = descriptorOf(calls, (InetSocketAddress) channel.getLocalAddress());
				calls.move(socket.fd(), target);
				return new ActivatedSocket(socket, channel, address);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Taking " + socket + " failed", ex);
		}
	}

	// The descriptor of this process that listens on an address: the JDK does not say which it is.
	private static int descriptorOf(SocketDescriptors calls, InetSocketAddress address) throws IOException {
		List<Integer> found = new ArrayList<>();
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path entry : fds) {
				int fd = Integer.parseInt(entry.getFileName().toString());
				Path target;
				try {
					target = Files.readSymbolicLink(entry);
				}
				catch (IOException ex) {
					continue;
				}
				if (target.toString().startsWith("socket:")) {
					SocketDescription description = calls.describe(fd);
					if (description != null && description.listening() && address.equals(description.address())) {
						found.add(fd);
					}
				}
			}
		}
		if (found.size() != 1) {
			throw new IOException("expected one descriptor listening on " + address + ", found " + found);
		}
		return found.get(0);
	}

	/**
	 * The sockets of an environment, for tests of the wiring.
	 * @param sockets the sockets
	 * @return the registry
	 */
	static InheritedSockets of(List<InheritedSocket> sockets) {
		return new InheritedSockets(Collections.unmodifiableList(sockets));
	}

}
