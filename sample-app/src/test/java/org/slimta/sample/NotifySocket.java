package org.slimta.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.slimta.system.internal.posix.UnixDatagramSocket;
import org.slimta.system.testsupport.DatagramInbox;

/**
 * A real datagram socket in systemd's place: what a child process sends to the address it was
 * given in {@code NOTIFY_SOCKET} (a path, or an abstract {@code @name}) is received here, one
 * message at a time, with the moment it arrived. Waits as long as a child JVM may take.
 */
final class NotifySocket implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final DatagramInbox inbox;

	private NotifySocket(DatagramInbox inbox) {
		this.inbox = inbox;
	}

	static NotifySocket bind(Path path) throws IOException {
		return bind(path.toString());
	}

	static NotifySocket bind(String address) throws IOException {
		UnixDatagramSocket socket = UnixDatagramSocket.bind(address);
		return new NotifySocket(DatagramInbox.start(address, socket::receive, socket, UnixDatagramSocket::sendOnce));
	}

	String path() {
		return this.inbox.address();
	}

	String receive() throws InterruptedException {
		return this.inbox.next(TIMEOUT);
	}

	String receive(Predicate<String> wanted) throws InterruptedException {
		return this.inbox.next(TIMEOUT, wanted);
	}

	DatagramInbox.Message next() throws InterruptedException {
		return this.inbox.nextMessage(TIMEOUT);
	}

	Optional<DatagramInbox.Message> within(Duration timeout) throws InterruptedException {
		return this.inbox.within(timeout);
	}

	@Override
	public void close() throws IOException {
		this.inbox.close();
	}

}
