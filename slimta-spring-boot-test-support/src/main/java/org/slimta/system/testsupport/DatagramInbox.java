package org.slimta.system.testsupport;

import java.io.Closeable;
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

/**
 * A real Unix datagram socket in systemd's place, read by one thread of its own into a queue, so
 * that a test can wait for the next message with a timeout without losing a later one. The socket
 * itself comes from the code under test's own binding ({@code UnixDatagramSocket}), which this
 * module does not depend on.
 */
public final class DatagramInbox implements AutoCloseable {

	private static final byte[] WAKE_UP = "closing".getBytes(StandardCharsets.UTF_8);

	private final String address;

	private final Receiver receiver;

	private final Closeable socket;

	private final Sender sender;

	private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile boolean closing;

	private DatagramInbox(String address, Receiver receiver, Closeable socket, Sender sender) {
		this.address = address;
		this.receiver = receiver;
		this.socket = socket;
		this.sender = sender;
		this.reader = new Thread(this::read, "datagram-inbox");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Start receiving on a socket bound to an address.
	 * @param address the address the socket is bound to: a path, or {@code @name} for an abstract
	 * name
	 * @param receiver how to wait for one datagram on the bound socket
	 * @param socket the bound socket, closed with the inbox
	 * @param sender how to send one datagram to an address, to wake the reader when closing
	 * @return the inbox
	 */
	public static DatagramInbox start(String address, Receiver receiver, Closeable socket, Sender sender) {
		return new DatagramInbox(address, receiver, socket, sender);
	}

	/**
	 * The address messages are received on.
	 * @return a path, or {@code @name} for an abstract name
	 */
	public String address() {
		return this.address;
	}

	/**
	 * The text of the next message.
	 * @param timeout how long to wait at most
	 * @return the message's {@code KEY=value} lines
	 * @throws AssertionError if none came in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String next(Duration timeout) throws InterruptedException {
		return nextMessage(timeout).text();
	}

	/**
	 * The text of the next message that a test wants, skipping the others.
	 * @param timeout how long to wait at most for each message
	 * @param wanted which message
	 * @return the message's {@code KEY=value} lines
	 * @throws AssertionError if none came in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String next(Duration timeout, Predicate<String> wanted) throws InterruptedException {
		String message = next(timeout);
		while (!wanted.test(message)) {
			message = next(timeout);
		}
		return message;
	}

	/**
	 * The next message, with the moment it arrived.
	 * @param timeout how long to wait at most
	 * @return the message
	 * @throws AssertionError if none came in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Message nextMessage(Duration timeout) throws InterruptedException {
		return within(timeout).orElseThrow(() -> new AssertionError("no message on " + this.address + " within " + timeout));
	}

	/**
	 * The next message, if one comes in time.
	 * @param timeout how long to wait at most
	 * @return the message, or empty
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Optional<Message> within(Duration timeout) throws InterruptedException {
		return Optional.ofNullable(this.received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
	}

	private void read() {
		try {
			while (true) {
				byte[] datagram = this.receiver.receive();
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
		try {
			this.sender.send(this.address, WAKE_UP);
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

	/** Receives on a socket bound to the inbox's address. */
	@FunctionalInterface
	public interface Receiver {

		/**
		 * Wait for one datagram.
		 * @return the datagram
		 * @throws IOException if none can be received, for example once closed
		 */
		byte[] receive() throws IOException;

	}

	/** Sends one datagram from a socket of its own. */
	@FunctionalInterface
	public interface Sender {

		/**
		 * Send one datagram.
		 * @param address where to
		 * @param datagram what
		 * @throws IOException if it could not be sent
		 */
		void send(String address, byte[] datagram) throws IOException;

	}

	/**
	 * One message as it arrived.
	 *
	 * @param text the {@code KEY=value} lines
	 * @param nanoTime when it arrived, in {@link System#nanoTime()}
	 */
	public record Message(String text, long nanoTime) {

	}

}
