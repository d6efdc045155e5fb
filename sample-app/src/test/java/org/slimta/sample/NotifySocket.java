package org.slimta.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slimta.system.posix.UnixDatagramSocket;

/**
 * A real datagram socket in systemd's place: what a child process sends to the address it was
 * given in {@code NOTIFY_SOCKET} (a path, or an abstract {@code @name}) is received here by a
 * thread of its own, one message at a time, with the moment it arrived.
 */
final class NotifySocket implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final String address;

	private final UnixDatagramSocket socket;

	private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile boolean closing;

	private NotifySocket(String address, UnixDatagramSocket socket) {
		this.address = address;
		this.socket = socket;
		this.reader = new Thread(this::read, "notify-socket");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static NotifySocket bind(Path path) throws IOException {
		return bind(path.toString());
	}

	/**
	 * Bind a path or an abstract name ({@code @name}).
	 */
	static NotifySocket bind(String address) throws IOException {
		return new NotifySocket(address, UnixDatagramSocket.bind(address));
	}

	/** The value of {@code NOTIFY_SOCKET} for the child. */
	String path() {
		return this.address;
	}

	/** The next message, waiting at most a minute for it. */
	String receive() throws Exception {
		return next().text();
	}

	/** The next message with the moment it arrived, waiting at most a minute for it. */
	Message next() throws Exception {
		return within(TIMEOUT).orElseThrow(() -> new AssertionError("no message from the child within " + TIMEOUT));
	}

	/** The next message, if one comes in time. */
	Optional<Message> within(Duration timeout) throws InterruptedException {
		return Optional.ofNullable(this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
	}

	/** The next message that matches, skipping the others. */
	String receive(Predicate<String> wanted) throws Exception {
		String message = receive();
		while (!wanted.test(message)) {
			message = receive();
		}
		return message;
	}

	private void read() {
		try {
			while (true) {
				byte[] datagram = this.socket.receive();
				if (this.closing) {
					return;
				}
				this.received.add(new Message(new String(datagram, StandardCharsets.UTF_8), System.nanoTime()));
			}
		}
		catch (IOException ex) {
			// Closed.
		}
	}

	@Override
	public void close() throws IOException {
		// The reader ends before the descriptor is closed: a socket bound later gets the same number,
		// and a reader still receiving on it would take that socket's messages.
		this.closing = true;
		try (UnixDatagramSocket waker = UnixDatagramSocket.open()) {
			waker.send(this.address, "closing".getBytes(StandardCharsets.UTF_8));
			this.reader.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.socket.close();
		}
		if (this.address.startsWith("/")) {
			Files.deleteIfExists(Path.of(this.address));
		}
	}

	/**
	 * One message as it arrived.
	 *
	 * @param text the {@code KEY=value} lines
	 * @param nanoTime when it arrived, in {@link System#nanoTime()}
	 */
	record Message(String text, long nanoTime) {

	}

}
