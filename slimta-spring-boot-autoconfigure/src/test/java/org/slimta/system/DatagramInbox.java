package org.slimta.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slimta.system.posix.UnixDatagramSocket;

/**
 * A real Unix datagram socket in systemd's place, read by one thread of its own into a queue, so
 * that a test can wait for the next message with a timeout without losing a later one.
 */
public final class DatagramInbox implements AutoCloseable {

	private final String address;

	private final UnixDatagramSocket socket;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile boolean closing;

	private DatagramInbox(String address, UnixDatagramSocket socket) {
		this.address = address;
		this.socket = socket;
		this.reader = new Thread(this::read, "datagram-inbox");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Bind an address and start receiving.
	 * @param address a path, or {@code @name} for an abstract name
	 * @return the inbox
	 * @throws IOException if the address cannot be bound
	 */
	public static DatagramInbox bind(String address) throws IOException {
		return new DatagramInbox(address, UnixDatagramSocket.bind(address));
	}

	/**
	 * The next message.
	 * @param timeout how long to wait at most
	 * @return the message
	 * @throws AssertionError if none came in time
	 */
	public String next(Duration timeout) throws InterruptedException {
		return within(timeout).orElseThrow(() -> new AssertionError("no message within " + timeout));
	}

	/**
	 * The next message, if one comes in time.
	 * @param timeout how long to wait at most
	 * @return the message, or empty
	 */
	public Optional<String> within(Duration timeout) throws InterruptedException {
		return Optional.ofNullable(this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
	}

	private void read() {
		try {
			while (true) {
				byte[] datagram = this.socket.receive();
				if (this.closing) {
					return;
				}
				this.received.add(new String(datagram, StandardCharsets.UTF_8));
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
	}

}
