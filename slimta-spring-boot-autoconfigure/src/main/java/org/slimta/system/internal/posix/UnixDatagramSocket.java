package org.slimta.system.internal.posix;

import java.io.Closeable;
import java.io.IOException;

/**
 * A Unix-domain datagram socket, which the JDK does not offer (its Unix-domain channels are
 * stream only): through the JDK's foreign function API on JDK 22 and later, through
 * jnr-unixsocket before (see {@code NativeImplementation}). An address is a file system path, or a
 * Linux abstract name written with a leading {@code @}, as in systemd's {@code NOTIFY_SOCKET}.
 */
public final class UnixDatagramSocket implements Closeable {

	private static final int MAX_DATAGRAM = 65536;

	private final UnixDatagram socket;

	private UnixDatagramSocket(UnixDatagram socket) {
		this.socket = socket;
	}

	/**
	 * An unbound socket, to send from.
	 * @return the socket
	 * @throws IOException if it cannot be created
	 */
	public static UnixDatagramSocket open() throws IOException {
		return open(NativeImplementation.foreign());
	}

	/**
	 * An unbound socket made by one implementation, whichever the running JDK would choose: the
	 * tests run each one that this JVM can.
	 * @param foreign whether through the JDK's foreign function API (JDK 22+), or jnr-unixsocket
	 * @return the socket
	 * @throws IOException if it cannot be created
	 */
	static UnixDatagramSocket open(boolean foreign) throws IOException {
		if (!foreign) {
			return new UnixDatagramSocket(new JnrUnixDatagram());
		}
		if (Foreign.BOUND.failure() != null) {
			throw new IOException("cannot open a Unix datagram socket: " + Foreign.BOUND.failure().getMessage(),
					Foreign.BOUND.failure());
		}
		return new UnixDatagramSocket(Foreign.BOUND.get().open());
	}

	/**
	 * A socket bound to an address, to receive on.
	 * @param address a path, or {@code @name} for an abstract name
	 * @return the socket
	 * @throws IOException if it cannot be bound (for example, the address is taken)
	 */
	public static UnixDatagramSocket bind(String address) throws IOException {
		return bind(address, NativeImplementation.foreign());
	}

	static UnixDatagramSocket bind(String address, boolean foreign) throws IOException {
		UnixDatagramSocket socket = open(foreign);
		try {
			socket.socket.bind(socketPath(address));
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw new IOException("cannot bind " + address + ": " + ex.getMessage(), ex);
		}
		return socket;
	}

	/**
	 * Send one datagram from a socket of its own, closed right after, as {@code sd_notify} does:
	 * nothing stays open between messages.
	 * @param address a path, or {@code @name} for an abstract name
	 * @param message the datagram
	 * @throws IOException if it could not be sent (for example, nobody listens there)
	 */
	public static void sendOnce(String address, byte[] message) throws IOException {
		sendOnce(address, message, NativeImplementation.foreign());
	}

	static void sendOnce(String address, byte[] message, boolean foreign) throws IOException {
		try (UnixDatagramSocket sender = open(foreign)) {
			sender.send(address, message);
		}
	}

	/**
	 * Send one datagram.
	 * @param address a path, or {@code @name} for an abstract name
	 * @param message the datagram
	 * @throws IOException if it could not be sent (for example, nobody listens there)
	 */
	public void send(String address, byte[] message) throws IOException {
		String path = socketPath(address);
		int sent;
		try {
			sent = this.socket.send(path, message);
		}
		catch (IOException ex) {
			throw new IOException("cannot send to " + address + ": " + ex.getMessage(), ex);
		}
		if (sent != message.length) {
			throw new IOException("sent " + sent + " of " + message.length + " bytes to " + address);
		}
	}

	/**
	 * Wait for one datagram.
	 * @return the datagram
	 * @throws IOException if none could be received, for example once closed
	 */
	public byte[] receive() throws IOException {
		return this.socket.receive(MAX_DATAGRAM);
	}

	/**
	 * Close the socket; a {@link #receive()} waiting in another thread ends with an exception.
	 * @throws IOException if closing failed
	 */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	// The holder idiom: whether the foreign calls bind is decided once, on first use, with the cause.
	private static final class Foreign {

		static final LibcBinding<UnixDatagram.Factory> BOUND = LibcBinding.foreign(UnixDatagram.Factory.class,
				"ForeignUnixDatagram$Factory");

	}

	// The sun_path of an address: the abstract namespace is a name after a NUL byte, no file.
	static String socketPath(String address) {
		if (address.startsWith("@")) {
			return "\0" + address.substring(1);
		}
		if (!address.startsWith("/")) {
			throw new IllegalArgumentException("not an absolute path or an @abstract name: " + address);
		}
		return address;
	}

}
