package org.slimta.system.internal.posix;

import java.io.Closeable;
import java.io.IOException;

/**
 * One Unix-domain datagram socket behind {@link UnixDatagramSocket}, made by jnr-unixsocket
 * ({@link JnrUnixDatagram}) or by the JDK's foreign function API ({@code ForeignUnixDatagram},
 * JDK 22+). Addresses reach it as {@code sun_path}: a file system path, or a NUL byte followed by
 * a Linux abstract name.
 */
interface UnixDatagram extends Closeable {

	/**
	 * Bind to an address.
	 * @param path the {@code sun_path}
	 * @throws IOException if it cannot be bound
	 */
	void bind(String path) throws IOException;

	/**
	 * Send one datagram.
	 * @param path the {@code sun_path} to send to
	 * @param message the datagram
	 * @return the count of bytes sent
	 * @throws IOException if it could not be sent
	 */
	int send(String path, byte[] message) throws IOException;

	/**
	 * Wait for one datagram.
	 * @param maximum the largest datagram received whole
	 * @return the datagram
	 * @throws IOException if none could be received, for example once closed
	 */
	byte[] receive(int maximum) throws IOException;

	/**
	 * Close the socket, once: a receive waiting in another thread returns with an exception.
	 * @throws IOException if closing failed
	 */
	@Override
	void close() throws IOException;

	/** Opens sockets of one implementation. */
	@FunctionalInterface
	interface Factory {

		/**
		 * An unbound socket.
		 * @return the socket
		 * @throws IOException if it cannot be created
		 */
		UnixDatagram open() throws IOException;

	}

}
