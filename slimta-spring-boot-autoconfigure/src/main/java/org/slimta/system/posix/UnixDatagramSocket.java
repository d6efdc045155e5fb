package org.slimta.system.posix;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * A Unix-domain datagram socket, which the JDK does not offer (its Unix-domain channels are
 * stream only), through jnr-unixsocket. An address is a file system path, or a Linux abstract
 * name written with a leading {@code @}, as in systemd's {@code NOTIFY_SOCKET}.
 */
public final class UnixDatagramSocket implements Closeable {

	private static final int MAX_DATAGRAM = 65536;

	private final UnixDatagramChannel channel;

	private UnixDatagramSocket(UnixDatagramChannel channel) {
		this.channel = channel;
	}

	/**
	 * An unbound socket, to send from.
	 * @return the socket
	 * @throws IOException if it cannot be created
	 */
	public static UnixDatagramSocket open() throws IOException {
		return new UnixDatagramSocket(UnixDatagramChannel.open());
	}

	/**
	 * A socket bound to an address, to receive on.
	 * @param address a path, or {@code @name} for an abstract name
	 * @return the socket
	 * @throws IOException if it cannot be bound (for example, the address is taken)
	 */
	public static UnixDatagramSocket bind(String address) throws IOException {
		UnixDatagramChannel channel = UnixDatagramChannel.open();
		try {
			channel.bind(socketAddress(address));
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw new IOException("cannot bind " + address + ": " + ex.getMessage(), ex);
		}
		return new UnixDatagramSocket(channel);
	}

	/**
	 * Send one datagram from a socket of its own, closed right after, as {@code sd_notify} does:
	 * nothing stays open between messages.
	 * @param address a path, or {@code @name} for an abstract name
	 * @param message the datagram
	 * @throws IOException if it could not be sent (for example, nobody listens there)
	 */
	public static void sendOnce(String address, byte[] message) throws IOException {
		try (UnixDatagramSocket sender = open()) {
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
		int sent;
		try {
			sent = this.channel.send(ByteBuffer.wrap(message), socketAddress(address));
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
	 * @throws IOException if none could be received
	 */
	public byte[] receive() throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
		this.channel.receive(buffer);
		buffer.flip();
		return Arrays.copyOf(buffer.array(), buffer.limit());
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	private static UnixSocketAddress socketAddress(String address) {
		if (address.startsWith("@")) {
			// the abstract namespace: a name after a NUL byte, no file
			return new UnixSocketAddress("\0" + address.substring(1));
		}
		if (!address.startsWith("/")) {
			throw new IllegalArgumentException("not an absolute path or an @abstract name: " + address);
		}
		return new UnixSocketAddress(address);
	}

}
