package org.slimta.system.internal;

import java.io.IOException;

import org.slimta.system.internal.posix.UnixDatagramSocket;
import org.slimta.system.testsupport.DatagramInbox;

/**
 * Sockets in systemd's place, on the starter's own Unix datagram binding.
 */
public final class NotifySockets {

	private NotifySockets() {
	}

	/**
	 * Bind an address and start receiving.
	 * @param address a path, or {@code @name} for an abstract name
	 * @return the inbox
	 * @throws IOException if the address cannot be bound
	 */
	public static DatagramInbox bind(String address) throws IOException {
		UnixDatagramSocket socket = UnixDatagramSocket.bind(address);
		return DatagramInbox.start(address, socket::receive, socket, UnixDatagramSocket::sendOnce);
	}

}
